// `faultline inject` has the environment's proxies and nothing else: a fault that needs another
// control — a database session that would end with the command (a table lock, SQL behind the app),
// the app or PostgreSQL process — is refused with the reason before anything is touched. An
// unknown fault or a bad option is refused naming the fault and the field.
import { afterAll, expect, it } from 'vitest';
import { closeAll, startTcpServer, startTestToxiproxy } from '../../toxiproxy/testing/fixtures.ts';
import { ExitCode, UsageError } from '../exit-codes.ts';
import { injectCommand, parseFault } from './inject.ts';

const NOWHERE = ['--toxiproxy-url', 'http://127.0.0.1:9'];

it('parses a table lock like any fault, with its validation', () => {
  expect(parseFault('db-lock-table', ['table=venues'])).toEqual({ type: 'dbLockTable', table: 'venues' });
  expect(() => parseFault('db-lock-table', ['table=venues;drop'])).toThrow(/expected a table name/);
});

it('names the fault and the field of a bad option, and the known faults for an unknown one', () => {
  expect(() => parseFault('db-latency', ['latencyMs=-5'])).toThrow(/^db-latency: latencyMs: expected latencyMs ≥ 0$/);
  expect(() => parseFault('db-latency', ['lantencyMs=5'])).toThrow(/db-latency: .*unknown field\(s\) "lantencyMs"/);
  expect(() => parseFault('db-melt', [])).toThrow(
    /unknown fault "db-melt"; known: app-kill, app-restart, app-start, db-bandwidth, db-down, /,
  );
});

it('refuses to inject a table lock, saying why', async () => {
  const run = injectCommand.run(['db-lock-table', 'table=venues', ...NOWHERE]);
  await expect(run).rejects.toThrow(UsageError);
  await expect(injectCommand.run(['db-lock-table', 'table=venues', ...NOWHERE])).rejects.toThrow(
    /db-lock-table needs a database session of the harness .*which would end with this command: use it in a scenario/,
  );
});

it('refuses to run SQL behind the app from the command line, saying where it belongs', async () => {
  await expect(injectCommand.run(['db-execute', 'sql=DELETE FROM users', ...NOWHERE])).rejects.toThrow(
    /db-execute needs a database session of the harness .*use it in a scenario/,
  );
});

it('lists the faults it can apply when asked for none', async () => {
  const message = await injectCommand.run([]).then(
    () => '',
    (error: Error) => error.message,
  );
  expect(message).toMatch(/^ {2}db-latency {7}latency \(\+ jitter\) on every database round-trip$/m);
  expect(message).toMatch(/^ {2}redis-down /m);
  expect(message).not.toMatch(/app-kill|db-lock-table|postgres-stop/);
});

it('refuses process faults, naming the control they need', async () => {
  await expect(injectCommand.run(['app-kill', ...NOWHERE])).rejects.toThrow(
    /app-kill is a process fault: it needs control of the app process/,
  );
  await expect(injectCommand.run(['postgres-stop', ...NOWHERE])).rejects.toThrow(
    /postgres-stop is a process fault: it needs to stop and start PostgreSQL/,
  );
});

afterAll(closeAll);

it('applies a network fault through a real Toxiproxy, and reverts it after --for', async () => {
  const { client, server } = await startTestToxiproxy();
  const upstream = await startTcpServer();
  await client.createProxy({ name: 'db', listen: '127.0.0.1:0', upstream: `127.0.0.1:${upstream.port}` });
  const at = ['--toxiproxy-url', server.url, '--db-proxy', 'db'];
  expect(await injectCommand.run(['db-down', ...at])).toBe(ExitCode.Ok);
  expect((await client.get('db')).enabled).toBe(false);
  expect(await injectCommand.run(['dbUp', ...at])).toBe(ExitCode.Ok);
  expect((await client.get('db')).enabled).toBe(true);
  const toxics = async (): Promise<string[]> =>
    ((await (await fetch(`${server.url}/proxies/db/toxics`)).json()) as { type: string }[]).map((toxic) => toxic.type);
  const held = injectCommand.run(['db-latency', 'latencyMs=50', '--for', '300ms', ...at]);
  await new Promise((resolve) => setTimeout(resolve, 150));
  expect(await toxics()).toEqual(['latency']);
  expect(await held).toBe(ExitCode.Ok);
  expect(await toxics()).toEqual([]);
});
