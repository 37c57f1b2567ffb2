// Which container a target runs in, checked without an engine: a target without one, or with a
// Dockerfile that is not there, is refused as bad input (exit 2) naming app.container.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../../cli/exit-codes.ts';
import { TargetError } from '../../../target/define.ts';
import type { Target } from '../../../target/types.ts';
import { appContainerPort, targetContainer, targetImageTag } from './target-image.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'faultline-target-image-'));
writeFileSync(path.join(root, 'Dockerfile'), 'FROM scratch\n');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const target = (container?: Target['app']['container']): Target =>
  ({
    name: 'Library Loans',
    root,
    app: { command: ['node', 'main.js'], inject: { databaseUrl: 'DATABASE_URL', port: 'PORT' }, container },
  }) as unknown as Target;

function refusal(of: Target): TargetError {
  try {
    targetContainer(of);
  } catch (error) {
    if (error instanceof TargetError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('targetContainer', () => {
  it('refuses a target without a container, as bad input naming the field and both forms', () => {
    const error = refusal(target());
    expect(error.exitCode).toBe(ExitCode.InvalidInput);
    expect(error.problems[0]?.path).toBe('app.container');
    expect(error.message).toContain("{ dockerfile: 'Dockerfile' } or { image: 'name:tag' }");
  });

  it('refuses a Dockerfile or a context that is not there, saying where it looked', () => {
    expect(refusal(target({ dockerfile: 'app.Dockerfile' })).message).toContain(path.join(root, 'app.Dockerfile'));
    expect(refusal(target({ dockerfile: 'Dockerfile', context: 'nowhere' })).message).toContain(
      path.join(root, 'nowhere'),
    );
  });

  it("gives a present Dockerfile or an image back, and the app's port (3000 unless named)", () => {
    expect(targetContainer(target({ dockerfile: 'Dockerfile' }))).toEqual({ dockerfile: 'Dockerfile' });
    expect(appContainerPort(targetContainer(target({ image: 'loans:1.4' })))).toBe(3000);
    expect(appContainerPort({ image: 'loans:1.4', port: 8080 })).toBe(8080);
  });

  it("tags a built image after the target's name, as Docker accepts it", () => {
    expect(targetImageTag({ name: 'Library Loans' })).toBe('faultline-target/library-loans:latest');
    expect(targetImageTag({ name: '--' })).toBe('faultline-target/app:latest');
  });
});
