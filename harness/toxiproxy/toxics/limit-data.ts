// limit_data: passes exactly `bytes` bytes, then closes the connection. The count is kept per
// connection across updates, as Toxiproxy keeps it.
import type { Chunk, ToxicContext, ToxicStage, ToxicType } from './toxic.ts';

export interface LimitDataAttributes {
  [name: string]: number;
  /** Bytes passed before the connection is closed. */
  bytes: number;
}

class LimitDataStage implements ToxicStage<LimitDataAttributes> {
  private transmittedBytes = 0;

  constructor(
    private attributes: LimitDataAttributes,
    private readonly context: ToxicContext,
  ) {}

  write(chunk: Chunk): void {
    const remainingBytes = Math.max(0, this.attributes.bytes - this.transmittedBytes);
    const data = chunk.data.length > remainingBytes ? chunk.data.subarray(0, remainingBytes) : chunk.data;
    if (data.length > 0) {
      this.transmittedBytes += data.length;
      this.context.output.push(data === chunk.data ? chunk : { data, atMs: chunk.atMs });
    }
    if (this.transmittedBytes >= this.attributes.bytes) this.context.output.close();
  }

  end(): void {
    this.context.output.end();
  }

  /** A lower limit takes effect with the next data, as in Toxiproxy. */
  update(attributes: LimitDataAttributes): void {
    this.attributes = attributes;
  }

  remove(): void {}
  destroy(): void {}

  bufferedBytes(): number {
    return 0;
  }
}

export const limitDataToxic: ToxicType<LimitDataAttributes> = {
  type: 'limit_data',
  defaults: { bytes: 0 },
  createStage: (attributes, context) => new LimitDataStage(attributes, context),
};
