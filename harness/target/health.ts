// A target's health endpoints as the harness uses them: each with its path and how to read it.
import type { HealthEndpointDefinition, HealthReading, Target } from './types.ts';

export interface HealthEndpointSpec {
  name: string;
  path: string;
  polled: boolean;
  read(answer: { status: number; body: unknown }): HealthReading;
}

/** Without a reader of its own: 200 says the database is up, 503 that it is down. */
export function readByStatus(answer: { status: number }): HealthReading {
  if (answer.status === 200) return { database: 'up' };
  if (answer.status === 503) return { database: 'down' };
  return {};
}

export function healthEndpoints(target: Pick<Target, 'health'>): HealthEndpointSpec[] {
  return Object.entries(target.health.endpoints).map(([name, entry]) => {
    const definition: HealthEndpointDefinition = typeof entry === 'string' ? { path: entry } : entry;
    return {
      name,
      path: definition.path,
      polled: definition.polled ?? true,
      read: (answer) => definition.read?.(answer) ?? readByStatus(answer),
    };
  });
}

/** The path whose 200 means "serving" (preflight, the balancer, a restart's wait). */
export function readyPath(target: Pick<Target, 'health'>): string {
  const entry = target.health.endpoints[target.health.ready];
  return typeof entry === 'string' ? entry : (entry?.path ?? '/');
}
