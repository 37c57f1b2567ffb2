// The toxics of one proxy, per stream, in the order they were added (the order they apply in).
// Every change is pushed to the live links of that stream, so it takes effect on open connections.
import { apiErrors } from './errors.ts';
import { findToxicType } from './toxics/registry.ts';
import type { Attributes, Stream, ToxicType } from './toxics/toxic.ts';

export interface ToxicDefinition {
  readonly name: string;
  readonly type: ToxicType;
  readonly stream: Stream;
  /** The stream as the client spelled it: Toxiproxy matches case-insensitively and echoes it back. */
  readonly streamLabel: string;
  toxicity: number;
  attributes: Attributes;
}

/** A toxic as the API shows it (field order as Toxiproxy's). */
export interface ToxicJson {
  attributes: Attributes;
  name: string;
  type: string;
  stream: string;
  toxicity: number;
}

export interface NewToxicFields {
  name?: string;
  type?: string;
  stream?: string;
  toxicity?: number;
  attributes?: Record<string, unknown>;
}

export interface ToxicUpdateFields {
  toxicity?: number;
  attributes?: Record<string, unknown>;
}

/** One direction of one live connection, which applies the toxics of its stream. */
export interface ToxicSubscriber {
  readonly stream: Stream;
  addToxic(toxic: ToxicDefinition): void;
  updateToxic(toxic: ToxicDefinition): void;
  removeToxic(toxic: ToxicDefinition): void;
}

const STREAMS: readonly Stream[] = ['upstream', 'downstream'];

export function toxicToJson(toxic: ToxicDefinition): ToxicJson {
  return {
    attributes: { ...toxic.attributes },
    name: toxic.name,
    type: toxic.type.type,
    stream: toxic.streamLabel,
    toxicity: toxic.toxicity,
  };
}

export class ToxicCollection {
  private readonly chains: Record<Stream, ToxicDefinition[]> = { upstream: [], downstream: [] };
  private readonly subscribers = new Set<ToxicSubscriber>();

  /** Upstream toxics first, then downstream, each in chain order (as Toxiproxy lists them). */
  list(): ToxicDefinition[] {
    return STREAMS.flatMap((stream) => this.chains[stream]);
  }

  chain(stream: Stream): readonly ToxicDefinition[] {
    return this.chains[stream];
  }

  get(name: string): ToxicDefinition {
    const toxic = this.find(name);
    if (toxic === undefined) throw apiErrors.toxicNotFound();
    return toxic;
  }

  /** Checks in Toxiproxy's order: stream, default name, type, duplicate name, attributes. */
  add(fields: NewToxicFields): ToxicDefinition {
    const streamLabel = fields.stream ?? 'downstream';
    const stream = STREAMS.find((candidate) => candidate === streamLabel.toLowerCase());
    if (stream === undefined) throw apiErrors.invalidStream();
    const typeName = fields.type ?? '';
    const name = fields.name === undefined || fields.name === '' ? `${typeName}_${streamLabel}` : fields.name;
    const type = findToxicType(typeName);
    if (type === undefined) throw apiErrors.invalidToxicType();
    if (this.find(name) !== undefined) throw apiErrors.toxicAlreadyExists();
    const toxic: ToxicDefinition = {
      name,
      type,
      stream,
      streamLabel,
      toxicity: fields.toxicity ?? 1,
      attributes: mergeAttributes(type, type.defaults, fields.attributes),
    };
    this.chains[stream].push(toxic);
    for (const subscriber of this.subscribers) if (subscriber.stream === stream) subscriber.addToxic(toxic);
    return toxic;
  }

  /** Merges: attributes and toxicity left out keep their values. */
  update(name: string, fields: ToxicUpdateFields): ToxicDefinition {
    const toxic = this.get(name);
    const attributes = mergeAttributes(toxic.type, toxic.attributes, fields.attributes);
    toxic.attributes = attributes;
    toxic.toxicity = fields.toxicity ?? toxic.toxicity;
    for (const subscriber of this.subscribers) if (subscriber.stream === toxic.stream) subscriber.updateToxic(toxic);
    return toxic;
  }

  remove(name: string): void {
    const toxic = this.get(name);
    const chain = this.chains[toxic.stream];
    chain.splice(chain.indexOf(toxic), 1);
    for (const subscriber of this.subscribers) if (subscriber.stream === toxic.stream) subscriber.removeToxic(toxic);
  }

  reset(): void {
    for (const toxic of this.list()) this.remove(toxic.name);
  }

  subscribe(subscriber: ToxicSubscriber): void {
    this.subscribers.add(subscriber);
  }

  unsubscribe(subscriber: ToxicSubscriber): void {
    this.subscribers.delete(subscriber);
  }

  private find(name: string): ToxicDefinition | undefined {
    return this.list().find((toxic) => toxic.name === name);
  }
}

/** Known attributes must be integers; unknown ones are ignored and null leaves a value alone, as Go's decoder does. */
function mergeAttributes(type: ToxicType, base: Attributes, raw: Record<string, unknown> | undefined): Attributes {
  const result: Attributes = { ...type.defaults, ...base };
  if (raw === undefined) return result;
  for (const name of Object.keys(type.defaults)) {
    const value = raw[name];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      throw apiErrors.badRequestBody(
        `attributes.${name} of a ${type.type} toxic must be an integer, got ${JSON.stringify(value)}`,
      );
    }
    result[name] = value;
  }
  return result;
}
