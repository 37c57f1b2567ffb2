// slicer: cuts data into small pieces of `average_size` ± `size_variation` bytes with `delay` µs
// between them, the way a congested network delivers a stream. No byte is lost or reordered.
import type { Chunk, ToxicContext, ToxicStage, ToxicType } from './toxic.ts';
import { TimedQueue } from './timed-queue.ts';

export interface SlicerAttributes {
  [name: string]: number;
  /** Bytes per slice, on average. */
  average_size: number;
  /** ± bytes around the average (kept below it, so no slice is empty). */
  size_variation: number;
  /** Microseconds between slices. */
  delay: number;
}

class SlicerStage implements ToxicStage<SlicerAttributes> {
  private readonly queue: TimedQueue;
  private inputEnded = false;
  private lastReleaseMs = -Infinity;

  constructor(
    private attributes: SlicerAttributes,
    private readonly context: ToxicContext,
  ) {
    this.queue = new TimedQueue(
      (chunk) => {
        this.lastReleaseMs = context.nowMs();
        context.output.push(chunk);
      },
      context.nowMs,
      () => this.inputEnded && context.output.end(),
    );
  }

  write(chunk: Chunk): void {
    for (const data of this.slices(chunk.data)) {
      this.queue.push({ data, atMs: chunk.atMs }, this.dueAfter(this.queue.lastDueMs));
    }
  }

  end(): void {
    this.inputEnded = true;
    if (this.queue.length === 0) this.context.output.end();
  }

  update(attributes: SlicerAttributes): void {
    this.attributes = attributes;
    this.queue.retime((_chunk, previous) => this.dueAfter(previous));
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

  /** The first slice leaves at once; each following one `delay` µs after the previous. */
  private dueAfter(previousDueMs: number | undefined): number {
    const gapMs = this.attributes.delay / 1_000;
    return Math.max(this.context.nowMs(), (previousDueMs ?? this.lastReleaseMs) + gapMs);
  }

  private slices(data: Buffer): Buffer[] {
    const average = this.attributes.average_size;
    if (average <= 0 || data.length <= average) return [data];
    const variation = Math.max(0, Math.min(this.attributes.size_variation, average - 1));
    const slices: Buffer[] = [];
    let offset = 0;
    while (offset < data.length) {
      const size = average + Math.round((this.context.random() * 2 - 1) * variation);
      slices.push(data.subarray(offset, offset + size));
      offset += size;
    }
    return slices;
  }
}

export const slicerToxic: ToxicType<SlicerAttributes> = {
  type: 'slicer',
  defaults: { average_size: 0, size_variation: 0, delay: 0 },
  createStage: (attributes, context) => new SlicerStage(attributes, context),
};
