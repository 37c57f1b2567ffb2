// The HTML reporter: one self-contained report.html per run (inline styles and SVG charts, no
// script, nothing fetched), so it opens offline from a CI artifact.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Reporter } from '../types.ts';
import { renderHtml } from './template.ts';

export const HTML_FILE = 'report.html';

export const htmlReporter: Reporter = {
  name: 'html',
  async onRunEnd(context, result) {
    const file = path.join(context.directory, HTML_FILE);
    await fs.writeFile(file, renderHtml(result, context.meta));
    return [file];
  },
};

export { renderHtml } from './template.ts';
export { chartData } from './chart-data.ts';
