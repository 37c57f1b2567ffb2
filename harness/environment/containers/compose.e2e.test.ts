// The compose stack for real, when a Docker engine and a Compose (v2 `docker compose`, else v1
// `docker-compose`) are reachable: docker-compose.yml starts on free host ports with the images this
// engine has (official, else the local stand-ins), the app migrates itself without Prisma's engine
// and becomes healthy, and `faultline run smoke --env external` against it passes what needs no
// process control and skips the startup scenario with the reason. Everything it started is removed.
// Without an engine or a Compose, the test is skipped, saying why.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseImages, imageConfigFromEnv } from './images/image-choice.ts';
import { dockerCli } from './images/build-images.ts';
import { applyTestcontainersDefaults, connectContainerRuntime } from './container-runtime.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;
const PROJECT = `faultline-e2e-${process.pid}`;
const JWT_SECRET = 'faultline-compose-e2e-secret';
/** Building the app image (cached layers: seconds; cold: minutes) and starting four containers. */
const UP_TIMEOUT_MS = 15 * 60_000;
/**
 * The app's entrypoint migrates (up to ten tries, 2 s apart, while PostgreSQL and the proxy start),
 * then starts within its own startup bound (about 40 s with the compose file's settings), plus slack.
 */
const HEALTHY_WITHIN_MS = 20_000 + 40_000 + 30_000;

applyTestcontainersDefaults(process.env);

async function composeCommand(): Promise<string[] | string> {
  const engine = await connectContainerRuntime({ timeoutMs: 10_000 }).then(
    () => undefined,
    (error: Error) => error.message,
  );
  if (engine !== undefined) return engine;
  const v2 = await execa(dockerCli(), ['compose', 'version'], { reject: false });
  if (v2.exitCode === 0) return [dockerCli(), 'compose'];
  const v1 = await execa('docker-compose', ['version'], { reject: false }).catch(() => undefined);
  if (v1?.exitCode === 0) return ['docker-compose'];
  return 'neither `docker compose` (v2) nor `docker-compose` (v1) is installed';
}

const compose = await composeCommand();
if (typeof compose === 'string') console.log(`compose end-to-end test skipped: ${compose}`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function healthy(url: string, withinMs: number): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    const answer = await fetch(url, { signal: AbortSignal.timeout(2_000) }).catch(() => undefined);
    if (answer?.status === 200) return true;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  return false;
}

describe.skipIf(typeof compose === 'string')('docker-compose.yml', () => {
  const [command, ...prefix] = compose as string[];
  const run = (args: string[], env: Record<string, string>) =>
    execa(command!, [...prefix, '-p', PROJECT, ...args], { cwd: ROOT, env, all: true, reject: false });
  let env: Record<string, string> = {};
  let reports = '';

  beforeAll(async () => {
    const present = async (image: string): Promise<boolean> =>
      (await execa(dockerCli(), ['image', 'inspect', image], { reject: false })).exitCode === 0;
    const images = await chooseImages(imageConfigFromEnv(process.env), present);
    const [app, toxiproxy, postgres] = [await freePort(), await freePort(), await freePort()];
    env = {
      FAULTLINE_POSTGRES_IMAGE: images.postgres,
      FAULTLINE_REDIS_IMAGE: images.redis,
      FAULTLINE_TOXIPROXY_IMAGE: images.toxiproxy,
      FAULTLINE_NODE_IMAGE: images.node,
      FAULTLINE_APP_PORT: String(app),
      FAULTLINE_TOXIPROXY_PORT: String(toxiproxy),
      FAULTLINE_POSTGRES_PORT: String(postgres),
      FAULTLINE_JWT_SECRET: JWT_SECRET,
    };
    reports = await mkdtemp(join(tmpdir(), 'faultline-compose-'));
  }, 60_000);

  afterAll(async () => {
    const down = await run(['down', '--volumes', '--remove-orphans'], env);
    // Compose tags the app image after the project; the layers stay cached under the other tags.
    await execa(dockerCli(), ['image', 'rm', `${PROJECT}_target-app`, `${PROJECT}-target-app`], { reject: false });
    if (reports !== '') await rm(reports, { recursive: true, force: true });
    expect(down.exitCode, down.all).toBe(0);
    const left = await execa(dockerCli(), [
      'ps',
      '--all',
      '--quiet',
      '--filter',
      `label=com.docker.compose.project=${PROJECT}`,
    ]);
    expect(left.stdout).toBe('');
    const networks = await execa(dockerCli(), ['network', 'ls', '--quiet', '--filter', `name=${PROJECT}`]);
    expect(networks.stdout).toBe('');
  }, 120_000);

  it(
    'starts, the app migrates itself and becomes healthy, and the smoke suite runs against it',
    async () => {
      const up = await run(['up', '-d', '--build'], env);
      expect(up.exitCode, up.all?.slice(-4_000)).toBe(0);
      const appUrl = `http://localhost:${env.FAULTLINE_APP_PORT}`;
      if (!(await healthy(`${appUrl}/api/v1/health`, HEALTHY_WITHIN_MS))) {
        const logs = await run(['logs', '--no-color', '--tail', '40', 'target-app'], env);
        expect.fail(`the app did not become healthy within ${HEALTHY_WITHIN_MS} ms:\n${logs.all}`);
      }

      const smoke = await execa(
        process.execPath,
        ['harness/bin/faultline.js', 'run', 'smoke', '--env', 'external', '--seed', '2026', '--report-dir', reports],
        {
          cwd: ROOT,
          all: true,
          reject: false,
          env: {
            FAULTLINE_APP_URL: appUrl,
            FAULTLINE_TOXIPROXY_URL: `http://localhost:${env.FAULTLINE_TOXIPROXY_PORT}`,
            FAULTLINE_DATABASE_URL: `postgresql://faultline:faultline@localhost:${env.FAULTLINE_POSTGRES_PORT}/faultline`,
            FAULTLINE_JWT_SECRET: JWT_SECRET,
            FAULTLINE_REDIS_PROXY: 'redis',
          },
        },
      );
      expect(smoke.exitCode, smoke.all?.slice(-4_000)).toBe(0);
      const report = JSON.parse(await readFile(join(reports, 'latest', 'report.json'), 'utf8')) as {
        scenarios: { name: string; status: string; reason?: string }[];
      };
      const statuses = Object.fromEntries(report.scenarios.map((scenario) => [scenario.name, scenario.status]));
      expect(statuses).toEqual({
        'startup-db-late': 'skipped',
        'db-outage-under-load': 'passed',
        'p2025-sweep': 'passed',
      });
      expect(report.scenarios.find((scenario) => scenario.name === 'startup-db-late')?.reason).toMatch(
        /control of the app process/,
      );
    },
    UP_TIMEOUT_MS + HEALTHY_WITHIN_MS + 5 * 60_000,
  );
});
