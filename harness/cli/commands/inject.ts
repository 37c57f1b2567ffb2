// `faultline inject <fault> [key=value ...] [--for 10s]`: one network fault, now, against a running
// environment (`faultline up`'s, found through its state file, or any Toxiproxy by --toxiproxy-url).
// With --for it is reverted after that long, and on Ctrl-C; without, it stays until reverted.
import { parseArgs } from 'node:util';
import { Toxiproxy } from 'toxiproxy-node-client';
import type { StartedEnvironment } from '../../environment/types.ts';
import { faultAction } from '../../faults/registry.ts';
import { faultSchema } from '../../scenario/fault-schema.ts';
import { FAULT_TYPES, faultNeeds } from '../../scenario/faults.ts';
import type { Fault, FaultType } from '../../scenario/fault-types.ts';
import type { Command } from '../command.ts';
import { ExitCode, UsageError } from '../exit-codes.ts';
import { parseDurationFlag } from '../flags.ts';
import { readUpState } from '../state-file.ts';

const kebab = (type: string): string => type.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
const BY_NAME = new Map<string, FaultType>(
  FAULT_TYPES.flatMap(
    (type) =>
      [
        [type, type],
        [kebab(type), type],
      ] as [string, FaultType][],
  ),
);

export function parseFault(name: string, assignments: string[]): Fault {
  const type = BY_NAME.get(name);
  if (type === undefined) throw new UsageError(`unknown fault "${name}"; known: ${FAULT_TYPES.map(kebab).join(', ')}`);
  const input: Record<string, unknown> = { type };
  for (const assignment of assignments) {
    const match = /^([A-Za-z]+)=(.+)$/.exec(assignment);
    if (match === null) throw new UsageError(`expected key=value (e.g. latencyMs=800), got "${assignment}"`);
    const [, key, value] = match as unknown as [string, string, string];
    input[key] = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  }
  const parsed = faultSchema.safeParse(input);
  if (!parsed.success)
    throw new UsageError(
      `${kebab(type)}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'options'}: ${issue.message}`).join('; ')}`,
    );
  return parsed.data;
}

/** Just enough of an environment for network faults: a Toxiproxy and its proxy names. */
function remoteControl(
  toxiproxyUrl: string,
  dbProxyName: string,
  redisProxyName: string | undefined,
): StartedEnvironment {
  const refuse = async (): Promise<never> => {
    throw new UsageError('process faults need the harness that started the environment: put them in a scenario');
  };
  return {
    toxiproxy: new Toxiproxy(toxiproxyUrl),
    toxiproxyUrl,
    dbProxyName,
    redisProxyName,
    killApp: refuse,
    startApp: refuse,
    restartApp: refuse,
    stopPostgres: refuse,
    startPostgres: refuse,
  } as unknown as StartedEnvironment;
}

export const injectCommand: Command = {
  name: 'inject',
  summary: 'Inject one network fault into a running environment (faultline up, or any Toxiproxy)',
  usage:
    'faultline inject <fault> [key=value ...] [--for 10s] [--toxiproxy-url URL] [--db-proxy postgres] [--redis-proxy redis]',
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        for: { type: 'string' },
        'toxiproxy-url': { type: 'string' },
        'db-proxy': { type: 'string' },
        'redis-proxy': { type: 'string' },
      },
    });
    const [name, ...assignments] = positionals;
    if (name === undefined) throw new UsageError('which fault? e.g. faultline inject db-down --for 10s');
    const fault = parseFault(name, assignments);
    const needs = faultNeeds(fault.type);
    if (needs === 'processControl' || needs === 'postgresControl')
      throw new UsageError(
        `${kebab(fault.type)} is a process fault: it needs the harness that started the environment (use it in a scenario)`,
      );
    // Its lock lives in a session of the process that took it: it would end with this command.
    if (fault.type === 'dbLockTable')
      throw new UsageError('db-lock-table holds its lock in a database session of the harness: use it in a scenario');
    if (fault.type === 'dbExecute')
      throw new UsageError("db-execute runs SQL over the harness's direct connection: use it in a scenario (or psql)");
    const forMs = values.for === undefined ? undefined : parseDurationFlag('for', values.for);
    const state = readUpState();
    const toxiproxyUrl = values['toxiproxy-url'] ?? state?.toxiproxyUrl;
    if (toxiproxyUrl === undefined) throw new UsageError('no running `faultline up` found; pass --toxiproxy-url');
    const env = remoteControl(
      toxiproxyUrl,
      values['db-proxy'] ?? state?.dbProxyName ?? 'postgres',
      values['redis-proxy'] ?? state?.redisProxyName ?? 'redis',
    );
    const action = faultAction(fault.type);
    const window = `inject-${fault.type}-${Date.now()}`;
    await action.apply({ env, window }, fault);
    console.log(`${kebab(fault.type)} applied via ${toxiproxyUrl}${forMs === undefined ? '' : ` for ${forMs} ms`}`);
    if (forMs === undefined) return ExitCode.Ok;
    if (action.revert === undefined) return ExitCode.Ok;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, forMs);
      process.once('SIGINT', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    await action.revert({ env, window }, fault);
    console.log(`${kebab(fault.type)} reverted`);
    return ExitCode.Ok;
  },
};
