// latency: delays every chunk by `latency` ± `jitter` ms, measured from when the chunk arrived, so
// a steady stream keeps its throughput (chunks are delayed in parallel, not one after another).
import type { Chunk, ToxicContext, ToxicStage, ToxicType } from './toxic.ts';
import { TimedQueue } from './timed-queue.ts';

export interface LatencyAttributes {
  [name: string]: number;
  /** Milliseconds added to every chunk. */
  latency: number;
  /** Milliseconds of uniform random variation, ±. */
  jitter: number;
}

class LatencyStage implements ToxicStage<LatencyAttributes> {
  private readonly queue: TimedQueue;
  private inputEnded = false;

  constructor(
    private attributes: LatencyAttributes,
    private readonly context: ToxicContext,
  ) {
    this.queue = new TimedQueue(
      // The chunk leaves "arrived" at its due time, so a later latency toxic adds to this one.
      (chunk, dueMs) => context.output.push({ data: chunk.data, atMs: Math.max(chunk.atMs, dueMs) }),
      context.nowMs,
      () => this.inputEnded && context.output.end(),
    );
  }

  write(chunk: Chunk): void {
    // In order: a chunk never overtakes the one before it, whatever the jitter drew.
    const previous = this.queue.lastDueMs ?? -Infinity;
    this.queue.push(chunk, Math.max(previous, chunk.atMs + this.delayMs()));
  }

  end(): void {
    this.inputEnded = true;
    if (this.queue.length === 0) this.context.output.end();
  }

  update(attributes: LatencyAttributes): void {
    this.attributes = attributes;
    this.queue.retime((chunk, previous) => Math.max(previous ?? -Infinity, chunk.atMs + this.delayMs()));
  }

  remove(): void {
    this.queue.flush();
  }

  destroy(): void {
    this.queue.destroy();
  }

  bufferedBytes(): number {
    return this.queue.bufferedBytes;
  }

  private delayMs(): number {
    const { latency, jitter } = this.attributes;
    if (jitter <= 0) return latency;
    return latency + (this.context.random() * 2 - 1) * jitter;
  }
}

export const latencyToxic: ToxicType<LatencyAttributes> = {
  type: 'latency',
  defaults: { latency: 0, jitter: 0 },
  createStage: (attributes, context) => new LatencyStage(attributes, context),
};
