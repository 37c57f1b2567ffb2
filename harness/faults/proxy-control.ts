// The Toxiproxy calls every network fault is made of, through the real toxiproxy-node-client, so
// the same code drives the embedded server and a real Toxiproxy container.
import type { StartedEnvironment } from '../environment/types.ts';
import { FaultError } from './types.ts';

export type ProxyTarget = 'database' | 'redis';

function proxyName(env: StartedEnvironment, target: ProxyTarget): string {
  const name = target === 'database' ? env.dbProxyName : env.redisProxyName;
  if (name === undefined) throw new FaultError(`this environment has no ${target} proxy`);
  return name;
}

export async function setEnabled(env: StartedEnvironment, target: ProxyTarget, enabled: boolean): Promise<void> {
  const proxy = await env.toxiproxy.get(proxyName(env, target));
  await proxy.update({ enabled, listen: proxy.listen, upstream: proxy.upstream });
}

export interface ToxicSpec {
  type: 'latency' | 'bandwidth' | 'slow_close' | 'timeout' | 'slicer' | 'limit_data' | 'reset_peer';
  stream: 'upstream' | 'downstream';
  toxicity: number;
  attributes: Record<string, number>;
}

/**
 * The toxic's name for a fault window ('dbLatency#1' → 'dbLatency_1'). The client puts the name in
 * the URL path unencoded, so a '#' would cut it short and the removal would 404.
 */
export function toxicName(window: string): string {
  return window.replace(/[^A-Za-z0-9_.-]/g, '_');
}

export async function addToxic(
  env: StartedEnvironment,
  target: ProxyTarget,
  window: string,
  spec: ToxicSpec,
): Promise<void> {
  const proxy = await env.toxiproxy.get(proxyName(env, target));
  await proxy.addToxic({
    name: toxicName(window),
    type: spec.type,
    stream: spec.stream,
    toxicity: spec.toxicity,
    attributes: spec.attributes as never,
  });
}

export async function removeToxic(env: StartedEnvironment, target: ProxyTarget, window: string): Promise<void> {
  const proxy = await env.toxiproxy.get(proxyName(env, target));
  const toxic = await proxy.getToxic(toxicName(window));
  await toxic.remove();
}
