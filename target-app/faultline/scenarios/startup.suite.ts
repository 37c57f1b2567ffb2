// The catalog's startup suite, and the reference app's own startup scenario (its retry budget is
// shortened through its own setting, DB_CONNECT_MAX_RETRIES).
import { defineSuite } from '../../../harness/scenario/index.ts';
import catalog from '../../../scenarios/startup.suite.ts';
import startupDbNever from './startup-db-never.ts';

export default defineSuite({
  name: 'startup',
  description: `${catalog.description} Also: a database that never comes (the app must give up as documented).`,
  scenarios: [...catalog.scenarios, startupDbNever],
});
