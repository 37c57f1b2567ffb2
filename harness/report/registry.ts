// Reporters by name, for --reporter.
import { consoleReporter } from './console.ts';
import { htmlReporter } from './html/index.ts';
import { jsonReporter } from './json.ts';
import { junitReporter } from './junit.ts';
import { markdownReporter } from './markdown.ts';
import type { Reporter } from './types.ts';

export const REPORTERS: Record<string, Reporter> = {
  console: consoleReporter,
  json: jsonReporter,
  junit: junitReporter,
  markdown: markdownReporter,
  html: htmlReporter,
};

export const DEFAULT_REPORTERS = Object.keys(REPORTERS);
