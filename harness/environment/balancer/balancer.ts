// The load balancer in front of several app instances (an ALB/ECS target group in miniature): an
// HTTP reverse proxy that spreads requests round-robin over the instances its health checks hold
// healthy, and passes WebSocket upgrades through (Socket.IO uses them). Like a real one it never
// retries: a request sent to an instance that refuses or drops it answers 502, which is what a
// client behind an ALB sees when an instance closes its listener without draining. With no
// instance in rotation it answers 503 itself (an ALB with no healthy target in service): the app is
// not "ready" behind it until an instance is, and no request goes to one still booting.
import http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { askReadiness, DEFAULT_HEALTH_CHECK, TargetHealth, type HealthCheckSettings } from './health-check.ts';

export interface BalancerTarget {
  /** The instance's index (0-based), as AppStart/AppExit name it. */
  instance: number;
  host: string;
  port: number;
}

export interface RotationChange {
  instance: number;
  healthy: boolean;
  /** The answer that moved it: 'HTTP 503', 'ECONNREFUSED', ... */
  reason: string;
}

export interface BalancerOptions {
  targets: BalancerTarget[];
  host?: string;
  /** 0 (the default): a free port. */
  port?: number;
  /** The readiness path each instance is asked, and any timing that differs from the default. */
  healthCheck: Partial<HealthCheckSettings> & { path: string };
  /** Each time an instance goes in or out of rotation. */
  onChange?: (change: RotationChange) => void;
}

/** Hop-by-hop headers (RFC 9110 §7.6.1): for one connection, not forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
]);

function forwardedHeaders(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
}

export class LoadBalancer {
  private readonly health: Map<number, TargetHealth>;
  private readonly checking = new Set<number>();
  private readonly tunnels = new Set<Duplex>();
  private next = 0;
  private timer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly server: http.Server,
    private readonly targets: BalancerTarget[],
    readonly settings: HealthCheckSettings,
    private readonly onChange: (change: RotationChange) => void,
    readonly port: number,
  ) {
    this.health = new Map(targets.map((target) => [target.instance, new TargetHealth(settings)]));
  }

  static async start(options: BalancerOptions): Promise<LoadBalancer> {
    if (options.targets.length === 0) throw new Error('a load balancer needs at least one target');
    const settings = { ...DEFAULT_HEALTH_CHECK, ...options.healthCheck };
    const server = http.createServer();
    const host = options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const port = (server.address() as net.AddressInfo).port;
    const balancer = new LoadBalancer(server, options.targets, settings, options.onChange ?? (() => undefined), port);
    server.on('request', (request, response) => balancer.proxy(request, response));
    server.on('upgrade', (request, socket, head) => balancer.tunnel(request, socket, head));
    balancer.timer = setInterval(() => balancer.checkAll(), settings.intervalMs);
    balancer.checkAll();
    return balancer;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The instances in rotation now. */
  healthy(): number[] {
    return this.targets.filter((target) => this.health.get(target.instance)?.healthy).map((target) => target.instance);
  }

  /**
   * Resolves once `instance` is in rotation on checks sent after `sinceMs` (Date.now(); default: any),
   * or rejects after `timeoutMs`.
   */
  async waitUntilHealthy(instance: number, timeoutMs: number, sinceMs = Number.NEGATIVE_INFINITY): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.health.get(instance)?.healthySince(sinceMs)) {
      if (Date.now() > deadline) throw new Error(`instance ${instance} was not healthy within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, this.settings.intervalMs / 2));
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    for (const socket of this.tunnels) socket.destroy();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private pick(): BalancerTarget | undefined {
    const healthy = this.targets.filter((target) => this.health.get(target.instance)?.healthy);
    if (healthy.length === 0) return undefined;
    const target = healthy[this.next % healthy.length] as BalancerTarget;
    this.next = (this.next + 1) % 1_000_000;
    return target;
  }

  private checkAll(): void {
    for (const target of this.targets) {
      if (this.checking.has(target.instance)) continue;
      this.checking.add(target.instance);
      const url = `http://${target.host}:${target.port}${this.settings.path}`;
      const sentAtMs = Date.now();
      void askReadiness(url, this.settings.timeoutMs).then((answer) => {
        this.checking.delete(target.instance);
        const health = this.health.get(target.instance) as TargetHealth;
        if (health.observe(answer, sentAtMs))
          this.onChange({
            instance: target.instance,
            healthy: health.healthy,
            reason: answer.status === null ? (answer.error ?? 'no answer') : `HTTP ${answer.status}`,
          });
      });
    }
  }

  private proxy(request: http.IncomingMessage, response: http.ServerResponse): void {
    const target = this.pick();
    if (target === undefined) {
      request.resume();
      response.writeHead(503, {
        'content-type': 'application/json',
        'retry-after': '1',
        'x-faultline-balancer': 'no-healthy-instance',
      });
      response.end(JSON.stringify({ error: { code: 'NO_HEALTHY_INSTANCE', message: 'no instance is in rotation' } }));
      return;
    }
    const upstream = http.request({
      host: target.host,
      port: target.port,
      method: request.method,
      path: request.url,
      headers: forwardedHeaders(request.headers),
      // One connection per request: no pooled socket the instance may close under a new request.
      agent: false,
    });
    upstream.on('response', (answer) => {
      response.writeHead(answer.statusCode ?? 502, forwardedHeaders(answer.headers));
      answer.pipe(response);
      answer.once('error', () => response.destroy());
      answer.once('aborted', () => response.destroy());
    });
    upstream.on('error', (error) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      const code = (error as NodeJS.ErrnoException).code ?? error.message;
      response.writeHead(502, { 'content-type': 'application/json', 'x-faultline-balancer': 'upstream-failed' });
      response.end(JSON.stringify({ error: { code: 'BAD_GATEWAY', message: `instance ${target.instance}: ${code}` } }));
    });
    request.once('aborted', () => upstream.destroy());
    response.once('close', () => {
      if (!response.writableFinished) upstream.destroy();
    });
    request.pipe(upstream);
  }

  private tunnel(request: http.IncomingMessage, client: Duplex, head: Buffer): void {
    const target = this.pick();
    if (target === undefined) {
      client.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = net.connect({ host: target.host, port: target.port });
    this.tunnels.add(client);
    this.tunnels.add(upstream);
    const close = (): void => {
      // end, not destroy: a 502 written on the client socket must still reach it.
      client.end();
      upstream.destroy();
      this.tunnels.delete(client);
      this.tunnels.delete(upstream);
    };
    upstream.once('connect', () => {
      const lines = [`${request.method} ${request.url} HTTP/${request.httpVersion}`];
      for (let index = 0; index < request.rawHeaders.length; index += 2)
        lines.push(`${request.rawHeaders[index]}: ${request.rawHeaders[index + 1]}`);
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.once('error', () => {
      if (client.writable && upstream.bytesRead === 0) {
        // Nothing came back: answer like a proxy.
        client.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      }
      close();
    });
    upstream.once('close', close);
    client.once('error', close);
    client.once('close', close);
  }
}
