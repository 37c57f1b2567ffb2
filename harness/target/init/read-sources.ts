// The app's own source files, which `faultline init` reads for the variables it reads and the routes it
// registers: src/ (and the files at the project's top, such as server.js), or the whole project when
// there is no src/ — never dependencies, builds, tests or generated code.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface SourceFile {
  /** Relative to the project, with forward slashes. */
  path: string;
  text: string;
}

const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const NOT_APP = /\.(?:test|spec|config|d)\.[^.]+$|\.d\.[cm]?ts$/;
const SKIPPED_DIRS = new Set([
  'node_modules',
  '.git',
  'dist',
  'build',
  'out',
  'coverage',
  'generated',
  '.next',
  'test',
  'tests',
  '__tests__',
  'e2e',
]);
const MAX_FILES = 2_000;
const MAX_FILE_BYTES = 1_000_000;

/** `skip`: absolute folders not to read (a generated Prisma client named otherwise). */
export function readSources(dir: string, skip: readonly string[] = []): SourceFile[] {
  const files: string[] = [];
  const walk = (folder: string, recursive: boolean): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (files.length >= MAX_FILES) return;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (recursive && !SKIPPED_DIRS.has(entry.name) && !skip.includes(full)) walk(full, true);
      } else if (entry.isFile() && SOURCE.test(entry.name) && !NOT_APP.test(entry.name)) files.push(full);
    }
  };
  const src = path.join(dir, 'src');
  if (existsSync(src) && statSync(src).isDirectory()) {
    walk(dir, false);
    walk(src, true);
  } else walk(dir, true);
  return files
    .filter((file) => statSync(file).size <= MAX_FILE_BYTES)
    .map((file) => ({ path: path.relative(dir, file).split(path.sep).join('/'), text: readFileSync(file, 'utf8') }));
}
