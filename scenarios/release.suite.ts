import { defineSuite } from '../harness/scenario/index.ts';
import healthTruthful from './health-truthful.ts';
import p2025Sweep from './p2025-sweep.ts';
import runtime from './runtime.suite.ts';
import startup from './startup.suite.ts';

export default defineSuite({
  name: 'release',
  description:
    'Everything in the catalog — startup, runtime under load, missing records, health: the gate before a release.',
  scenarios: [...startup.scenarios, ...runtime.scenarios, p2025Sweep, healthTruthful],
});
