// The registry is the only list of faults: each line must be a definition under its own type,
// whose builder makes a descriptor its own schema accepts, whose traits agree with what it does
// (a restore undoes nothing and ends windows of faults that can be undone), and whose needs of the
// environment are those its controls stand for.
import { readdir } from 'node:fs/promises';
import { Toxiproxy } from 'toxiproxy-node-client';
import { describe, expect, it } from 'vitest';
import { proxyControl } from './proxy-control.ts';
import {
  FAULTS,
  FAULT_TYPES,
  applyFault,
  faultDefinition,
  faultNeeds,
  faultSchema,
  grant,
  indexFaults,
  type Fault,
} from './lookup.ts';
import { defineFault, isFaultDefinition } from './fault.ts';
import * as REGISTRY from './registry.ts';
import { FaultError } from './types.ts';

describe('fault registry', () => {
  it('lists every fault under its own type', () => {
    expect(FAULT_TYPES).toHaveLength(22);
    for (const [name, definition] of Object.entries(REGISTRY)) expect(definition.type).toBe(name);
  });

  it('has a line for every fault defined in this folder', async () => {
    const files = (await readdir(import.meta.dirname)).filter((file) => /^[a-z-]+\.ts$/.test(file));
    const defined: string[] = [];
    for (const file of files) {
      const module = (await import(`./${file}`)) as Record<string, unknown>;
      for (const value of Object.values(module)) if (isFaultDefinition(value)) defined.push(value.type);
    }
    const unregistered = defined.filter((type) => !FAULTS.has(type));
    expect(unregistered, 'defined with defineFault but missing from registry.ts').toEqual([]);
    expect([...new Set(defined)].sort()).toEqual([...FAULT_TYPES].sort());
  });

  it("builds each fault's example into a descriptor its schema, and the scenario schema, accept", () => {
    for (const definition of FAULTS.values()) {
      const built = definition(...(definition.example ?? []));
      expect(built.type, definition.type).toBe(definition.type);
      const parsed = definition.schema.safeParse(built);
      expect(parsed.error?.issues, definition.type).toBeUndefined();
      expect(faultSchema.parse(built)).toEqual(parsed.data);
    }
  });

  it('keeps restores and one-off actions apart from what can be undone', () => {
    for (const definition of FAULTS.values()) {
      const isRestore = definition.effect === 'restore';
      expect(definition.restores.length > 0, definition.type).toBe(isRestore);
      if (isRestore) expect(definition.revertible, definition.type).toBe(false);
      for (const restored of definition.restores) expect(FAULTS.get(restored)?.revertible, restored).toBe(true);
    }
  });

  it('derives what a fault needs of the environment from the controls it declares', () => {
    expect(faultNeeds('dbLatency')).toEqual([]);
    expect(faultNeeds('dbLockTable')).toEqual([]);
    expect(faultNeeds('redisDown')).toEqual(['redis']);
    expect(faultNeeds('appKill')).toEqual(['processControl']);
    expect(faultNeeds('rollingRestart')).toEqual(['processControl']);
    expect(faultNeeds('postgresRestart')).toEqual(['postgresControl']);
  });

  it('refuses a registry line that is not a fault under its own type, or a restore of an unknown fault', () => {
    expect(() => indexFaults({ ...REGISTRY, dbUpp: REGISTRY.dbUp })).toThrow(
      /dbUpp is not a fault defined with defineFault under its own type/,
    );
    const orphan = defineFault({
      type: 'cacheUp',
      summary: 'a restore of a fault nobody registered',
      options: {},
      build: () => ({}),
      target: 'redis',
      effect: 'restore',
      restores: ['cacheDown'],
      controls: ['redisProxy'],
      apply: ({ redisProxy }) => redisProxy.setEnabled(true),
    });
    expect(() => indexFaults({ ...REGISTRY, cacheUp: orphan })).toThrow(
      /cacheUp restores cacheDown, which is not registered/,
    );
  });

  it('names the fault and the field of a bad descriptor, and the known faults for an unknown one', () => {
    const problems = (value: unknown) =>
      faultSchema.safeParse(value).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(problems({ type: 'dbLatency' })).toEqual(['latencyMs: dbLatency: expected latencyMs as a number']);
    expect(problems({ type: 'dbSlicer', averageSizeBytes: 0 })).toEqual([
      'averageSizeBytes: dbSlicer: expected averageSizeBytes ≥ 1',
    ]);
    expect(problems({ type: 'appKill', signal: 'SIGHUP' })?.[0]).toMatch(/^signal: appKill: /);
    expect(problems({ type: 'dbExplode' })?.[0]).toMatch(
      /^type: expected a fault built with a helper \(type one of appKill, appRestart, appStart, dbBandwidth, dbDown, /,
    );
    expect(problems('dbDown')?.[0]).toMatch(/^: expected a fault built with a helper/);
  });

  it('applies a fault with only the controls it declares, and refuses it where one is absent', async () => {
    // A proxy control that is never called: the app control is what is missing.
    const controls = { dbProxy: proxyControl(new Toxiproxy('http://127.0.0.1:9'), 'postgres') };
    const kill: Fault = { type: 'appKill', signal: 'SIGKILL' };
    await expect(applyFault(kill, controls, 'appKill#1')).rejects.toThrow(FaultError);
    await expect(applyFault(kill, controls, 'appKill#1')).rejects.toThrow(
      /appKill needs control of the app process, which this environment does not have/,
    );
    const given: string[] = [];
    const started = {
      start: async () => void given.push('start'),
      kill: async () => undefined,
      restart: async () => undefined,
    };
    await applyFault({ type: 'appStart' }, { ...controls, app: started }, 'appStart#1');
    expect(given).toEqual(['start']);
    const granted = grant(faultDefinition('appStart'), { ...controls, app: started });
    expect('granted' in granted && Object.keys(granted.granted)).toEqual(['app']);
  });
});
