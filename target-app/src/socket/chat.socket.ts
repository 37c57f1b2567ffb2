// PLACEHOLDER: replaced by the real chat socket.
import type { Server } from 'socket.io';
import type { ServiceContext } from '../services/context.ts';

export function attachChatSocket(_io: Server, _ctx: ServiceContext): void {}
