// One direction of one proxied connection: bytes read from `source` pass through the stages of the
// toxics on this stream, in order, and are written to `dest`. With no active stage the bytes go
// straight from source to dest with plain backpressure — the path that keeps the proxy close to a
// bare pipe — and adding, updating or removing a toxic rewires the chain on the live connection.
//
// Toxicity is applied here and only here: each toxic is rolled once for this link, from the
// proxy server's seeded RNG, and a toxic that loses the roll is simply not in this link's path.
import type net from 'node:net';
import { performance } from 'node:perf_hooks';
import type { ToxicDefinition, ToxicSubscriber } from './toxic-collection.ts';
import type { Chunk, Stream, StageOutput, ToxicStage } from './toxics/toxic.ts';

/**
 * Stop reading the source while the stages hold more than this; resume below half of it. Data held
 * by a latency toxic is in flight, so this bounds throughput at HIGH_WATER_BYTES per latency period
 * (80 MB/s at 100 ms), in the spirit of Toxiproxy's 1024-chunk latency buffer.
 */
const HIGH_WATER_BYTES = 8 * 1024 * 1024;
const LOW_WATER_BYTES = HIGH_WATER_BYTES / 2;

export interface ByteCounters {
  receivedBytes: number;
  sentBytes: number;
}

export interface LinkHooks {
  /** Draws the toxicity roll for one toxic on this link, in [0, 1). */
  rollToxicity(): number;
  /** Randomness for the toxics themselves (jitter, slice sizes). */
  random(): number;
  counters: ByteCounters;
  /** The end reached the destination: `close` when a toxic closed the connection. */
  onEnd(link: Link, mode: 'end' | 'close'): void;
  /** A toxic asked for a TCP reset of the whole connection. */
  onReset(): void;
}

interface Entry {
  readonly toxic: ToxicDefinition;
  readonly roll: number;
  stage: ToxicStage | undefined;
  /** The next active entry; undefined means the destination socket. */
  next: Entry | undefined;
  inputEnded: boolean;
  outputEnded: boolean;
}

export class Link implements ToxicSubscriber {
  private readonly entries: Entry[] = [];
  private head: Entry | undefined;
  private inputEnded = false;
  private destEnded = false;
  private closeRequested = false;
  private destBlocked = false;
  private stagesFull = false;
  private started = false;
  private destroyed = false;

  constructor(
    readonly stream: Stream,
    readonly source: net.Socket,
    readonly dest: net.Socket,
    toxics: readonly ToxicDefinition[],
    private readonly hooks: LinkHooks,
  ) {
    for (const toxic of toxics) this.entries.push(this.createEntry(toxic));
    this.relink();
  }

  /** Nothing more will be written to the destination. */
  get done(): boolean {
    return this.destEnded || this.destroyed;
  }

  /** Start moving bytes. */
  start(): void {
    this.started = true;
    this.source.on('data', this.onData);
    this.source.on('end', this.onSourceEnd);
    this.dest.on('drain', this.onDrain);
  }

  /** No more input: the source closed, or the other direction closed the connection. */
  endInput(): void {
    if (this.inputEnded || this.destroyed) return;
    this.inputEnded = true;
    this.deliverEnd(this.head);
  }

  /** The connection is gone: stop everything, drop what the stages hold. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.inputEnded = true;
    this.destEnded = true;
    this.source.off('data', this.onData);
    this.source.off('end', this.onSourceEnd);
    this.dest.off('drain', this.onDrain);
    for (const entry of this.entries) entry.stage?.destroy();
  }

  addToxic(toxic: ToxicDefinition): void {
    if (this.destroyed) return;
    this.entries.push(this.createEntry(toxic, this.destEnded));
    this.relink();
  }

  updateToxic(toxic: ToxicDefinition): void {
    const entry = this.entries.find((candidate) => candidate.toxic === toxic);
    if (entry === undefined || this.destroyed) return;
    const affected = entry.roll < toxic.toxicity;
    if (entry.stage !== undefined && affected) {
      entry.stage.update(toxic.attributes);
    } else if (entry.stage !== undefined) {
      this.retire(entry);
      this.relink();
    } else if (affected && !this.destEnded) {
      this.activate(entry);
      this.relink();
    }
  }

  removeToxic(toxic: ToxicDefinition): void {
    const index = this.entries.findIndex((candidate) => candidate.toxic === toxic);
    if (index < 0 || this.destroyed) return;
    const [entry] = this.entries.splice(index, 1);
    // Retire before relinking: what the stage still holds goes on to its old successor.
    if (entry !== undefined) this.retire(entry);
    this.relink();
  }

  private createEntry(toxic: ToxicDefinition, inert = false): Entry {
    const entry: Entry = {
      toxic,
      roll: this.hooks.rollToxicity(),
      stage: undefined,
      next: undefined,
      inputEnded: false,
      outputEnded: false,
    };
    if (!inert && entry.roll < toxic.toxicity) this.activate(entry);
    return entry;
  }

  private activate(entry: Entry): void {
    const index = this.entries.indexOf(entry);
    const before = index < 0 ? this.entries : this.entries.slice(0, index);
    const previous = before.findLast((candidate) => candidate.stage !== undefined);
    // Input that already ended upstream of this entry has gone past it: it has nothing to do.
    const ended = previous === undefined ? this.inputEnded : previous.outputEnded;
    entry.inputEnded = ended;
    entry.outputEnded = ended;
    entry.stage = entry.toxic.type.createStage(entry.toxic.attributes, {
      output: this.outputOf(entry),
      random: () => this.hooks.random(),
      nowMs: () => performance.now(),
    });
  }

  private retire(entry: Entry): void {
    const stage = entry.stage;
    if (stage === undefined) return;
    stage.remove();
    if (entry.inputEnded && !entry.outputEnded) this.endFrom(entry, false);
    entry.outputEnded = true;
    stage.destroy();
    entry.stage = undefined;
    this.updateFlow();
  }

  private relink(): void {
    let next: Entry | undefined;
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const entry = this.entries[i]!;
      entry.next = next;
      if (entry.stage !== undefined) next = entry;
    }
    this.head = next;
  }

  private outputOf(entry: Entry): StageOutput {
    return {
      push: (chunk) => {
        if (!entry.outputEnded && !this.destroyed) this.deliver(entry.next, chunk);
      },
      end: () => this.endFrom(entry, false),
      close: () => this.endFrom(entry, true),
      reset: () => {
        if (!this.destroyed) this.hooks.onReset();
      },
    };
  }

  private readonly onData = (data: Buffer): void => {
    if (this.inputEnded) return;
    this.hooks.counters.receivedBytes += data.length;
    const head = this.head;
    if (head === undefined) {
      this.writeDest(data);
      return;
    }
    head.stage!.write({ data, atMs: performance.now() });
    this.updateFlow();
  };

  private readonly onSourceEnd = (): void => this.endInput();

  private readonly onDrain = (): void => {
    this.destBlocked = false;
    this.updateFlow();
  };

  private deliver(target: Entry | undefined, chunk: Chunk): void {
    if (target === undefined) this.writeDest(chunk.data);
    else if (!target.inputEnded) target.stage!.write(chunk);
    if (this.stagesFull) this.updateFlow();
  }

  private endFrom(entry: Entry, close: boolean): void {
    if (entry.outputEnded || this.destroyed) return;
    entry.outputEnded = true;
    if (close) this.closeRequested = true;
    this.deliverEnd(entry.next);
  }

  private deliverEnd(target: Entry | undefined): void {
    if (target === undefined) {
      if (this.destEnded) return;
      this.destEnded = true;
      this.hooks.onEnd(this, this.closeRequested ? 'close' : 'end');
      return;
    }
    if (target.inputEnded) return;
    target.inputEnded = true;
    target.stage!.end();
  }

  private writeDest(data: Buffer): void {
    if (this.destEnded || this.dest.writableEnded || this.dest.destroyed) return;
    this.hooks.counters.sentBytes += data.length;
    if (!this.dest.write(data)) {
      this.destBlocked = true;
      this.source.pause();
    }
  }

  /** Backpressure: read the source only while the destination and the stages keep up. */
  private updateFlow(): void {
    if (this.destroyed || !this.started) return;
    let heldBytes = 0;
    for (const entry of this.entries) if (entry.stage !== undefined) heldBytes += entry.stage.bufferedBytes();
    this.stagesFull = heldBytes > (this.stagesFull ? LOW_WATER_BYTES : HIGH_WATER_BYTES);
    const shouldPause = this.destBlocked || this.stagesFull;
    if (shouldPause && !this.source.isPaused()) this.source.pause();
    else if (!shouldPause && this.source.isPaused()) this.source.resume();
  }
}
