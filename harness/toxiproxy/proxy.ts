// One proxy: a listener on `listen` that connects every client to `upstream` through the proxy's
// toxics. Disabling it closes the listener and every open connection, so new connections are
// refused; enabling it listens again on the same address (with the port it got the first time).
import net from 'node:net';
import { describeListenError, formatAddress, listenHost, parseHostPort } from './address.ts';
import { Connection } from './connection.ts';
import { apiErrors } from './errors.ts';
import type { ByteCounters } from './link.ts';
import { ToxicCollection, toxicToJson, type ToxicJson } from './toxic-collection.ts';
import type { Stream } from './toxics/toxic.ts';

export interface ProxySettings {
  name: string;
  listen: string;
  upstream: string;
}

/** A proxy as the API shows it (field order as Toxiproxy's). */
export interface ProxyJson {
  name: string;
  listen: string;
  upstream: string;
  enabled: boolean;
  toxics: ToxicJson[];
}

export interface Randomness {
  /** Toxicity rolls: a stream of its own, so traffic cannot shift which connections are affected. */
  toxicity: () => number;
  /** Jitter and slice sizes. */
  toxics: () => number;
}

export class Proxy {
  readonly name: string;
  listen: string;
  upstream: string;
  enabled = false;
  readonly toxics = new ToxicCollection();
  readonly counters: Record<Stream, ByteCounters> = {
    upstream: { receivedBytes: 0, sentBytes: 0 },
    downstream: { receivedBytes: 0, sentBytes: 0 },
  };
  private server: net.Server | undefined;
  private readonly connections = new Set<Connection>();

  constructor(
    settings: ProxySettings,
    private readonly randomness: Randomness,
  ) {
    this.name = settings.name;
    this.listen = settings.listen;
    this.upstream = settings.upstream;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Listen; `listen` then reports the real address (a port of 0 becomes the port picked). */
  async start(): Promise<void> {
    if (this.enabled) return;
    const { host, port } = parseHostPort(this.listen, 'listen');
    const server = net.createServer({ allowHalfOpen: true, noDelay: true }, (client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(apiErrors.listenFailed(describeListenError(this.listen, error), error)),
      );
      server.listen({ host: listenHost(host), port }, () => resolve());
    });
    server.on('error', () => {
      // After listening, errors are per connection; the connection handles its own.
    });
    this.server = server;
    this.listen = formatAddress(server.address() as net.AddressInfo);
    this.enabled = true;
  }

  /** Close the listener and every open connection. */
  async stop(): Promise<void> {
    if (!this.enabled) return;
    this.enabled = false;
    const server = this.server;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server?.close(() => resolve()) ?? resolve());
    for (const connection of [...this.connections]) connection.destroy();
    await closed;
  }

  /** As Toxiproxy: a new listen or upstream restarts the proxy; `enabled` starts or stops it. */
  async update(settings: { listen: string; upstream: string; enabled: boolean }): Promise<void> {
    if (settings.listen !== this.listen || settings.upstream !== this.upstream) {
      await this.stop();
      this.listen = settings.listen;
      this.upstream = settings.upstream;
    }
    if (settings.enabled && !this.enabled) await this.start();
    if (!settings.enabled && this.enabled) await this.stop();
  }

  toJSON(): ProxyJson {
    return {
      name: this.name,
      listen: this.listen,
      upstream: this.upstream,
      enabled: this.enabled,
      toxics: this.toxics.list().map(toxicToJson),
    };
  }

  private accept(client: net.Socket): void {
    let upstream;
    try {
      upstream = parseHostPort(this.upstream, 'dial');
    } catch {
      client.destroy();
      return;
    }
    const connection = new Connection(client, {
      upstream,
      toxics: this.toxics,
      rollToxicity: this.randomness.toxicity,
      random: this.randomness.toxics,
      counters: this.counters,
      onFinished: (finished) => this.connections.delete(finished),
    });
    this.connections.add(connection);
    connection.start();
  }
}
