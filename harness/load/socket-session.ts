// Runs one Socket.IO session of the load (a RequestSpec with method 'SOCKET') and says how it was
// answered, in the Sample's terms: an outcome ('acked', 'refused' at the handshake with the server's
// reason, 'error-ack' with the acknowledgement's code), or no answer at all (status null with an
// errorClass, as for HTTP: 'timeout' when the whole session outlasted its budget, a connection
// error when nothing listened or the server dropped the socket). A held session stays connected
// after its last acknowledgement until `release` aborts, and says when and by whom it was closed.
// Never throws.
import { io, type Socket } from 'socket.io-client';
import type { ErrorClass, Sample, SocketOutcome } from '../timeline/types.ts';
import { classifyError } from './classify-error.ts';
import type { SocketSessionSpec } from './types.ts';

export type SessionAnswer = Pick<
  Sample,
  'endedAtMs' | 'status' | 'errorClass' | 'errorCode' | 'errorMessage' | 'socket'
>;

type AckResponse = { ok?: unknown; error?: { code?: unknown } };

class NoAnswer extends Error {
  constructor(
    readonly errorClass: Exclude<ErrorClass, 'dropped'>,
    message: string,
  ) {
    super(message);
  }
}

/** A connect_error the server sent (middleware refusal) carries `data`; transport failures do not. */
const isServerRefusal = (error: Error): boolean => Object.hasOwn(error, 'data');

function transportFailure(error: Error & { description?: unknown }): NoAnswer {
  const description = error.description as { error?: unknown } | undefined;
  const errorClass = classifyError({ cause: description?.error ?? description });
  return new NoAnswer(errorClass, `handshake failed: ${error.message}`);
}

function connect(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error: Error) => reject(error));
    socket.connect();
  });
}

/** Until `release` aborts or the socket closes; true when the socket closed first (it was dropped). */
function hold(socket: Socket, release: AbortSignal | undefined): Promise<boolean> {
  if (!socket.connected) return Promise.resolve(true);
  return new Promise((resolve) => {
    const released = (): void => {
      socket.off('disconnect', dropped);
      resolve(false);
    };
    const dropped = (): void => {
      release?.removeEventListener('abort', released);
      resolve(true);
    };
    socket.once('disconnect', dropped);
    if (release?.aborted === true) released();
    else release?.addEventListener('abort', released, { once: true });
  });
}

/**
 * Runs the session within `timeoutMs` (the whole session, like an HTTP request's whole exchange);
 * a held one (`session.hold`) then stays connected until `release` aborts.
 */
export async function runSocketSession(
  appUrl: string,
  session: SocketSessionSpec,
  timeoutMs: number,
  now: () => number,
  release?: AbortSignal,
): Promise<SessionAnswer> {
  const socket = io(appUrl, {
    auth: { token: session.token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    autoConnect: false,
    // The session's own deadline decides; the manager's connect timeout must not fire first.
    timeout: timeoutMs + 1_000,
  });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NoAnswer('timeout', `no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  const answered = (outcome: SocketOutcome, errorCode: string | null): SessionAnswer => ({
    endedAtMs: now(),
    status: null,
    errorClass: null,
    errorCode,
    socket: outcome,
  });
  const run = async (): Promise<SessionAnswer> => {
    try {
      await connect(socket);
    } catch (error) {
      if (error instanceof Error && isServerRefusal(error))
        return answered({ outcome: 'refused', step: 'connect' }, error.message);
      throw transportFailure(error as Error);
    }
    const admittedAtMs = now();
    for (const { event, payload } of session.emits) {
      let response: AckResponse;
      try {
        response = (await socket.emitWithAck(event, payload)) as AckResponse;
      } catch (error) {
        // The server closed the socket before acknowledging (socket.io-client clears pending acks).
        throw new NoAnswer('ECONNRESET', `${event}: ${(error as Error).message}`);
      }
      if (response?.ok !== true) {
        const code = typeof response?.error?.code === 'string' ? response.error.code : 'UNKNOWN';
        return answered({ outcome: 'error-ack', step: event, admittedAtMs }, code);
      }
    }
    return answered({ outcome: 'acked', step: session.emits.at(-1)?.event ?? 'connect', admittedAtMs }, null);
  };
  try {
    const answer = await Promise.race([run(), deadline]);
    clearTimeout(timer);
    if (session.hold !== true || answer.socket?.outcome !== 'acked') return answer;
    const heldAtMs = answer.endedAtMs;
    const dropped = await hold(socket, release);
    const closedAtMs = now();
    return { ...answer, endedAtMs: closedAtMs, socket: { ...answer.socket, heldAtMs, closedAtMs, dropped } };
  } catch (error) {
    const noAnswer = error instanceof NoAnswer ? error : new NoAnswer('other', String((error as Error)?.message));
    return {
      endedAtMs: now(),
      status: null,
      errorClass: noAnswer.errorClass,
      errorCode: null,
      ...(noAnswer.errorClass === 'other' || noAnswer.errorClass === 'ECONNRESET'
        ? { errorMessage: noAnswer.message.slice(0, 200) }
        : {}),
    };
  } finally {
    clearTimeout(timer);
    socket.disconnect();
  }
}
