// The contract between a link (one direction of one proxied connection) and the toxics on it.
// A toxic type is a factory of stages; a stage is the per-connection state of one toxic, sitting
// between the previous stage (or the source socket) and the next stage (or the destination socket).
// Which connections a toxic affects (toxicity) is decided by the link, never by a toxic.

/** upstream = client → server, downstream = server → client (Toxiproxy's words). */
export type Stream = 'upstream' | 'downstream';

/** Every toxic attribute is an integer (milliseconds, bytes, KB/s, µs); the type names the unit. */
export type Attributes = Record<string, number>;

export interface Chunk {
  data: Buffer;
  /**
   * When this data is considered to have arrived, in `performance.now()` ms. A latency toxic adds
   * its delay to it, so stacked latency toxics add up instead of overlapping.
   */
  atMs: number;
}

/** Where a stage hands its results. Calls after `end`, `close` or `reset` are ignored. */
export interface StageOutput {
  push(chunk: Chunk): void;
  /** The input ended (the peer closed its side): pass the end on, after anything still held. */
  end(): void;
  /** Close the whole connection, both sockets, once later toxics have handed on what they hold. */
  close(): void;
  /** Abort the whole connection now with a TCP RST to both peers (they see ECONNRESET). */
  reset(): void;
}

export interface ToxicContext {
  output: StageOutput;
  /** Seeded randomness for jitter and slice sizes, uniform in [0, 1). */
  random: () => number;
  nowMs: () => number;
}

export interface ToxicStage<A extends Attributes = Attributes> {
  write(chunk: Chunk): void;
  /** The input ended. Pass `output.end()` on when done with what is held. */
  end(): void;
  /** New attributes for a live connection. */
  update(attributes: A): void;
  /**
   * The toxic was removed from a live connection: hand on everything held, now. The link passes
   * on a pending end afterwards. (The timeout toxic closes the connection instead, as Toxiproxy does.)
   */
  remove(): void;
  /** The connection is gone: cancel timers, drop what is held. */
  destroy(): void;
  /** Bytes held; the link stops reading its source while its stages hold too much. */
  bufferedBytes(): number;
}

export interface ToxicType<A extends Attributes = Attributes> {
  /** The name clients use in `type`, e.g. "latency". */
  readonly type: string;
  /** Every attribute with its default (0), in the order responses list them. */
  readonly defaults: A;
  createStage(attributes: A, context: ToxicContext): ToxicStage<A>;
}
