// Builders shared by the network faults: a proxy switched off (and back on), or a toxic added for
// the length of a window and removed by its name.
import type { Fault } from '../scenario/fault-types.ts';
import { addToxic, removeToxic, setEnabled, type ProxyTarget, type ToxicSpec } from './proxy-control.ts';
import type { FaultAction, FaultContext } from './types.ts';

export function proxyToggle<T extends 'dbDown' | 'dbUp' | 'redisDown' | 'redisUp'>(
  type: T,
  target: ProxyTarget,
  enabled: boolean,
): FaultAction<T> {
  const action: FaultAction<T> = { type, apply: ({ env }) => setEnabled(env, target, enabled) };
  if (!enabled) action.revert = ({ env }) => setEnabled(env, target, true);
  return action;
}

export function toxicFault<T extends Fault['type']>(
  type: T,
  target: ProxyTarget,
  spec: (fault: Extract<Fault, { type: T }>) => ToxicSpec,
): FaultAction<T> {
  return {
    type,
    apply: ({ env, window }: FaultContext, fault) => addToxic(env, target, window, spec(fault)),
    revert: ({ env, window }: FaultContext) => removeToxic(env, target, window),
  };
}
