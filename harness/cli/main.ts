// Dispatches `faultline <command>`; commands are loaded lazily so `faultline proxy` does not pay
// for the whole harness. This is the one place an error becomes an exit code (exit-codes.ts): every
// error, the unexpected included, ends as a documented code and one line; the stack only with
// --verbose or DEBUG set.
import type { Command } from './command.ts';
import { ExitCode, exitCodeOf, UsageError, type ExitCode as Code } from './exit-codes.ts';

const COMMANDS: Record<string, () => Promise<Command>> = {
  proxy: async () => (await import('./commands/proxy.ts')).proxyCommand,
  up: async () => (await import('./commands/up.ts')).upCommand,
  inject: async () => (await import('./commands/inject.ts')).injectCommand,
  run: async () => (await import('./commands/run.ts')).runCommand,
  list: async () => (await import('./commands/list.ts')).listCommand,
  matrix: async () => (await import('./commands/matrix.ts')).matrixCommand,
  k6: async () => (await import('./commands/k6.ts')).k6Command,
  doctor: async () => (await import('./commands/doctor.ts')).doctorCommand,
  init: async () => (await import('./commands/init.ts')).initCommand,
};

function help(): string {
  return [
    'faultline — chaos and startup-race tests for Express + Prisma + PostgreSQL APIs',
    '',
    'Usage: faultline <command> [options] [--verbose]',
    '',
    'Commands:',
    ...Object.keys(COMMANDS).map((name) => `  ${name}`),
    '',
    'Run `faultline <command> --help` for the options of one command.',
  ].join('\n');
}

/** Prints an error as its exit code wants it and returns that code. */
export function reportError(prefix: string, error: unknown, options: { verbose: boolean; usage?: string }): Code {
  const code = exitCodeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === ExitCode.InvalidInput) {
    console.error(`${prefix}: ${message}${options.usage === undefined ? '' : `\nUsage: ${options.usage}`}`);
  } else {
    // One line a CI log shows in full: the first line of the message, and where the rest is.
    const first = message.split('\n')[0] ?? '';
    const hint = options.verbose ? '' : ' (--verbose or DEBUG=1 for the stack)';
    console.error(`${prefix}: harness error (exit ${code}): ${first}${hint}`);
  }
  if (options.verbose && error instanceof Error) console.error(error.stack);
  return code;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  // --verbose belongs to every command, so it is taken out before the command parses its flags.
  const verbose = argv.includes('--verbose') || (env.DEBUG !== undefined && env.DEBUG !== '');
  const [name, ...rest] = argv.filter((arg) => arg !== '--verbose');
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return name === undefined ? ExitCode.InvalidInput : ExitCode.Ok;
  }
  const load = COMMANDS[name];
  if (load === undefined) {
    console.error(`faultline: unknown command "${name}"\n\n${help()}`);
    return ExitCode.InvalidInput;
  }
  let command: Command | undefined;
  try {
    command = await load();
    if (rest.includes('--help') || rest.includes('-h')) {
      console.log(`${command.summary}\n\nUsage: ${command.usage}`);
      return ExitCode.Ok;
    }
    return await command.run(rest);
  } catch (error) {
    // A bad flag or argument reprints the usage; a bad scenario file names its own problems.
    const aboutFlags =
      error instanceof UsageError || String((error as { code?: unknown } | null)?.code).startsWith('ERR_PARSE_ARGS');
    return reportError(`faultline ${name}`, error, { verbose, usage: aboutFlags ? command?.usage : undefined });
  }
}

/**
 * For the `faultline` process only: an error nobody awaited (a bug) would make node exit 1, the code
 * of a verdict. It exits with the harness-error code instead, after the last-resort clean-up.
 */
export function exitOnStrayError(): void {
  const verbose = process.argv.includes('--verbose') || Boolean(process.env.DEBUG);
  const stray = (error: unknown): void => {
    reportError('faultline', error, { verbose });
    process.exit(ExitCode.HarnessFailed);
  };
  process.on('uncaughtException', stray);
  process.on('unhandledRejection', stray);
  // A reader that stops early (`faultline list | head`) closes the pipe: the rest of the output is not
  // wanted, which is no harness failure. Later writes are dropped and the command ends with its own
  // exit code (a run's verdict still decides it).
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') stray(error);
  });
}
