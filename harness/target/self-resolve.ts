// A config file imports `defineTarget` from 'faultline'. Whatever folder it lives in, that import
// must reach the Faultline that is loading it — not another copy, and not nothing (an example inside
// this repository, a global `npx faultline`): so 'faultline' and 'faultline/vitest' resolve to this
// running package while configs load.
import { register } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let registered = false;

export function resolveFaultlineToSelf(): void {
  if (registered) return;
  registered = true;
  // .ts from the source tree (tsx), .js from the built package: the same extension as this file.
  const extension = path.extname(fileURLToPath(import.meta.url));
  const entries = {
    faultline: new URL(`../index${extension}`, import.meta.url).href,
    'faultline/vitest': new URL(`../vitest/index${extension}`, import.meta.url).href,
  };
  const hooks = `const entries = ${JSON.stringify(entries)};
export async function resolve(specifier, context, next) {
  const url = entries[specifier];
  // Resolved on by the next loader (tsx's, from the source tree), as the harness's own imports are.
  return next(url ?? specifier, context);
}`;
  register(`data:text/javascript,${encodeURIComponent(hooks)}`);
}
