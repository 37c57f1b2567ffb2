import net from 'node:net';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { classifyError } from './classify-error.ts';

const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('classifyError', () => {
  it.each([
    [withCode('ECONNREFUSED'), 'ECONNREFUSED'],
    [new Error('fetch failed', { cause: withCode('ECONNREFUSED') }), 'ECONNREFUSED'],
    [new AggregateError([withCode('ECONNREFUSED')]), 'ECONNREFUSED'],
    [withCode('ECONNRESET'), 'ECONNRESET'],
    [withCode('UND_ERR_SOCKET', 'other side closed'), 'ECONNRESET'],
    [withCode('EPIPE'), 'ECONNRESET'],
    [withCode('UND_ERR_HEADERS_TIMEOUT'), 'timeout'],
    [new DOMException('The operation was aborted due to timeout', 'TimeoutError'), 'timeout'],
    [new Error('something else'), 'other'],
    ['a string', 'other'],
  ])('%s → %s', (error, expected) => {
    expect(classifyError(error)).toBe(expected);
  });

  it('trusts the caller that its own timeout fired', () => {
    expect(classifyError(new Error('This operation was aborted'), true)).toBe('timeout');
  });

  it('classifies what undici really throws for a refused connection and a reset', async () => {
    // A port that was just free: nothing listens there.
    const free = net.createServer();
    await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
    const { port } = free.address() as net.AddressInfo;
    await new Promise((resolve) => free.close(resolve));
    const refused = await request(`http://127.0.0.1:${port}/`).catch((error: unknown) => error);
    expect(classifyError(refused)).toBe('ECONNREFUSED');

    const resetting = net.createServer((socket) => socket.on('data', () => socket.resetAndDestroy()));
    await new Promise<void>((resolve) => resetting.listen(0, '127.0.0.1', resolve));
    const address = resetting.address() as net.AddressInfo;
    const reset = await request(`http://127.0.0.1:${address.port}/`).catch((error: unknown) => error);
    resetting.close();
    expect(classifyError(reset)).toBe('ECONNRESET');
  });
});
