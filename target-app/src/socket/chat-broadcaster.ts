// Lets services announce chat changes without knowing about Socket.IO, which is set up after them
// in the startup sequence. Until Socket.IO is attached, announcements go nowhere.
import type { Server } from 'socket.io';

export interface ChatMessagePayload {
  id: string;
  eventId: string;
  authorId: string;
  body: string;
  createdAt: string;
}

export class ChatBroadcaster {
  private io: Server | undefined;

  attach(io: Server): void {
    this.io = io;
  }

  static room(eventId: string): string {
    return `event:${eventId}`;
  }

  messageCreated(message: ChatMessagePayload): void {
    this.io?.to(ChatBroadcaster.room(message.eventId)).emit('chat:message', message);
  }

  messageDeleted(eventId: string, messageId: string, reason: string | null): void {
    this.io?.to(ChatBroadcaster.room(eventId)).emit('chat:deleted', { eventId, messageId, reason });
  }
}
