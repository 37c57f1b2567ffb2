// timeout: nothing gets through. After `timeout` ms the connection is closed; with 0 it is held
// open — data dropped — until the toxic is removed, and then closed (as Toxiproxy does: a client
// that timed out must not get stale data afterwards).
import type { ToxicContext, ToxicStage, ToxicType } from './toxic.ts';

export interface TimeoutAttributes {
  [name: string]: number;
  /** Milliseconds until the connection is closed; 0 = never, until the toxic is removed. */
  timeout: number;
}

class TimeoutStage implements ToxicStage<TimeoutAttributes> {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    attributes: TimeoutAttributes,
    private readonly context: ToxicContext,
  ) {
    this.arm(attributes);
  }

  write(): void {
    // Dropped on the floor.
  }

  end(): void {
    clearTimeout(this.timer);
    this.context.output.end();
  }

  /** A new timeout counts from now, as Toxiproxy restarts the toxic on update. */
  update(attributes: TimeoutAttributes): void {
    this.arm(attributes);
  }

  remove(): void {
    clearTimeout(this.timer);
    this.context.output.close();
  }

  destroy(): void {
    clearTimeout(this.timer);
  }

  bufferedBytes(): number {
    return 0;
  }

  private arm(attributes: TimeoutAttributes): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (attributes.timeout > 0) this.timer = setTimeout(() => this.context.output.close(), attributes.timeout);
  }
}

export const timeoutToxic: ToxicType<TimeoutAttributes> = {
  type: 'timeout',
  defaults: { timeout: 0 },
  createStage: (attributes, context) => new TimeoutStage(attributes, context),
};
