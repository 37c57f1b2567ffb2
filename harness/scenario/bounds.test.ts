import { describe, expect, it } from 'vitest';
import { BoundUnavailable, scenarioBounds } from './bounds.ts';
import { bindScenario, defineScenario } from './define.ts';

const timing = {
  retryMaxDelayMs: 4_000,
  connectionTimeoutMs: 1_000,
  queryTimeoutMs: 2_000,
  recheckMs: 3_000,
  startupMs: 20_000,
};

describe('scenario bounds', () => {
  it("derive from the target's timing plus stated slack", () => {
    const bounds = scenarioBounds(timing);
    expect(bounds.recoveryMs).toBe(4_000 + 2_000 + bounds.slackMs);
    expect(bounds.dbFaultRequestMs).toBe(1_000 + 2_000 + bounds.slackMs);
    expect(bounds.healthLagMs).toBe(3_000 + 1_000 + 2_000);
  });

  it('refuse a Redis bound the target does not give', () => {
    expect(() => scenarioBounds(timing).redis).toThrow(BoundUnavailable);
    expect(
      scenarioBounds({ ...timing, redis: { commandTimeoutMs: 500, reconnectMaxMs: 1_000 } }).redis.initTimeoutMs,
    ).toBe(500);
  });

  it("bind a scenario written as a function of them to the target's own", () => {
    const scenario = defineScenario((b) => ({
      name: 'bound',
      description: 'A scenario whose answer budget follows the target.',
      duration: '10s',
      checks: { 'answered-within': { withinMs: b.dbFaultRequestMs } },
    }));
    const options = (s: typeof scenario): unknown =>
      s.checks.find((check) => check.name === 'answered-within')?.options;
    expect(options(bindScenario(scenario, scenarioBounds(timing)))).toMatchObject({ withinMs: 8_000 });
    expect(options(scenario)).not.toMatchObject({ withinMs: 8_000 });
  });
});
