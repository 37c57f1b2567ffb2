// `faultline inject` takes only faults that outlive the command: a table lock lives in a database
// session of the process that took it, so it is refused with the reason before anything is touched.
import { expect, it } from 'vitest';
import { UsageError } from '../exit-codes.ts';
import { injectCommand, parseFault } from './inject.ts';

it('parses a table lock like any fault, with its validation', () => {
  expect(parseFault('db-lock-table', ['table=venues'])).toEqual({ type: 'dbLockTable', table: 'venues' });
  expect(() => parseFault('db-lock-table', ['table=venues;drop'])).toThrow(/expected a table name/);
});

it('refuses to inject a table lock, saying why', async () => {
  const run = injectCommand.run(['db-lock-table', 'table=venues', '--toxiproxy-url', 'http://127.0.0.1:9']);
  await expect(run).rejects.toThrow(UsageError);
  await expect(
    injectCommand.run(['db-lock-table', 'table=venues', '--toxiproxy-url', 'http://127.0.0.1:9']),
  ).rejects.toThrow(/holds its lock in a database session of the harness: use it in a scenario/);
});

it('refuses to run SQL behind the app from the command line, saying where it belongs', async () => {
  await expect(
    injectCommand.run(['db-execute', 'sql=DELETE FROM users', '--toxiproxy-url', 'http://127.0.0.1:9']),
  ).rejects.toThrow(/db-execute runs SQL over the harness's direct connection: use it in a scenario/);
});
