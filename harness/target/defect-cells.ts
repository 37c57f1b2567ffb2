// A target's defect matrix, cell by cell (`defects.cells` in its faultline.config.ts): the scenario
// that must catch a defect, the checks that must fail and those that must still pass, and the fact
// of a failed check's result that shows why. `faultline matrix` runs and judges them.
import type { CheckName } from '../checks/registry.ts';

/** A built-in check, or one of the target's own (`checks` in its config). */
export type CellCheckName = CheckName | (string & {});

/**
 * A fact a failed check's result must show for a cell to count as caught: one of its evidence counts
 * (`count`) or figures (`figure`) is at least `atLeast` (default 1). Judged on the numbers a check
 * returns, never on the words of its summary.
 */
export type DefectEvidence = {
  check: CellCheckName;
  /** At least this many (default 1). */
  atLeast?: number;
  /** What the fact means, for people: 'a 500 was answered'. */
  says: string;
} & ({ count: string; figure?: never } | { figure: string; count?: never });

/** One scenario that must catch a defect, and how. */
export interface DefectCell {
  /** A scenario by name (as `faultline run` takes it), or a path relative to the config file. */
  scenario: string;
  /** Every one of these checks must fail with the defect on… */
  mustFail: readonly CellCheckName[];
  /** …while these still pass: the scenario failed for the stated reason, not because something else broke. */
  mustPass: readonly CellCheckName[];
  /** And one of the failed checks must show the fact that says why. */
  evidence?: DefectEvidence;
  /** Why the defect makes those checks fail, in a sentence. */
  why: string;
}
