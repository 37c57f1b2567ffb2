// `faultline up`: start the embedded environment and keep it up for hands-on chaos — any Toxiproxy
// client, `faultline inject`, curl. Ctrl-C stops everything it started.
import { parseArgs } from 'node:util';
import { startEmbeddedEnvironment } from '../../environment/embedded/embedded-environment.ts';
import { randomSeed } from '../../lib/random.ts';
import type { Command } from '../command.ts';
import { ExitCode, UsageError } from '../exit-codes.ts';
import { defectsEnv, parseSeed, TARGET_OPTION } from '../flags.ts';
import { loadTarget } from '../../target/load-target.ts';
import { removeUpState, writeUpState } from '../state-file.ts';
import { readyPath } from '../../target/health.ts';

export const upCommand: Command = {
  name: 'up',
  summary: 'Start the embedded environment (PostgreSQL, proxy, Redis, app) and keep it up until Ctrl-C',
  usage: 'faultline up [--seed N] [--defects name,name] [--no-app]',
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        seed: { type: 'string' },
        defects: { type: 'string' },
        'no-app': { type: 'boolean' },
        ...TARGET_OPTION,
      },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const seed = values.seed === undefined ? randomSeed() : parseSeed(values.seed);
    const target = await loadTarget({ file: values.target });
    const env = await startEmbeddedEnvironment({
      target,
      seed,
      startApp: values['no-app'] !== true,
      appEnv: defectsEnv(target, values.defects),
      onProgress: (message) => console.error(`  ${message}`),
    }).catch((error: unknown) => {
      console.error(`faultline up: ${(error as Error).message}`);
      return undefined;
    });
    if (env === undefined) return ExitCode.NotProven;
    env.onAppExit((exit) =>
      console.error(`  app exited (code ${exit.code}, signal ${exit.signal})${exit.expected ? '' : ' — unexpectedly'}`),
    );
    writeUpState({
      pid: process.pid,
      appUrl: env.appUrl,
      toxiproxyUrl: env.toxiproxyUrl,
      dbProxyName: env.dbProxyName,
      redisProxyName: env.redisProxyName ?? null,
      databaseUrl: env.databaseUrl,
      appEnv: env.appSettings ?? {},
    });
    console.log(
      [
        '',
        `  app            ${env.appUrl}${readyPath(target)}   (${target.name})`,
        `  toxiproxy API  ${env.toxiproxyUrl}   (proxies: ${[env.dbProxyName, env.redisProxyName].filter(Boolean).join(', ')})`,
        `  database       ${env.databaseUrl}   (direct, not proxied)`,
        `  seed           ${seed}`,
        '',
        '  Try: faultline inject db-down --for 10s   ·   Ctrl-C to stop everything',
      ].join('\n'),
    );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    console.error('\n  stopping…');
    await env.stop();
    removeUpState();
    return ExitCode.Ok;
  },
};
