// instanceKill: one instance, by number, killed through the app control's killInstance — refused
// (not faked) where the environment cannot tell its instances apart, and refused in a scenario
// that gives no instance number.
import { Toxiproxy } from 'toxiproxy-node-client';
import { describe, expect, it } from 'vitest';
import type { AppControl } from './controls.ts';
import { applyFault, faultNeeds, faultSchema, type Fault } from './lookup.ts';
import { proxyControl } from './proxy-control.ts';
import { instanceKill } from './instance-kill.ts';

const dbProxy = proxyControl(new Toxiproxy('http://127.0.0.1:9'), 'postgres');
const app = (killed: string[], withInstances: boolean): AppControl => ({
  start: async () => void killed.push('start'),
  kill: async (signal) => void killed.push(`all ${signal}`),
  restart: async () => undefined,
  ...(withInstances
    ? { killInstance: async (instance: number, signal: string) => void killed.push(`${instance} ${signal}`) }
    : {}),
});

/** As a scenario gives it: parsed, defaults applied. */
const parsed = (input: unknown): Fault => faultSchema.parse(input);

describe('instanceKill', () => {
  it('kills the one instance it names, SIGKILL unless told, and nothing else', async () => {
    const killed: string[] = [];
    await applyFault(parsed(instanceKill({ instance: 1 })), { dbProxy, app: app(killed, true) }, 'instanceKill#1');
    await applyFault(
      parsed(instanceKill({ instance: 0, signal: 'SIGTERM' })),
      { dbProxy, app: app(killed, true) },
      'instanceKill#2',
    );
    expect(killed).toEqual(['1 SIGKILL', '0 SIGTERM']);
  });

  it('is refused where the app control cannot kill one instance', async () => {
    const killed: string[] = [];
    await expect(
      applyFault(parsed(instanceKill({ instance: 1 })), { dbProxy, app: app(killed, false) }, 'instanceKill#1'),
    ).rejects.toThrow('this environment cannot kill one app instance');
    expect(killed).toEqual([]);
  });

  it('needs process control, an instance number, and is a one-off (no inverse)', () => {
    expect(faultNeeds('instanceKill')).toEqual(['processControl']);
    expect(instanceKill.revertible).toBe(false);
    expect(faultSchema.safeParse({ type: 'instanceKill' }).success).toBe(false);
    expect(faultSchema.safeParse({ type: 'instanceKill', instance: -1 }).success).toBe(false);
    expect(faultSchema.safeParse({ type: 'instanceKill', instance: 1 }).success).toBe(true);
  });
});
