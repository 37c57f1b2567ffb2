// One run id for every way a run starts (`faultline run`, `faultline matrix`, the runScenario API):
// the UTC time to the second, the seed in hex, then what ran when it is not a plain run. Ids sort by
// time, and the seed in the name is the one to repeat the run with.
export function newRunId(seed: number, what?: string, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${seed.toString(16).padStart(8, '0')}${what === undefined ? '' : `-${what}`}`;
}
