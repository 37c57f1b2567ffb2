#!/usr/bin/env node
// The `faultline` command. The harness is TypeScript run through tsx, so there is no build step.
import { register } from 'tsx/esm/api';

register();
const { main, exitOnStrayError } = await import('../cli/main.ts');
exitOnStrayError();
process.exitCode = await main(process.argv.slice(2));
