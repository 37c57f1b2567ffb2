// Error answers, byte for byte where clients can see them: status, `{"error", "status"}` body and
// Toxiproxy 2.12's messages.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeAll, startEchoServer, startTestToxiproxy } from './testing/fixtures.ts';

let url: string;
let upstream: string;

beforeAll(async () => {
  ({
    server: { url },
  } = await startTestToxiproxy());
  upstream = `127.0.0.1:${(await startEchoServer()).port}`;
});
afterAll(closeAll);
beforeEach(async () => {
  for (const name of Object.keys((await (await fetch(`${url}/proxies`)).json()) as object)) {
    await fetch(`${url}/proxies/${name}`, { method: 'DELETE' });
  }
});

async function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown; contentType: string | null }> {
  const response = await fetch(`${url}${path}`, {
    method,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed, contentType: response.headers.get('content-type') };
}

const error = (status: number, message: string) => ({ status, body: { error: message, status } });

describe('proxy errors', () => {
  it('409 proxy already exists', async () => {
    await call('POST', '/proxies', { name: 'p', listen: '127.0.0.1:0', upstream });
    expect(await call('POST', '/proxies', { name: 'p', listen: '127.0.0.1:0', upstream })).toMatchObject(
      error(409, 'proxy already exists'),
    );
  });

  it('404 proxy not found, on every proxy route', async () => {
    for (const [method, path] of [
      ['GET', '/proxies/none'],
      ['PATCH', '/proxies/none'],
      ['POST', '/proxies/none'],
      ['DELETE', '/proxies/none'],
      ['GET', '/proxies/none/toxics'],
      ['POST', '/proxies/none/toxics'],
      ['GET', '/proxies/none/toxics/t'],
      ['DELETE', '/proxies/none/toxics/t'],
    ] as const) {
      expect(await call(method, path, method === 'GET' || method === 'DELETE' ? undefined : {})).toMatchObject(
        error(404, 'proxy not found'),
      );
    }
  });

  it('400 missing required field: name / upstream', async () => {
    expect(await call('POST', '/proxies', { listen: '127.0.0.1:0', upstream })).toMatchObject(
      error(400, 'missing required field: name'),
    );
    expect(await call('POST', '/proxies', { name: 'p', listen: '127.0.0.1:0' })).toMatchObject(
      error(400, 'missing required field: upstream'),
    );
  });

  it('400 bad request body with the parser message', async () => {
    const malformed = await call('POST', '/proxies', '{"name": ');
    expect(malformed.status).toBe(400);
    expect((malformed.body as { error: string }).error).toMatch(/^bad request body: .+/);
    expect(await call('POST', '/proxies', '')).toMatchObject(error(400, 'bad request body: EOF'));
    const wrongType = await call('POST', '/proxies', { name: 7, upstream });
    expect((wrongType.body as { error: string }).error).toMatch(/^bad request body: name: /);
  });

  it('500 with Go wording when the listen address is taken', async () => {
    const first = (await call('POST', '/proxies', { name: 'a', listen: '127.0.0.1:0', upstream })).body as {
      listen: string;
    };
    expect(await call('POST', '/proxies', { name: 'b', listen: first.listen, upstream })).toMatchObject(
      error(500, `listen tcp ${first.listen}: bind: address already in use`),
    );
    expect((await call('GET', '/proxies')).body).not.toHaveProperty('b');
  });

  it('answers errors as Toxiproxy does: JSON text, newline-terminated, text/plain', async () => {
    const response = await fetch(`${url}/proxies/none`);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe('{"error":"proxy not found","status":404}\n');
  });
});

describe('toxic errors', () => {
  beforeEach(async () => {
    await call('POST', '/proxies', { name: 'p', listen: '127.0.0.1:0', upstream });
  });

  it('409 toxic already exists, across streams too', async () => {
    await call('POST', '/proxies/p/toxics', { name: 't', type: 'latency', stream: 'upstream' });
    expect(await call('POST', '/proxies/p/toxics', { name: 't', type: 'latency', stream: 'downstream' })).toMatchObject(
      error(409, 'toxic already exists'),
    );
  });

  it('404 toxic not found', async () => {
    expect(await call('GET', '/proxies/p/toxics/none')).toMatchObject(error(404, 'toxic not found'));
    expect(await call('PATCH', '/proxies/p/toxics/none', { toxicity: 1 })).toMatchObject(error(404, 'toxic not found'));
    expect(await call('DELETE', '/proxies/p/toxics/none')).toMatchObject(error(404, 'toxic not found'));
  });

  it('400 invalid toxic type', async () => {
    expect(await call('POST', '/proxies/p/toxics', { type: 'walrus' })).toMatchObject(error(400, 'invalid toxic type'));
    expect(await call('POST', '/proxies/p/toxics', {})).toMatchObject(error(400, 'invalid toxic type'));
  });

  it('400 invalid stream (stream is matched case-insensitively and echoed back)', async () => {
    expect(await call('POST', '/proxies/p/toxics', { type: 'latency', stream: 'sideways' })).toMatchObject(
      error(400, 'stream was invalid, can be either upstream or downstream'),
    );
    expect((await call('POST', '/proxies/p/toxics', { type: 'latency', stream: 'UPSTREAM' })).body).toMatchObject({
      name: 'latency_UPSTREAM',
      stream: 'UPSTREAM',
    });
  });

  it('400 bad request body for attributes that are not integers, and nothing changes', async () => {
    const response = await call('POST', '/proxies/p/toxics', { type: 'latency', attributes: { latency: 'slow' } });
    expect(response.status).toBe(400);
    expect((response.body as { error: string }).error).toMatch(/^bad request body: attributes\.latency/);
    expect((await call('GET', '/proxies/p/toxics')).body).toEqual([]);
  });
});

describe('routing', () => {
  it('404 for unknown paths and 405 for unknown methods, as gorilla/mux answers', async () => {
    expect(await call('GET', '/nothing')).toMatchObject({ status: 404, body: '404 page not found\n' });
    expect((await call('PUT', '/proxies')).status).toBe(405);
  });

  it('refuses browsers (403), as Toxiproxy does', async () => {
    const response = await fetch(`${url}/proxies`, { headers: { 'User-Agent': 'Mozilla/5.0' } });
    expect(response.status).toBe(403);
  });

  it('populate reports the failing entry with its position and changes nothing', async () => {
    const response = await call('POST', '/populate', [
      { name: 'one', listen: '127.0.0.1:0', upstream },
      { name: '', listen: '127.0.0.1:0', upstream },
    ]);
    expect(response).toMatchObject({
      status: 400,
      body: { error: 'missing required field: name at proxy 2', status: 400 },
    });
    expect((await call('GET', '/proxies')).body).toEqual({});
  });
});
