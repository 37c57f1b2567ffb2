// `faultline inject <fault> [key=value ...] [--for 10s]`: one network fault, now, against a running
// environment (`faultline up`'s, found through its state file, or any Toxiproxy by --toxiproxy-url).
// With --for it is reverted after that long, and on Ctrl-C; without, it stays until reverted.
// It has proxy controls only: a fault that needs another control (the app or PostgreSQL process,
// a database session that must outlive the command) is refused, naming what it needs.
import { parseArgs } from 'node:util';
import { Toxiproxy } from 'toxiproxy-node-client';
import { OPTIONAL_CONTROLS, type ControlName, type Controls } from '../../faults/controls.ts';
import {
  FAULT_TYPES,
  applyFault,
  faultDefinition,
  revertFault,
  type Fault,
  type FaultType,
} from '../../faults/lookup.ts';
import { proxyControl } from '../../faults/proxy-control.ts';
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
  // Its own schema: the message names the fault once, here.
  const parsed = faultDefinition(type).schema.safeParse(input);
  if (!parsed.success)
    throw new UsageError(
      `${kebab(type)}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'options'}: ${issue.message}`).join('; ')}`,
    );
  return parsed.data as Fault;
}

/** The controls inject has: the proxies of the environment it was pointed at. */
const INJECT_CONTROLS: readonly ControlName[] = ['dbProxy', 'redisProxy'];

/** Why a fault that needs a control inject does not have belongs in a scenario. */
function refusal(fault: FaultType): string | undefined {
  const missing = faultDefinition(fault).controls.find((control) => !INJECT_CONTROLS.includes(control));
  const name = kebab(fault);
  if (missing === undefined) return undefined;
  if (missing === 'app' || missing === 'postgres')
    return `${name} is a process fault: it needs ${OPTIONAL_CONTROLS[missing].what}, which only the harness that started the environment has (use it in a scenario)`;
  return `${name} needs a database session of the harness (over its direct connection), which would end with this command: use it in a scenario`;
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
    if (name === undefined)
      throw new UsageError(
        `which fault? e.g. faultline inject db-down --for 10s\n${FAULT_TYPES.filter(
          (type) => refusal(type) === undefined,
        )
          .map((type) => `  ${kebab(type).padEnd(16)} ${faultDefinition(type).summary}`)
          .join('\n')}`,
      );
    const fault = parseFault(name, assignments);
    const refused = refusal(fault.type);
    if (refused !== undefined) throw new UsageError(refused);
    const forMs = values.for === undefined ? undefined : parseDurationFlag('for', values.for);
    const state = readUpState();
    const toxiproxyUrl = values['toxiproxy-url'] ?? state?.toxiproxyUrl;
    if (toxiproxyUrl === undefined) throw new UsageError('no running `faultline up` found; pass --toxiproxy-url');
    const toxiproxy = new Toxiproxy(toxiproxyUrl);
    const controls: Controls = {
      dbProxy: proxyControl(toxiproxy, values['db-proxy'] ?? state?.dbProxyName ?? 'postgres'),
      redisProxy: proxyControl(toxiproxy, values['redis-proxy'] ?? state?.redisProxyName ?? 'redis'),
    };
    const window = `inject-${fault.type}-${Date.now()}`;
    await applyFault(fault, controls, window);
    console.log(`${kebab(fault.type)} applied via ${toxiproxyUrl}${forMs === undefined ? '' : ` for ${forMs} ms`}`);
    if (forMs === undefined) return ExitCode.Ok;
    if (!faultDefinition(fault.type).revertible) return ExitCode.Ok;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, forMs);
      process.once('SIGINT', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    await revertFault(fault, controls, window);
    console.log(`${kebab(fault.type)} reverted`);
    return ExitCode.Ok;
  },
};
