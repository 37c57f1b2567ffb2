// One client connection through a proxy: the client socket, the upstream socket, and a link per
// direction. Decides how the connection ends:
// - a peer closes its side → that end is passed on through the toxics (half-close, like TCP);
// - a toxic closes the connection (timeout, limit_data) or a socket dies → both sockets close,
//   each after the toxics of its direction have handed on what they hold (Toxiproxy's behaviour);
// - reset_peer → both sockets are aborted with a TCP RST at once;
// - the proxy is disabled or removed → both sockets are destroyed at once.
import net from 'node:net';
import type { HostPort } from './address.ts';
import { Link, type ByteCounters } from './link.ts';
import type { ToxicCollection } from './toxic-collection.ts';
import type { Stream } from './toxics/toxic.ts';

export interface ConnectionOptions {
  upstream: HostPort;
  toxics: ToxicCollection;
  rollToxicity: () => number;
  random: () => number;
  counters: Record<Stream, ByteCounters>;
  onFinished: (connection: Connection) => void;
}

export class Connection {
  private upstreamSocket: net.Socket | undefined;
  private links: Link[] = [];
  private closing = false;
  private finished = false;

  constructor(
    private readonly client: net.Socket,
    private readonly options: ConnectionOptions,
  ) {}

  /** Dial the upstream; if it is down, the client is accepted and then closed (as Toxiproxy does). */
  start(): void {
    const client = this.client;
    client.setNoDelay(true);
    client.on('error', () => this.socketDied());
    client.on('close', () => this.socketClosed());
    const { host, port } = this.options.upstream;
    const upstream = net.connect({ host: host === '' ? undefined : host, port, allowHalfOpen: true, noDelay: true });
    this.upstreamSocket = upstream;
    upstream.on('error', () => this.socketDied());
    upstream.on('close', () => this.socketClosed());
    upstream.once('connect', () => {
      if (this.finished) return;
      this.startLinks(upstream);
    });
  }

  /** Close both sockets now (proxy disabled or deleted, server stopping). */
  destroy(): void {
    this.closing = true;
    this.client.destroy();
    this.upstreamSocket?.destroy();
    this.finish();
  }

  private startLinks(upstream: net.Socket): void {
    const { toxics } = this.options;
    const up = new Link('upstream', this.client, upstream, toxics.chain('upstream'), this.hooks('upstream'));
    const down = new Link('downstream', upstream, this.client, toxics.chain('downstream'), this.hooks('downstream'));
    this.links = [up, down];
    for (const link of this.links) {
      toxics.subscribe(link);
      link.start();
    }
  }

  private hooks(stream: Stream) {
    return {
      rollToxicity: this.options.rollToxicity,
      random: this.options.random,
      counters: this.options.counters[stream],
      onEnd: (link: Link, mode: 'end' | 'close') => this.linkEnded(link, mode),
      onReset: () => this.reset(),
    };
  }

  private linkEnded(link: Link, mode: 'end' | 'close'): void {
    if (mode === 'end' && !this.closing) {
      link.dest.end();
      return;
    }
    this.closing = true;
    link.dest.destroySoon();
    // The other direction reads from the socket we are closing: end it, after its toxics.
    for (const other of this.links) if (other !== link) other.endInput();
  }

  private reset(): void {
    if (this.finished) return;
    this.closing = true;
    for (const socket of [this.client, this.upstreamSocket]) {
      if (socket !== undefined && !socket.destroyed) socket.resetAndDestroy();
    }
    this.finish();
  }

  /** A socket failed (peer reset, write after close): close the connection, in order. */
  private socketDied(): void {
    if (this.finished) return;
    if (this.links.length === 0) {
      this.destroy();
      return;
    }
    this.closing = true;
  }

  private socketClosed(): void {
    if (this.finished) return;
    const upstream = this.upstreamSocket;
    if (this.links.length === 0 || upstream === undefined) {
      this.destroy();
      return;
    }
    if (this.client.destroyed && upstream.destroyed) {
      this.finish();
      return;
    }
    // One side is gone: what flows from it ends (after its toxics), what flows to it is dropped.
    this.closing = true;
    for (const link of this.links) if (link.source.destroyed) link.endInput();
    for (const link of this.links) if (link.dest.destroyed) link.destroy();
    // Nothing left to write anywhere: close what is still open instead of leaving it half-open.
    if (this.links.every((link) => link.done)) {
      for (const socket of [this.client, upstream]) if (!socket.destroyed) socket.destroySoon();
    }
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    for (const link of this.links) {
      this.options.toxics.unsubscribe(link);
      link.destroy();
    }
    this.options.onFinished(this);
  }
}
