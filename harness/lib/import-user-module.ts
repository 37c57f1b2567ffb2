// Imports a module the user wrote, by path: a scenario, a suite, a gating policy. Users write them
// in TypeScript. From this repository's source the harness already runs under a loader that reads
// TypeScript (tsx or vitest); the installed package is compiled JavaScript on plain Node, which
// cannot import a `.ts` file, so there tsx's loader is registered the first time a user file needs
// it. Registered for the whole process rather than scoped (tsImport): a scoped import would give the
// user's `import ... from 'faultline'` a second copy of the harness's modules.
import { pathToFileURL } from 'node:url';
import { resolveFaultlineToSelf } from '../target/self-resolve.ts';

/** This file is TypeScript only when something that reads TypeScript loaded it. */
let typeScriptLoads = import.meta.url.endsWith('.ts');

const TYPESCRIPT = /\.[mc]?tsx?$/;

export async function importUserModule(absolutePath: string): Promise<unknown> {
  // Its `import ... from 'faultline'` reaches this running Faultline, wherever the file lives.
  resolveFaultlineToSelf();
  if (!typeScriptLoads && TYPESCRIPT.test(absolutePath)) {
    const { register } = await import('tsx/esm/api');
    register();
    typeScriptLoads = true;
  }
  return import(pathToFileURL(absolutePath).href);
}
