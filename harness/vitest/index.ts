// `faultline/vitest`: importing it (in a test file or in vitest's setupFiles) adds the matchers.
//
//   import { runScenario } from 'faultline';
//   import 'faultline/vitest';
//   it('survives a database outage', async () => {
//     expect(await runScenario(myScenario, { seed: 42 })).toPassChecks();
//   }, 120_000);
import { expect } from 'vitest';
import { faultlineMatchers } from './matchers.ts';

interface FaultlineMatchers<R = unknown> {
  /** Every blocking check of the scenario result passed; prints failed checks and their evidence. */
  toPassChecks(): R;
  /** The named check passed. */
  toPassCheck(name: string): R;
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-explicit-any
  interface Matchers<T = any> extends FaultlineMatchers<T> {}
}

expect.extend(faultlineMatchers);

export { faultlineMatchers, toPassCheck, toPassChecks } from './matchers.ts';
