// Who is in which event chat, shared by every instance through Redis. Each instance keeps the truth
// about its own sockets here and writes it to the event's presence set (lib/cache.ts): a join adds
// the socket, a leave or disconnect removes it, and a heartbeat every third of the TTL re-adds every
// socket still joined. So a crashed instance's sockets expire within the TTL, a leave lost to a Redis
// outage expires the same way, a join lost to one comes back with the next heartbeat, and no
// sequence of failures can make a count negative (a set has no negative size). Redis down → the
// counts say "degraded", nothing fails.
import type { Cache } from '../lib/cache.ts';
import type { Logger } from '../lib/logger.ts';

export const presenceKey = (eventId: string): string => `presence:event:${eventId}`;

export interface PresenceOptions {
  /** This instance's id: members are `<instanceId>:<socketId>`, unique across instances. */
  instanceId: string;
  ttlMs: number;
  /** Defect `presence-without-expiry`: members never expire and are never refreshed. */
  expire: boolean;
}

export class Presence {
  private readonly joined = new Map<string, Set<string>>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly cache: Cache,
    private readonly options: PresenceOptions,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (!this.options.expire || this.timer !== undefined) return;
    this.timer = setInterval(() => void this.heartbeat(), Math.max(1, Math.floor(this.options.ttlMs / 3)));
    this.timer.unref();
  }

  join(eventId: string, socketId: string): void {
    const members = this.joined.get(eventId) ?? new Set<string>();
    members.add(this.member(socketId));
    this.joined.set(eventId, members);
    this.write(eventId, () => this.cache.presenceAdd(presenceKey(eventId), [this.member(socketId)], this.ttlMs()));
  }

  leave(eventId: string, socketId: string): void {
    const members = this.joined.get(eventId);
    members?.delete(this.member(socketId));
    if (members?.size === 0) this.joined.delete(eventId);
    this.write(eventId, () => this.cache.presenceRemove(presenceKey(eventId), [this.member(socketId)]));
  }

  count(eventId: string): Promise<number | undefined> {
    return this.cache.presenceCount(presenceKey(eventId));
  }

  /** Re-add every socket still joined, renewing its expiry (and restoring it after a Redis outage). */
  async heartbeat(): Promise<void> {
    await Promise.all(
      [...this.joined].map(([eventId, members]) =>
        this.cache.presenceAdd(presenceKey(eventId), [...members], this.ttlMs()).catch((error: unknown) => {
          this.logger.warn({ event: 'presence.heartbeat.failed', eventId, err: error }, 'presence not refreshed');
        }),
      ),
    );
  }

  /** On shutdown: stop refreshing and take this instance's sockets out now rather than at expiry. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await Promise.allSettled(
      [...this.joined].map(([eventId, members]) => this.cache.presenceRemove(presenceKey(eventId), [...members])),
    );
    this.joined.clear();
  }

  private ttlMs(): number | undefined {
    return this.options.expire ? this.options.ttlMs : undefined;
  }

  private member(socketId: string): string {
    return `${this.options.instanceId}:${socketId}`;
  }

  private write(eventId: string, run: () => Promise<void>): void {
    run().catch((error: unknown) => {
      this.logger.warn({ event: 'presence.update.failed', eventId, err: error }, 'presence not updated');
    });
  }
}
