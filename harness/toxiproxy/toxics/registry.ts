// Toxic types by the name clients put in `type`. Adding a toxic is one file plus one line here.
import type { Attributes, ToxicType } from './toxic.ts';
import { bandwidthToxic } from './bandwidth.ts';
import { latencyToxic } from './latency.ts';
import { limitDataToxic } from './limit-data.ts';
import { noopToxic } from './noop.ts';
import { resetPeerToxic } from './reset-peer.ts';
import { slicerToxic } from './slicer.ts';
import { slowCloseToxic } from './slow-close.ts';
import { timeoutToxic } from './timeout.ts';

const TOXIC_TYPES: ReadonlyMap<string, ToxicType<Attributes>> = new Map(
  [
    noopToxic,
    latencyToxic,
    bandwidthToxic,
    slowCloseToxic,
    timeoutToxic,
    resetPeerToxic,
    slicerToxic,
    limitDataToxic,
  ].map((toxic) => [toxic.type, toxic]),
);

export function findToxicType(type: string): ToxicType<Attributes> | undefined {
  return TOXIC_TYPES.get(type);
}

export function toxicTypeNames(): string[] {
  return [...TOXIC_TYPES.keys()];
}
