// slow_close: data passes untouched, but the end of the stream is handed on `delay` ms late, so
// the peer sees the connection close late.
import type { Chunk, ToxicContext, ToxicStage, ToxicType } from './toxic.ts';

export interface SlowCloseAttributes {
  [name: string]: number;
  /** Milliseconds between the close arriving and being passed on. */
  delay: number;
}

class SlowCloseStage implements ToxicStage<SlowCloseAttributes> {
  private endedAtMs: number | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private attributes: SlowCloseAttributes,
    private readonly context: ToxicContext,
  ) {}

  write(chunk: Chunk): void {
    this.context.output.push(chunk);
  }

  end(): void {
    this.endedAtMs = this.context.nowMs();
    this.schedule();
  }

  update(attributes: SlowCloseAttributes): void {
    this.attributes = attributes;
    if (this.endedAtMs !== undefined) this.schedule();
  }

  /** Removing the toxic lets a held close through at once (the link passes it on). */
  remove(): void {
    clearTimeout(this.timer);
  }

  destroy(): void {
    clearTimeout(this.timer);
  }

  bufferedBytes(): number {
    return 0;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const waitMs = (this.endedAtMs ?? 0) + this.attributes.delay - this.context.nowMs();
    this.timer = setTimeout(() => this.context.output.end(), Math.max(0, waitMs));
  }
}

export const slowCloseToxic: ToxicType<SlowCloseAttributes> = {
  type: 'slow_close',
  defaults: { delay: 0 },
  createStage: (attributes, context) => new SlowCloseStage(attributes, context),
};
