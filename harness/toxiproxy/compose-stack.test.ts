// docker-compose.yml, its Toxiproxy config, the app's Dockerfile and the CI workflow cannot be run on
// machines without a Docker engine (these). What can be checked is that they agree with each other
// and with the harness: the app reaches PostgreSQL and Redis only through proxies that the config
// creates, the external environment's defaults match the stack, and the image is what the issue asks.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_APP_SETTINGS } from '../../target-app/faultline/settings.ts';
import { parseProxyConfig } from './config-file.ts';

const read = (file: string): string => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Record<string, any>> };
const proxies = parseProxyConfig(read('harness/toxiproxy/compose-proxies.json'));
const proxy = (name: string) => proxies.find((candidate) => candidate.name === name);

describe('docker-compose.yml', () => {
  it('has no top-level name (docker-compose 1.29 rejects it)', () => {
    expect(Object.keys(compose)).not.toContain('name');
  });

  it('creates the postgres and redis proxies the external environment looks for', () => {
    expect(proxies.map((entry) => [entry.name, entry.listen, entry.upstream])).toEqual([
      ['postgres', '0.0.0.0:8666', 'postgres:5432'],
      ['redis', '0.0.0.0:8667', 'redis:6379'],
    ]);
    const toxiproxy = compose.services.toxiproxy!;
    expect(toxiproxy.image).toBe('${FAULTLINE_TOXIPROXY_IMAGE:-ghcr.io/shopify/toxiproxy:2.12.0}');
    expect(toxiproxy.command).toContain('-config=/config/proxies.json');
    expect(toxiproxy.volumes).toContain('./harness/toxiproxy/compose-proxies.json:/config/proxies.json:ro');
  });

  it('wires the app to PostgreSQL and Redis through those proxies only, with the harness app settings', () => {
    const app = compose.services['target-app']!;
    expect(app.build).toEqual({
      context: '.',
      dockerfile: 'target-app/Dockerfile',
      args: { NODE_IMAGE: '${FAULTLINE_NODE_IMAGE:-node:20-bookworm-slim}' },
    });
    const env = app.environment as Record<string, string>;
    expect(env.DATABASE_URL).toBe(
      `postgresql://faultline:\${FAULTLINE_POSTGRES_PASSWORD:-faultline}@toxiproxy:${proxy('postgres')?.listen?.split(':')[1]}/faultline`,
    );
    expect(env.REDIS_URL).toBe(`redis://toxiproxy:${proxy('redis')?.listen?.split(':')[1]}`);
    for (const [key, value] of Object.entries(DEFAULT_APP_SETTINGS)) {
      if (!['NODE_ENV', 'HOST'].includes(key)) expect(env[key], key).toBe(value);
    }
    expect(compose.services.postgres?.environment).toMatchObject({
      POSTGRES_DB: 'faultline',
      POSTGRES_USER: 'faultline',
    });
  });

  it('documents the values --env external needs, and they match the stack', () => {
    const run = read('harness/cli/commands/run.ts');
    expect(run).toContain(
      '--app-url http://localhost:3000 --toxiproxy-url http://localhost:8474 --database-url postgresql://faultline:faultline@localhost:5432/faultline --app-env JWT_SECRET=faultline-compose-secret-change-me',
    );
    expect(compose.services['target-app']?.environment.JWT_SECRET).toBe(
      '${FAULTLINE_JWT_SECRET:-faultline-compose-secret-change-me}',
    );
    expect(compose.services['target-app']?.ports).toEqual(['${FAULTLINE_APP_PORT:-3000}:3000']);
    expect(compose.services.toxiproxy?.ports).toEqual(['${FAULTLINE_TOXIPROXY_PORT:-8474}:8474']);
    expect(compose.services.postgres?.ports).toEqual(['${FAULTLINE_POSTGRES_PORT:-5432}:5432']);
  });

  it('runs an exported k6 script under the k6 profile', () => {
    const k6 = compose.services.k6!;
    expect(k6.profiles).toEqual(['k6']);
    expect(k6.image).toMatch(/^grafana\/k6:\d+\.\d+\.\d+$/);
    expect(k6.volumes).toEqual(['./reports/k6:/scripts:ro']);
    expect(k6.environment.FAULTLINE_APP_URL).toBe('http://target-app:3000');
  });
});

describe('target-app/Dockerfile', () => {
  const dockerfile = read('target-app/Dockerfile');
  const entrypoint = read('target-app/docker-entrypoint.sh');

  it('is multi-stage, runs as a non-root user, and checks /api/v1/health', () => {
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n.*\/api\/v1\/health/m);
    expect(dockerfile).toContain('ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]');
  });

  it('builds offline with either builder: no syntax line, no BuildKit-only COPY --chmod, no install scripts', () => {
    expect(dockerfile).not.toMatch(/^# syntax=/m);
    expect(dockerfile).not.toContain('--chmod');
    for (const install of dockerfile.match(/npm ci[^\n]*/g) ?? []) expect(install).toContain('--ignore-scripts');
  });

  it("applies migrations with the project's own migrator at start (no Prisma engine), then execs the app as PID 1", () => {
    expect(entrypoint).toContain('node --import tsx prisma/tools/migrate.ts');
    expect(entrypoint).not.toMatch(/^[^#]*prisma migrate/m);
    expect(entrypoint).toMatch(/^exec node --import tsx target-app\/src\/index\.ts$/m);
    expect(entrypoint).toContain('startup.failed');
  });
});

describe('.github/workflows/resilience.yml', () => {
  const workflow = parse(read('.github/workflows/resilience.yml')) as {
    jobs: Record<string, { steps: { run?: string; uses?: string; with?: Record<string, unknown> }[] }>;
  };
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);

  it('runs the release suite in containers, uploads the reports and publishes JUnit and the step summary', () => {
    expect(steps.some((step) => step.run?.includes('faultline run release --env containers') === true)).toBe(true);
    expect(
      steps.some(
        (step) => step.uses?.startsWith('actions/upload-artifact@') === true && step.with?.path === 'reports/',
      ),
    ).toBe(true);
    expect(steps.some((step) => JSON.stringify(step.with ?? {}).includes('junit.xml'))).toBe(true);
  });
});
