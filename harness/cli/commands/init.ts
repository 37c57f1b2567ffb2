// `faultline init [--dir DIR] [--force]`: writes a starter faultline.config.ts for an existing project
// from its package.json, Prisma schema and source, asking nothing. What it could not infer is a
// `// TODO(faultline init): ...` above a value that still validates, and is printed as a to-do list.
// Exit 0 when written; 2 for a bad flag, a folder without package.json, or a config already there.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { inferStarter } from '../../target/init/infer.ts';
import { renderConfig } from '../../target/init/render-config.ts';
import { summarize } from '../../target/init/summary.ts';
import { CONFIG_FILES, findConfigFile } from '../../target/load-target.ts';
import type { Command } from '../command.ts';
import { ExitCode, UsageError } from '../exit-codes.ts';

export const initCommand: Command = {
  name: 'init',
  summary: "Write a starter faultline.config.ts from the project's package.json, Prisma schema and source",
  usage: 'faultline init [--dir DIR] [--force]',
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: { dir: { type: 'string' }, force: { type: 'boolean' } },
    });
    if (positionals.length > 0)
      throw new UsageError(`unexpected argument "${positionals[0]}" (the folder is --dir DIR)`);
    const dir = path.resolve(values.dir ?? '.');
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--dir ${values.dir}: no such folder`);
    const force = values.force === true;
    const existing = findConfigFile(dir);
    if (existing !== undefined && !force)
      throw new UsageError(`${existing} already exists; faultline init leaves it as it is (--force overwrites)`);

    const starter = inferStarter(dir);
    const file = path.join(dir, starter.fileName.value);
    const text = renderConfig(starter);
    try {
      // 'wx': a config written meanwhile by someone else is refused here too, not overwritten.
      writeFileSync(file, text, { flag: force ? 'w' : 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST')
        throw new UsageError(`${file} already exists; faultline init leaves it as it is (--force overwrites)`);
      throw error;
    }
    console.log(summarize(starter, file));
    if (existing !== undefined && existing !== file) {
      const first = CONFIG_FILES.indexOf(path.basename(existing)) < CONFIG_FILES.indexOf(path.basename(file));
      console.log(`\n${existing} is still there and Faultline loads ${first ? 'it' : path.basename(file)} first.`);
    }
    return ExitCode.Ok;
  },
};
