// reset_peer: once data (or the end of the stream) arrives, waits `timeout` ms and then aborts the
// connection with a TCP RST, so both peers see ECONNRESET. Data after the trigger is dropped.
import type { ToxicContext, ToxicStage, ToxicType } from './toxic.ts';

export interface ResetPeerAttributes {
  [name: string]: number;
  /** Milliseconds from the first data to the reset. */
  timeout: number;
}

class ResetPeerStage implements ToxicStage<ResetPeerAttributes> {
  private triggeredAtMs: number | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private attributes: ResetPeerAttributes,
    private readonly context: ToxicContext,
  ) {}

  write(): void {
    this.trigger();
  }

  end(): void {
    this.trigger();
  }

  update(attributes: ResetPeerAttributes): void {
    this.attributes = attributes;
    if (this.triggeredAtMs !== undefined) this.schedule();
  }

  /**
   * Once triggered the connection is doomed (its data was dropped): in Toxiproxy the reset still
   * happens; we do it now rather than leave a timer behind a removed toxic.
   */
  remove(): void {
    clearTimeout(this.timer);
    if (this.triggeredAtMs !== undefined) this.context.output.reset();
  }

  destroy(): void {
    clearTimeout(this.timer);
  }

  bufferedBytes(): number {
    return 0;
  }

  private trigger(): void {
    if (this.triggeredAtMs !== undefined) return;
    this.triggeredAtMs = this.context.nowMs();
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const waitMs = (this.triggeredAtMs ?? 0) + this.attributes.timeout - this.context.nowMs();
    this.timer = setTimeout(() => this.context.output.reset(), Math.max(0, waitMs));
  }
}

export const resetPeerToxic: ToxicType<ResetPeerAttributes> = {
  type: 'reset_peer',
  defaults: { timeout: 0 },
  createStage: (attributes, context) => new ResetPeerStage(attributes, context),
};
