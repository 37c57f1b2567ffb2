// Two app instances in the embedded environment: behind the balancer on appUrl, each start, exit and
// log line names its instance, a rolling restart SIGTERMs them one at a time (each exits 0 after its
// drain, and the other one is serving meanwhile), killInstance SIGKILLs one and leaves it down while
// the other serves on, and stop() leaves no instance or port behind.
import { describe, expect, it } from 'vitest';
import { isPortOpen } from '../../lib/ports.ts';
import type { AppExit, AppLogLine, AppStart } from '../types.ts';
import { startEmbeddedEnvironment } from './embedded-environment.ts';
import { repoTarget } from '../../testing/target.ts';

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('two app instances', () => {
  // Two boots, two drains (SHUTDOWN_DRAIN_MS each) and two more boots: minutes on a busy machine.
  it('serve behind the balancer, say which instance in every event, and roll one at a time', async () => {
    const starts: AppStart[] = [];
    const exits: AppExit[] = [];
    const logs: AppLogLine[] = [];
    const env = await startEmbeddedEnvironment({
      target: await repoTarget(),
      seed: 7,
      instances: 2,
      startApp: false,
      redis: 'off',
    });
    try {
      env.onAppStart((start) => starts.push(start));
      env.onAppExit((exit) => exits.push(exit));
      env.onAppLog((line) => logs.push(line));
      expect(Number(env.appSettings?.SHUTDOWN_DRAIN_MS)).toBeGreaterThan(0);
      await env.startApp();
      const ready = async (): Promise<boolean> =>
        (await fetch(`${env.appUrl}/api/v1/health/ready`).catch(() => undefined))?.status === 200;
      await waitUntil(ready);
      expect(starts.map((start) => start.instance).sort()).toEqual([0, 1]);
      await waitUntil(async () => logs.filter((line) => line.json?.event === 'http.listening').length === 2);
      expect(
        new Set(logs.filter((line) => line.json?.event === 'http.listening').map((line) => line.instance)),
      ).toEqual(new Set([0, 1]));

      await env.rollingRestart?.();
      expect(exits.map(({ instance, code, expected }) => ({ instance, code, expected }))).toEqual([
        { instance: 0, code: 0, expected: true },
        { instance: 1, code: 0, expected: true },
      ]);
      // Instance 0 was back before instance 1 went: its second start precedes instance 1's exit.
      const secondStartOf0 = starts.filter((start) => start.instance === 0)[1] as AppStart;
      expect(secondStartOf0.atMs).toBeLessThan((exits[1] as AppExit).atMs);
      const drains = logs.filter((line) => line.json?.event === 'shutdown.draining').map((line) => line.instance);
      expect(drains).toEqual([0, 1]);
      expect(await ready()).toBe(true);

      await expect(env.killInstance?.(2)).rejects.toThrow('there is no app instance 2 (this run has 2');
      await env.killInstance?.(1);
      expect(exits.slice(2).map(({ instance, signal, expected }) => ({ instance, signal, expected }))).toEqual([
        { instance: 1, signal: 'SIGKILL', expected: true },
      ]);
      // Out of rotation after its failed checks, never started again: instance 0 answers every request.
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      for (let request = 0; request < 4; request += 1) expect(await ready()).toBe(true);
      expect(starts.filter((start) => start.instance === 1)).toHaveLength(2);
    } finally {
      await env.stop();
    }
    expect(await isPortOpen(Number(new URL(env.appUrl).port))).toBe(false);
  }, 180_000);
});
