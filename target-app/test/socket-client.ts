// A Socket.IO client for tests: connect with a token (resolves on connect, rejects with the server's
// refusal), emit with an acknowledgement, and wait for the next broadcast of an event.
import { io, type Socket } from 'socket.io-client';

export type { Socket as ClientSocket };

export const ACK_TIMEOUT_MS = 5_000;

export function connectSocket(url: string, token: string | undefined): Promise<Socket> {
  const socket = io(url, {
    auth: token === undefined ? {} : { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

export function emitAck<T = any>(socket: Socket, event: string, payload?: unknown): Promise<T> {
  const timed = socket.timeout(ACK_TIMEOUT_MS);
  return (payload === undefined ? timed.emitWithAck(event) : timed.emitWithAck(event, payload)) as Promise<T>;
}

export function nextEvent<T = any>(socket: Socket, event: string, timeoutMs = ACK_TIMEOUT_MS): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, onEvent);
      reject(new Error(`no '${event}' within ${timeoutMs} ms`));
    }, timeoutMs);
    const onEvent = (payload: T): void => {
      clearTimeout(timer);
      resolve(payload);
    };
    socket.once(event, onEvent);
  });
}

/** Collects every payload of `event` the socket receives from now on. */
export function record<T = any>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}
