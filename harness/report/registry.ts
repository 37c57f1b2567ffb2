// Reporters by name, for --reporter.
import { consoleReporter } from './console.ts';
import { jsonReporter } from './json.ts';
import type { Reporter } from './types.ts';

export const REPORTERS: Record<string, Reporter> = {
  console: consoleReporter,
  json: jsonReporter,
};

export const DEFAULT_REPORTERS = Object.keys(REPORTERS);
