// The load layer: profiles, request templates and the engines the runner drives.
export type * from './types.ts';
export { BuiltinLoadEngine, errorCodeOf } from './builtin-engine.ts';
export { K6LoadEngine, isK6Available, type K6EngineOptions } from './k6-engine.ts';
export { generateK6Script, k6Options, K6_RESPONSE_METRIC } from './k6-script.ts';
export { convertK6Output, parseK6Points, classifyK6Error } from './k6-output.ts';
export { arrivalOffsetsMs, scheduledCount, arrivalDurationMs } from './arrival.ts';
export { RequestFactory, clientKeyPrefix } from './request-factory.ts';
export { classifyError } from './classify-error.ts';
export { loadSectionSchema, toLoadProfile, type LoadProfileInput, type LoadSection } from './profile-schema.ts';
export { LoadError, type LoadErrorCode } from './errors.ts';

import { BuiltinLoadEngine } from './builtin-engine.ts';
import { K6LoadEngine, isK6Available } from './k6-engine.ts';
import type { LoadEngine } from './types.ts';

/** 'k6' when asked for and installed, else the builtin engine; says which and why. */
export async function selectLoadEngine(
  preference: 'builtin' | 'k6' | 'auto' = 'builtin',
): Promise<{ engine: LoadEngine; reason: string }> {
  if (preference === 'builtin') return { engine: new BuiltinLoadEngine(), reason: 'builtin engine requested' };
  if (await isK6Available()) return { engine: new K6LoadEngine(), reason: 'k6 found on PATH' };
  if (preference === 'k6')
    return {
      engine: new K6LoadEngine(),
      reason: 'k6 requested (it is not installed: the run will fail with K6_NOT_INSTALLED)',
    };
  return { engine: new BuiltinLoadEngine(), reason: 'k6 not installed; using the builtin engine' };
}
