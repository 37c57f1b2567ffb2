// DEFECT `ack-before-commit` — the bug the fix removed, kept so the harness can prove that its
// "no acknowledged write is lost" check fails when it should. Reservations are acknowledged at once
// and queued in memory; a flush runs 500 ms later, and a flush that fails DROPS its whole batch.
// Only TicketService uses this, and only when TARGET_APP_DEFECTS names the defect.
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { Logger } from '../lib/logger.ts';

export interface PendingTicket {
  clientKey: string;
  eventId: string;
  holderId: string;
  status: 'RESERVED';
}

export const DEFERRED_FLUSH_INTERVAL_MS = 500;

export class DeferredTicketWriter {
  private queue: PendingTicket[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly logger: Logger,
    private readonly flushIntervalMs = DEFERRED_FLUSH_INTERVAL_MS,
  ) {}

  /** Queues the insert and returns what the client is told was written. */
  enqueue(ticket: Omit<PendingTicket, 'status'>): PendingTicket {
    const pending: PendingTicket = { ...ticket, status: 'RESERVED' };
    this.queue.push(pending);
    this.schedule();
    return pending;
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    // Runs only while there is work, so an idle (or stopped) app leaves no timer behind.
    this.timer = setTimeout(() => void this.flush(), this.flushIntervalMs);
    this.timer.unref();
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    try {
      await this.prisma.ticket.createMany({ data: batch, skipDuplicates: true });
    } catch (error) {
      this.logger.error(
        { event: 'tickets.deferred.lost', count: batch.length, clientKeys: batch.map((t) => t.clientKey), err: error },
        `${batch.length} acknowledged ticket write(s) lost`,
      );
    } finally {
      this.timer = undefined;
      if (this.queue.length > 0) this.schedule();
    }
  }
}
