// Choosing the policy: by flag (a name or a file), else by the suite, else `default`; a bad policy
// file is invalid input (the CLI exits 2 before anything runs).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../cli/exit-codes.ts';
import { ScenarioError } from '../../scenario/errors.ts';
import { resolvePolicy } from './resolve.ts';

const SCHEMA = path.join(path.dirname(fileURLToPath(import.meta.url)), 'schema.ts');
let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'faultline-gating-'));
  await fs.writeFile(
    path.join(dir, 'nightly.ts'),
    `import { defineGatingPolicy } from '${SCHEMA}';\nexport default defineGatingPolicy({ name: 'nightly', retries: 2 });\n`,
  );
  await fs.writeFile(
    path.join(dir, 'bad.ts'),
    `import { defineGatingPolicy } from '${SCHEMA}';\nexport default defineGatingPolicy({ name: 'bad', thresholds: { http_req_failed: ['p(95)<1'] } });\n`,
  );
  await fs.writeFile(path.join(dir, 'plain.ts'), 'export default { name: "plain" };\n');
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe('resolvePolicy', () => {
  it('takes the suite policy by name, else default', async () => {
    expect((await resolvePolicy(['release'], undefined)).name).toBe('release');
    expect((await resolvePolicy(['startup-db-late'], undefined)).name).toBe('default');
    expect((await resolvePolicy(['startup-db-late'], 'release')).name).toBe('release');
  });

  it('loads a policy file, and refuses what is not a validated policy', async () => {
    expect(await resolvePolicy(['smoke'], path.join(dir, 'nightly.ts'))).toMatchObject({ name: 'nightly', retries: 2 });
    await expect(resolvePolicy(['smoke'], path.join(dir, 'bad.ts'))).rejects.toThrow(ScenarioError);
    await expect(resolvePolicy(['smoke'], path.join(dir, 'bad.ts'))).rejects.toThrow(
      /http_req_failed\[0\]: .*http_req_failed is a rate/,
    );
    await expect(resolvePolicy(['smoke'], path.join(dir, 'plain.ts'))).rejects.toThrow(UsageError);
    await expect(resolvePolicy(['smoke'], 'nope')).rejects.toThrow(
      /--gating expects a policy name \(default, release\) or a file/,
    );
  });
});
