// Every proxy of one server, by name. Guards the name set and implements populate and reset with
// Toxiproxy's semantics.
import { apiErrors, ToxiproxyApiError } from './errors.ts';
import { Proxy, type ProxySettings, type Randomness } from './proxy.ts';

export interface ProxyFields {
  name?: string;
  listen?: string;
  upstream?: string;
  enabled?: boolean;
}

export interface PopulateResult {
  proxies: Proxy[];
  /** Set when populate stopped part way: the proxies before it were applied. */
  error?: ToxiproxyApiError;
}

export class ProxyCollection {
  private readonly proxies = new Map<string, Proxy>();

  constructor(private readonly randomness: Randomness) {}

  list(): Proxy[] {
    return [...this.proxies.values()];
  }

  get(name: string): Proxy {
    const proxy = this.proxies.get(name);
    if (proxy === undefined) throw apiErrors.proxyNotFound();
    return proxy;
  }

  /** Create a proxy; `enabled` defaults to true. A proxy that fails to listen is not added. */
  async create(fields: ProxyFields): Promise<Proxy> {
    const settings = requireSettings(fields, '');
    if (this.proxies.has(settings.name)) throw apiErrors.proxyAlreadyExists();
    return this.add(settings, fields.enabled ?? true);
  }

  async remove(name: string): Promise<void> {
    const proxy = this.get(name);
    this.proxies.delete(name);
    await proxy.stop();
  }

  /**
   * Create each proxy, or replace an existing one of the same name only when its listen or
   * upstream differ (an unchanged one keeps its toxics and connections). Every entry is checked
   * before anything changes; a proxy that fails to listen stops the rest.
   */
  async populate(entries: ProxyFields[]): Promise<PopulateResult> {
    const checked = entries.map((fields, index) => ({
      settings: requireSettings(fields, ` at proxy ${index + 1}`),
      enabled: fields.enabled ?? true,
    }));
    const proxies: Proxy[] = [];
    for (const { settings, enabled } of checked) {
      const existing = this.proxies.get(settings.name);
      if (existing !== undefined && existing.listen === settings.listen && existing.upstream === settings.upstream) {
        proxies.push(existing);
        continue;
      }
      try {
        if (existing !== undefined) await this.remove(existing.name);
        proxies.push(await this.add(settings, enabled));
      } catch (error) {
        if (!(error instanceof ToxiproxyApiError)) throw error;
        return { proxies, error };
      }
    }
    return { proxies };
  }

  /** Enable every proxy and remove every toxic. */
  async reset(): Promise<void> {
    for (const proxy of this.list()) {
      await proxy.start();
      proxy.toxics.reset();
    }
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.list().map((proxy) => proxy.stop()));
    this.proxies.clear();
  }

  private async add(settings: ProxySettings, enabled: boolean): Promise<Proxy> {
    const proxy = new Proxy(settings, this.randomness);
    if (enabled) await proxy.start();
    this.proxies.set(proxy.name, proxy);
    return proxy;
  }
}

function requireSettings(fields: ProxyFields, where: string): ProxySettings {
  if (fields.name === undefined || fields.name === '') throw apiErrors.missingField(`name${where}`);
  if (fields.upstream === undefined || fields.upstream === '') throw apiErrors.missingField(`upstream${where}`);
  return { name: fields.name, listen: fields.listen ?? '', upstream: fields.upstream };
}
