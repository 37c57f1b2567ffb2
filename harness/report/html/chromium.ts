// Where the browser for the HTML report's browser test is: Debian's chromium, never a downloaded
// one. FAULTLINE_CHROMIUM names another executable; one that does not exist makes this a machine
// without a browser (how the skip path is tested). Read by the test and by `faultline doctor`.
import { existsSync } from 'node:fs';

export const CHROMIUM_VARIABLE = 'FAULTLINE_CHROMIUM';
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env[CHROMIUM_VARIABLE] || DEFAULT_CHROMIUM;
}

/** The browser's path when it is installed, else undefined. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidate = chromiumPath(env);
  return existsSync(candidate) ? candidate : undefined;
}
