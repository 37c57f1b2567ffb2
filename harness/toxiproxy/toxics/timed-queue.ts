// Chunks waiting for their release time, released in order with one timer. Latency, bandwidth and
// slicer all hold data this way; they differ only in how they compute each chunk's due time.
import type { Chunk } from './toxic.ts';

/**
 * Timers fire on the event loop's cached millisecond clock, which can run slightly behind
 * `performance.now()`; releasing this close to the due time avoids re-arming for a fraction
 * of a millisecond and then firing a whole millisecond late.
 */
const EARLY_RELEASE_MS = 0.5;

interface Item {
  chunk: Chunk;
  dueMs: number;
}

export class TimedQueue {
  private items: Item[] = [];
  private head = 0;
  private bytes = 0;
  private timer: NodeJS.Timeout | undefined;
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
    if (this.timer === undefined && this.length === 1) this.pump();
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
    clearTimeout(this.timer);
    this.timer = undefined;
    this.items = [];
    this.head = 0;
    this.bytes = 0;
  }

  private pump(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.length === 0) return;
    const nowMs = this.nowMs();
    while (this.head < this.items.length) {
      const item = this.items[this.head]!;
      const waitMs = item.dueMs - nowMs;
      if (waitMs > EARLY_RELEASE_MS) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, waitMs);
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
