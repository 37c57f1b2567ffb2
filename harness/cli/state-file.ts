// `faultline up` writes where its environment lives, so `faultline inject` (another process) can
// find it without flags. Removed when `up` stops.
import fs from 'node:fs';
import path from 'node:path';

export interface UpState {
  pid: number;
  appUrl: string;
  toxiproxyUrl: string;
  dbProxyName: string;
  redisProxyName: string | null;
  databaseUrl: string;
  /** The app's environment as started (its secrets included): what a script against it may need. */
  appEnv: Record<string, string>;
}

export const STATE_FILE = path.join(process.cwd(), '.faultline', 'up.json');

export function writeUpState(state: UpState): void {
  fs.mkdirSync(path.dirname(STATE_FILE), { recursive: true });
  fs.writeFileSync(STATE_FILE, `${JSON.stringify(state, null, 2)}\n`);
}

export function removeUpState(): void {
  fs.rmSync(STATE_FILE, { force: true });
}

/** The state of a `faultline up` that is still running, or undefined. */
export function readUpState(): UpState | undefined {
  try {
    const state = JSON.parse(fs.readFileSync(STATE_FILE, 'utf8')) as UpState;
    process.kill(state.pid, 0);
    return state;
  } catch {
    return undefined;
  }
}
