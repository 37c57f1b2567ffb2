// The HTTP side of the API: routing, request bodies, and the one place where errors become
// responses. Handlers only see parsed requests and return replies; they never touch `res`.
// Changes are serialised (one at a time), as Toxiproxy's locks serialise them.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { ToxiproxyApiError } from '../errors.ts';
import { parseJsonText } from './request-bodies.ts';

export interface ApiRequest {
  method: string;
  params: Record<string, string>;
  /** The body parsed as JSON; a malformed or empty body is `400 bad request body`. */
  json(): unknown;
}

export type ApiReply =
  { status: number; json: unknown } | { status: number; text: string; contentType: string } | { status: number };

export type Handler = (request: ApiRequest) => ApiReply | Promise<ApiReply>;

export interface Route {
  /** e.g. "/proxies/{proxy}/toxics/{toxic}" */
  path: string;
  methods: Partial<Record<'GET' | 'POST' | 'PATCH' | 'DELETE', Handler>>;
}

interface CompiledRoute extends Route {
  pattern: RegExp;
  names: string[];
}

const MAX_BODY_BYTES = 1024 * 1024;

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { ...route, pattern: new RegExp(`^${source}$`), names };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.once('error', reject);
  });
}

function send(response: ServerResponse, reply: ApiReply): void {
  if ('json' in reply) {
    response.writeHead(reply.status, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(reply.json));
  } else if ('text' in reply) {
    response.writeHead(reply.status, { 'Content-Type': reply.contentType });
    response.end(reply.text);
  } else {
    response.writeHead(reply.status);
    response.end();
  }
}

/** Toxiproxy answers errors through Go's http.Error: the JSON body as text/plain, newline-terminated. */
function errorReply(error: unknown): ApiReply {
  const apiError =
    error instanceof ToxiproxyApiError
      ? error
      : { status: 500, toJSON: () => ({ error: String((error as Error)?.message ?? error), status: 500 }) };
  return {
    status: apiError.status,
    text: `${JSON.stringify(apiError.toJSON())}\n`,
    contentType: 'text/plain; charset=utf-8',
  };
}

export function createApiListener(routes: Route[]): RequestListener {
  const compiled = routes.map(compile);
  let serial: Promise<unknown> = Promise.resolve();
  const serialise = <T>(work: () => Promise<T>): Promise<T> => {
    const result = serial.then(work, work);
    serial = result.catch(() => undefined);
    return result;
  };

  return (request, response) => {
    void (async () => {
      // Toxiproxy refuses browsers, so a web page cannot drive it through the victim's machine.
      if ((request.headers['user-agent'] ?? '').startsWith('Mozilla/')) {
        return send(response, {
          status: 403,
          text: 'User agent not allowed\n',
          contentType: 'text/plain; charset=utf-8',
        });
      }
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      for (const route of compiled) {
        const match = route.pattern.exec(path);
        if (match === null) continue;
        const method = (request.method ?? 'GET') as keyof Route['methods'];
        const handler = route.methods[method];
        if (handler === undefined) return send(response, { status: 405 });
        const params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
        const text = await readBody(request);
        const apiRequest: ApiRequest = { method, params, json: () => parseJsonText(text) };
        const run = async () => handler(apiRequest);
        try {
          return send(response, await (method === 'GET' ? run() : serialise(run)));
        } catch (error) {
          return send(response, errorReply(error));
        }
      }
      send(response, { status: 404, text: '404 page not found\n', contentType: 'text/plain; charset=utf-8' });
    })().catch((error: unknown) => {
      if (!response.headersSent) send(response, errorReply(error));
      else response.destroy();
    });
  };
}
