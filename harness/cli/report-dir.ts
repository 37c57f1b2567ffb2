// The report directory of a run (--report-dir/<run-id>), made before anything starts: a path that
// cannot hold reports (a file, no permission) is invalid input found in a second, not a harness
// error after a twelve-minute run.
import fs from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from './exit-codes.ts';

/** Creates <reportDir>/<runId> and returns its absolute path; a UsageError (exit 2) when it cannot. */
export async function prepareReportDir(reportDir: string, runId: string): Promise<string> {
  const directory = path.resolve(reportDir, runId);
  try {
    await fs.mkdir(directory, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOTDIR' || code === 'EEXIST'
        ? 'it (or a folder above it) is a file, not a directory'
        : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
          ? 'no permission to create a directory there'
          : (error as Error).message;
    throw new UsageError(`--report-dir ${reportDir}: cannot write reports there: ${why}`, { cause: error });
  }
  return directory;
}

/** Points <reportDir>/latest at the run; best effort (a filesystem without symlinks keeps going). */
export async function pointLatest(reportDir: string, runId: string): Promise<void> {
  const latest = path.resolve(reportDir, 'latest');
  await fs.rm(latest, { force: true });
  await fs.symlink(runId, latest).catch(() => undefined);
}
