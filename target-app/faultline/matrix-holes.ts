// The holes of the reference app's defect matrix (defect-matrix.ts), named rather than hidden: the
// defects no cell catches and the checks no cell shows failing, each with why. Both empty today;
// defect-matrix.test.ts holds the matrix to them.
import type { DefectName } from '../src/lib/defects.ts';

/**
 * Defects with no cell yet, each with what a scenario would need to catch it. They are holes in the
 * harness, named rather than hidden; target-app's tests show that each switch changes behaviour.
 */
export const UNCAUGHT_DEFECTS: Readonly<Partial<Record<DefectName, string>>> = {};

/**
 * Checks of the catalog that no declared cell shows failing, each with why and what would. A check
 * that never fails proves nothing: these are holes in the harness, named rather than hidden.
 */
export const UNCAUGHT_CHECKS: Readonly<Record<string, string>> = {};
