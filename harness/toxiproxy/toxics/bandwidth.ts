// bandwidth: limits a stream to `rate` KB/s (1 KB = 1000 bytes, as Toxiproxy counts). Each piece
// of data leaves when the line would have finished sending it; big chunks are cut into 100 ms
// pieces so a slow rate still delivers steadily. Due times come from a virtual clock, so timer
// lateness never accumulates into a lower rate.
import type { Chunk, ToxicContext, ToxicStage, ToxicType } from './toxic.ts';
import { TimedQueue } from './timed-queue.ts';

export interface BandwidthAttributes {
  [name: string]: number;
  /** KB/s; 0 means unlimited. */
  rate: number;
}

const PIECE_DURATION_MS = 100;

class BandwidthStage implements ToxicStage<BandwidthAttributes> {
  private readonly queue: TimedQueue;
  private inputEnded = false;

  constructor(
    private attributes: BandwidthAttributes,
    private readonly context: ToxicContext,
  ) {
    this.queue = new TimedQueue(
      (chunk) => context.output.push(chunk),
      context.nowMs,
      () => this.inputEnded && context.output.end(),
    );
  }

  write(chunk: Chunk): void {
    const rate = this.attributes.rate;
    if (rate <= 0) {
      this.queue.push(chunk, -Infinity);
      return;
    }
    const pieceBytes = Math.max(1, rate * PIECE_DURATION_MS);
    for (let offset = 0; offset < chunk.data.length; offset += pieceBytes) {
      const data = chunk.data.subarray(offset, offset + pieceBytes);
      this.queue.push({ data, atMs: chunk.atMs }, this.dueAfter(this.queue.lastDueMs, data.length));
    }
  }

  end(): void {
    this.inputEnded = true;
    if (this.queue.length === 0) this.context.output.end();
  }

  update(attributes: BandwidthAttributes): void {
    this.attributes = attributes;
    this.queue.retime((chunk, previous) =>
      attributes.rate <= 0 ? -Infinity : this.dueAfter(previous, chunk.data.length),
    );
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

  /** `rate` KB/s is `rate` bytes per millisecond. */
  private dueAfter(previousDueMs: number | undefined, bytes: number): number {
    const startMs = Math.max(previousDueMs ?? -Infinity, this.context.nowMs());
    return startMs + bytes / this.attributes.rate;
  }
}

export const bandwidthToxic: ToxicType<BandwidthAttributes> = {
  type: 'bandwidth',
  defaults: { rate: 0 },
  createStage: (attributes, context) => new BandwidthStage(attributes, context),
};
