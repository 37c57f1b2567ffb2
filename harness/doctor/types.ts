// The contract of `faultline doctor`: one finding per thing this machine may lack, each saying what
// it found, what is lost without it and the command that fixes it.

/** ok: present. missing: absent, and `disables` says what is lost. note: not a problem, worth knowing. */
export type FindingStatus = 'ok' | 'missing' | 'note';

export interface Finding {
  /** What was looked at: "Node.js", "Redis", … */
  name: string;
  status: FindingStatus;
  /** What was found, or what is wrong. */
  detail: string;
  /** What cannot run without it (for missing and note). */
  disables?: string;
  /** The command (or step) that fixes it. */
  fix?: string;
  /** The main job (`npm run chaos` on the embedded environment) cannot run without it. */
  essential: boolean;
}

/** What the probes may read: the process environment, passed in at the edge. */
export interface DoctorContext {
  env: NodeJS.ProcessEnv;
  /** How long a Docker engine may take to answer. */
  dockerTimeoutMs: number;
}
