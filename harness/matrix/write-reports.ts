// Writes reports/<run-id>/matrix.md and matrix.json. The JSON is the MatrixResult with a schema
// version, like report.json: the healthy runs, every cell with its checks, the verdict.
import fs from 'node:fs/promises';
import path from 'node:path';
import { matrixMarkdown } from './markdown.ts';
import type { MatrixResult } from './types.ts';

export const MATRIX_REPORT_SCHEMA_VERSION = 1;

export async function writeMatrixReports(directory: string, result: MatrixResult): Promise<string[]> {
  await fs.mkdir(directory, { recursive: true });
  const json = path.join(directory, 'matrix.json');
  const markdown = path.join(directory, 'matrix.md');
  await fs.writeFile(json, `${JSON.stringify({ schemaVersion: MATRIX_REPORT_SCHEMA_VERSION, ...result }, null, 2)}\n`);
  await fs.writeFile(markdown, matrixMarkdown(result));
  return [markdown, json];
}
