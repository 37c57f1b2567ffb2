// The proxy control: one Toxiproxy proxy switched off and on, and toxics added and removed by a
// fault window's name, through the real toxiproxy-node-client, so the same code drives the
// embedded server and a real Toxiproxy.
import type { Toxiproxy, ToxicType } from 'toxiproxy-node-client';

export interface ToxicSpec {
  type: ToxicType;
  stream: 'upstream' | 'downstream';
  toxicity: number;
  attributes: Record<string, number>;
}

export interface ProxyControl {
  setEnabled(enabled: boolean): Promise<void>;
  /** Adds a toxic named after the window, so overlapping windows coexist. */
  addToxic(window: string, spec: ToxicSpec): Promise<void>;
  removeToxic(window: string): Promise<void>;
}

/**
 * The toxic's name for a fault window ('dbLatency#1' → 'dbLatency_1'). The client puts the name in
 * the URL path unencoded, so a '#' would cut it short and the removal would 404.
 */
export function toxicName(window: string): string {
  return window.replace(/[^A-Za-z0-9_.-]/g, '_');
}

export function proxyControl(toxiproxy: Toxiproxy, proxyName: string): ProxyControl {
  return {
    async setEnabled(enabled) {
      const proxy = await toxiproxy.get(proxyName);
      await proxy.update({ enabled, listen: proxy.listen, upstream: proxy.upstream });
    },
    async addToxic(window, spec) {
      const proxy = await toxiproxy.get(proxyName);
      await proxy.addToxic({ name: toxicName(window), ...spec });
    },
    async removeToxic(window) {
      const proxy = await toxiproxy.get(proxyName);
      await (await proxy.getToxic(toxicName(window))).remove();
    },
  };
}
