// How the reference app's health endpoints read. /health always answers 200 and says in its body
// whether it is ok, degraded (a non-critical service down) or unavailable (the database); the
// detailed one answers 503 without the database and says ok/degraded in its body; db-check is the
// database alone (200/503). /health/ready is the readiness gate a balancer asks: it also answers 503
// while draining, so it is not held to the database's truth.
import type { HealthReading, TargetHealth } from '../../harness/target/types.ts';

const bodyStatus = (body: unknown): unknown => (body as { status?: unknown } | null)?.status;

function overall(body: unknown): HealthReading['status'] {
  const status = bodyStatus(body);
  if (status === 'ok' || status === 'degraded') return status;
  return status === 'unavailable' ? 'down' : undefined;
}

export const REFERENCE_HEALTH: TargetHealth = {
  endpoints: {
    health: {
      path: '/api/v1/health',
      read: ({ status, body }) => {
        if (status !== 200) return {};
        const says = overall(body);
        return { status: says, database: says === undefined ? undefined : says === 'down' ? 'down' : 'up' };
      },
    },
    'health/detailed': {
      path: '/api/v1/health/detailed',
      read: ({ status, body }) =>
        status === 200 ? { database: 'up', status: overall(body) } : status === 503 ? { database: 'down' } : {},
    },
    'db-check': '/api/v1/db-check',
    ready: { path: '/api/v1/health/ready', polled: false },
  },
  ready: 'ready',
};
