// Preflight against a real app (library-loans, started by the embedded environment on real
// PostgreSQL) with a config that has two mistakes the app itself cannot show: a health path it does
// not have, and a write that returns no key. The run stops in preflight, before any fault, with
// exit code 2 and a message naming each field and what to fix.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../cli/exit-codes.ts';
import { loadTarget } from '../target/load-target.ts';
import type { Target } from '../target/types.ts';
import { REPO_ROOT } from '../testing/target.ts';
import { runPreflight } from './preflight.ts';

describe('preflight tries the target against the healthy app', () => {
  it('stops a config with a health path that 404s and a write with no key: exit 2, naming both', async () => {
    const example = await loadTarget({ cwd: path.join(REPO_ROOT, 'examples', 'library-loans') });
    const create = example.requests['loans.create'];
    if (create === undefined) throw new Error('library-loans has no loans.create');
    const broken: Target = {
      ...example,
      health: { ...example.health, endpoints: { ...example.health.endpoints, live: '/health/live' } },
      requests: {
        ...example.requests,
        'loans.create': { ...create, build: (context) => ({ ...create.build(context), key: undefined }) },
      },
    };
    const error = await runPreflight(
      { kind: 'embedded', target: broken },
      { seed: 5, appEnv: {}, requests: ['books.get', 'loans.create'] },
    ).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toMatchObject({ code: 'TARGET_INVALID', exitCode: ExitCode.InvalidInput });
    const message = (error as Error).message;
    expect(message).toContain('tried against the healthy app in preflight');
    expect(message).toContain('requests.loans.create: is a write, but build() returned no key');
    expect(message).toContain('health.endpoints.live: GET /health/live answered 404 on the healthy app');
    // What is right is not reported.
    expect(message).not.toContain('books.get');
    expect(message).not.toContain('health.endpoints.ready');
  }, 180_000);
});
