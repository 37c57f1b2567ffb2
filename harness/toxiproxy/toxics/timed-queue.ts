// Chunks waiting for their release time, released in order with one timer. Latency, bandwidth and
// slicer all hold data this way; they differ only in how they compute each chunk's due time.
import type { Chunk } from './toxic.ts';

/**
 * Node timers have millisecond granularity on the event loop's cached clock, so a plain
 * setTimeout lands anywhere within about a millisecond of the due time, usually late. We arm the
 * timer this much early and cover the rest by yielding turns of the event loop (setImmediate,
 * which still serves I/O), so a 100 ms latency is 100 ms give or take a few tenths.
 */
const FINAL_APPROACH_MS = 1.5;
/** Close enough: releasing now is nearer the due time than another turn of the loop would be. */
const ON_TIME_MS = 0.05;

interface Item {
  chunk: Chunk;
  dueMs: number;
}

export class TimedQueue {
  private items: Item[] = [];
  private head = 0;
  private bytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private destroyed = false;

  constructor(
    private readonly release: (chunk: Chunk, dueMs: number) => void,
    private readonly nowMs: () => number,
    /** Called each time the queue has released its last chunk. */
    private readonly onEmpty: () => void,
  ) {}

  get length(): number {
    return this.items.length - this.head;
  }

  get bufferedBytes(): number {
    return this.bytes;
  }

  /** Due time of the last chunk queued, or undefined when empty. */
  get lastDueMs(): number | undefined {
    return this.length === 0 ? undefined : this.items[this.items.length - 1]!.dueMs;
  }

  push(chunk: Chunk, dueMs: number): void {
    this.items.push({ chunk, dueMs });
    this.bytes += chunk.data.length;
    if (this.length === 1) this.pump();
  }

  /** Recompute every waiting chunk's due time in order (after an attribute change). */
  retime(due: (chunk: Chunk, previousDueMs: number | undefined) => number): void {
    let previous: number | undefined;
    for (let i = this.head; i < this.items.length; i++) {
      const item = this.items[i]!;
      item.dueMs = due(item.chunk, previous);
      previous = item.dueMs;
    }
    this.pump();
  }

  /** Release everything now, in order. */
  flush(): void {
    for (const item of this.items) item.dueMs = -Infinity;
    this.pump();
  }

  destroy(): void {
    this.destroyed = true;
    this.disarm();
    this.items = [];
    this.head = 0;
    this.bytes = 0;
  }

  private disarm(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.immediate !== undefined) clearImmediate(this.immediate);
    this.immediate = undefined;
  }

  private readonly wake = (): void => {
    this.timer = undefined;
    this.immediate = undefined;
    this.pump();
  };

  private pump(): void {
    this.disarm();
    if (this.length === 0) return;
    const nowMs = this.nowMs();
    while (this.head < this.items.length) {
      const item = this.items[this.head]!;
      const waitMs = item.dueMs - nowMs;
      if (waitMs > ON_TIME_MS) {
        if (waitMs > FINAL_APPROACH_MS) this.timer = setTimeout(this.wake, waitMs - FINAL_APPROACH_MS);
        else this.immediate = setImmediate(this.wake);
        return;
      }
      this.head++;
      this.bytes -= item.chunk.data.length;
      this.release(item.chunk, item.dueMs);
      // Releasing can end the connection, which destroys this queue.
      if (this.destroyed) return;
    }
    this.items = [];
    this.head = 0;
    this.onEmpty();
  }
}
