// noop: passes everything through unchanged. Toxiproxy registers it too; clients use it in tests.
import type { Attributes, Chunk, ToxicContext, ToxicStage, ToxicType } from './toxic.ts';

class NoopStage implements ToxicStage {
  constructor(private readonly context: ToxicContext) {}

  write(chunk: Chunk): void {
    this.context.output.push(chunk);
  }

  end(): void {
    this.context.output.end();
  }

  update(): void {}
  remove(): void {}
  destroy(): void {}

  bufferedBytes(): number {
    return 0;
  }
}

export const noopToxic: ToxicType<Attributes> = {
  type: 'noop',
  defaults: {},
  createStage: (_attributes, context) => new NoopStage(context),
};
