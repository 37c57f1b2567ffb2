// The contract of one CLI command: `faultline <name> [args]`.
export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Returns the process exit code (see harness/cli/exit-codes.ts). */
  run(argv: string[]): Promise<number>;
}
