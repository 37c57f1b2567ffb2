// Dispatches `faultline <command>`; commands are loaded lazily so `faultline proxy` does not pay
// for the whole harness.
import type { Command } from './command.ts';
import { ExitCode, UsageError } from './exit-codes.ts';
import { ScenarioError } from '../scenario/errors.ts';

const COMMANDS: Record<string, () => Promise<Command>> = {
  proxy: async () => (await import('./commands/proxy.ts')).proxyCommand,
  up: async () => (await import('./commands/up.ts')).upCommand,
  inject: async () => (await import('./commands/inject.ts')).injectCommand,
  run: async () => (await import('./commands/run.ts')).runCommand,
  list: async () => (await import('./commands/list.ts')).listCommand,
  matrix: async () => (await import('./commands/matrix.ts')).matrixCommand,
  k6: async () => (await import('./commands/k6.ts')).k6Command,
  doctor: async () => (await import('./commands/doctor.ts')).doctorCommand,
};

function help(): string {
  return [
    'faultline — chaos and startup-race tests for Express + Prisma + PostgreSQL APIs',
    '',
    'Usage: faultline <command> [options]',
    '',
    'Commands:',
    ...Object.keys(COMMANDS).map((name) => `  ${name}`),
    '',
    'Run `faultline <command> --help` for the options of one command.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return name === undefined ? ExitCode.InvalidInput : ExitCode.Ok;
  }
  const load = COMMANDS[name];
  if (load === undefined) {
    console.error(`faultline: unknown command "${name}"\n\n${help()}`);
    return ExitCode.InvalidInput;
  }
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`${command.summary}\n\nUsage: ${command.usage}`);
    return ExitCode.Ok;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof ScenarioError) {
      console.error(`faultline ${name}: ${error.message}`);
      return ExitCode.InvalidInput;
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`faultline ${name}: ${(error as Error).message}\nUsage: ${command.usage}`);
      return ExitCode.InvalidInput;
    }
    throw error;
  }
}
