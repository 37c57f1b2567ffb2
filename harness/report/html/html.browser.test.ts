// Renders the HTML report of two real runs in a real browser (Debian's chromium, driven by
// playwright-core; never a downloaded browser), offline, and checks that the charts are drawn:
// bars with area, latency lines with length, health lanes, fault bands with labels. Saves the
// report and a full-page screenshot under reports/browser-test/ for a human to look at.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateRun } from '../gating/gate.ts';
import { RELEASE_POLICY } from '../gating/policies.ts';
import { FIXTURE_META, fixtureRun } from '../testdata/fixtures.ts';
import { chromiumPath, findChromium } from './chromium.ts';
import { htmlReporter } from './index.ts';

const CHROMIUM = chromiumPath();
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const OUT = path.join(ROOT, 'reports', 'browser-test');
const haveChromium = findChromium() !== undefined;
if (!haveChromium)
  console.warn(
    `html.browser.test: skipped — ${CHROMIUM} is not installed (Debian: apt-get install chromium; .ci/run installs it)`,
  );

describe.skipIf(!haveChromium)('the HTML report in a browser', () => {
  let context: BrowserContext;
  let profile: string;
  let reportFile: string;
  const external: string[] = [];

  beforeAll(async () => {
    await fs.mkdir(OUT, { recursive: true });
    const [file] = (await htmlReporter.onRunEnd?.(
      { directory: OUT, meta: FIXTURE_META },
      gateRun(fixtureRun(), RELEASE_POLICY),
    )) as string[];
    reportFile = file!;
    profile = await fs.mkdtemp(path.join(os.tmpdir(), 'faultline-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      viewport: { width: 1100, height: 900 },
    });
    // The file must open offline: any request other than the file itself is recorded and refused.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      external.push(url);
      return route.abort();
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (profile !== undefined) await fs.rm(profile, { recursive: true, force: true });
  });

  it('draws every chart, fetches nothing, and is saved as a screenshot next to the report', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pathToFileURL(reportFile).href, { waitUntil: 'load' });

    expect(await page.locator('#verdict').innerText()).toMatch(/^DO NOT RELEASE — 3 blocking check\(s\) failed/);
    const charts = page.locator('svg.timeline');
    expect(await charts.count()).toBe(2);
    for (let index = 0; index < 2; index += 1) {
      const chart = charts.nth(index);
      const box = await chart.boundingBox();
      expect(box?.width).toBeGreaterThan(600);
      const bars = chart.locator('[data-chart="requests"] rect');
      expect(await bars.count()).toBeGreaterThan(20);
      // Bars have real area on screen, and they are coloured by outcome.
      const areas = await bars.evaluateAll((rects) =>
        rects.map((rect) => rect.getBoundingClientRect()).map((r) => r.width * r.height),
      );
      expect(areas.filter((area) => area > 1).length).toBeGreaterThan(20);
      for (const key of ['p50', 'p95', 'p99']) {
        const length = await chart
          .locator(`[data-series="${key}"] path`)
          .evaluate((path) => (path as unknown as { getTotalLength(): number }).getTotalLength());
        expect(length).toBeGreaterThan(100);
      }
      expect(await chart.locator('[data-lane^="health:"] rect').count()).toBeGreaterThan(0);
      expect(await chart.locator('[data-event="start"]').count()).toBe(1);
    }
    // The failing scenario: its fault window is shaded and labelled, its 500s drawn as "other 5xx".
    const failing = page.locator('#scenario-startup-db-late');
    const band = failing.locator('g.fault rect');
    expect((await band.boundingBox())?.width ?? 0).toBeGreaterThan(100);
    expect(await failing.locator('g.fault text').textContent()).toBe('dbDown 0.0 s–4.0 s');
    expect(await failing.locator('[data-outcome="5xx"]').count()).toBeGreaterThan(5);
    expect(await failing.locator('[data-event="restore"]').count()).toBe(1);
    expect(await failing.locator('tr[data-check="no-5xx-except-503"] details li').first().innerText()).toBe(
      'GET /api/v1/events → 500 INTERNAL at 864ms',
    );
    expect(await page.locator('#scenario-p2025-sweep [data-outcome="404"]').count()).toBeGreaterThan(20);

    const screenshot = path.join(OUT, 'report.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    expect((await fs.stat(screenshot)).size).toBeGreaterThan(50_000);
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
  });
});
