// The HTML report of real runs (the labs' fixture reports), opened in a real browser: one bar per
// hook object, rows in Helm's order, failed bars marked failed, the history as Helm printed it,
// no request leaving the page, and nothing wider than a 1280×720 projector.
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { renderHtmlReport, type HtmlReportInput } from '../../../harness/src/report/html.js';
import { buildGanttModel } from '../../../harness/src/report/html/gantt-model.js';
import { writeRunReport } from '../../../harness/src/report/files.js';
import { preFailRun } from './fixtures/run-result.js';
import { repoRoot } from '../../../harness/src/paths.js';
import { expectedHookObjects, launchBrowser, openReport, readDrawing, screenshot } from '../../support/report-browser.js';
import { scratchDir } from '../../support/scratch-dir.js';

const fixtures = path.join(repoRoot, 'test', 'unit', 'labs', 'fixtures', 'reports');
const runs = ['pre-fail', 'atomic', 'delete-policies'].flatMap((s) => [`${s}-helm3`, `${s}-helm4`]);

const load = async (name: string) => JSON.parse(await readFile(path.join(fixtures, `${name}.json`), 'utf8')) as HtmlReportInput & { history: { json: Record<string, unknown>[] } };

describe('Gantt model', () => {
  it('orders rows by weight, then name, within each Helm command (pkg/action/hooks.go hookByWeight)', () => {
    const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
    const created = (name: string, s: number, weight: number) => ({ at: t(s), kind: 'Job' as const, name, hook: name, what: 'created' as const, weight });
    const model = buildGanttModel(
      [created('b', 1, 0), created('a', 2, 0), created('z', 3, -5), created('late', 12, -99)],
      [
        { args: ['install'], exitCode: 0, startedAt: t(0), durationMs: 10_000 },
        { args: ['history'], exitCode: 0, startedAt: t(10), durationMs: 100 },
        { args: ['upgrade'], exitCode: 1, startedAt: t(11), durationMs: 5_000 },
      ],
    );
    expect(model.rows.map((r) => `${r.group}:${r.name}`)).toEqual(['0:z', '0:a', '0:b', '1:late']);
    expect(model.commands.map((c) => c.label)).toEqual(['install', 'upgrade']);
  });

  it('places an object that was there before by when it was made again, as Helm deletes it only when its turn comes', () => {
    const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
    const model = buildGanttModel(
      [
        { at: t(0), kind: 'Job', name: 'migration', hook: 'migration', what: 'created', existedBefore: true },
        { at: t(1), kind: 'Job', name: 'backup', hook: 'backup', what: 'created' },
        { at: t(4), kind: 'Job', name: 'migration', hook: 'migration', what: 'deleted' },
        { at: t(4), kind: 'Job', name: 'migration', hook: 'migration', what: 'created' },
      ],
      [{ args: ['upgrade'], exitCode: 1, startedAt: t(0), durationMs: 7_000 }],
    );
    expect(model.rows.map((r) => [r.name, r.bars.length])).toEqual([['backup', 1], ['migration', 2]]);
  });
});

describe('report files', () => {
  it('writes reports/<scenario>-helm<N>.html next to the JSON, drawn from that JSON', async () => {
    const dir = scratchDir('dh-files-');
    const json = await writeRunReport(dir, preFailRun());
    expect(path.basename(json)).toBe('pre-fail-helm3.json');
    const html = await readFile(path.join(dir, 'pre-fail-helm3.html'), 'utf8');
    expect(html).toBe(renderHtmlReport(JSON.parse(await readFile(json, 'utf8')) as HtmlReportInput));
    expect(html).toContain('<section id="assertions">');
  });
});

describe('HTML report in chromium', () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    dir = scratchDir('dh-html-');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('would see a request leave the page (the check below can fail)', async () => {
    const file = path.join(dir, 'leaky.html');
    await writeFile(file, '<!doctype html><img src="https://example.invalid/pixel.png"><link rel="stylesheet" href="other.css">');
    const { page, requests } = await openReport(browser, file);
    expect([...requests].sort()).toEqual([expect.stringMatching(/^file:.*other\.css$/), 'https://example.invalid/pixel.png']);
    await page.close();
  });

  it.each(runs)('%s', async (name) => {
    const report = await load(name);
    const html = renderHtmlReport(report);
    expect(html).not.toMatch(/\b(src|href)=["']?(https?:)?\/\//); // nothing to fetch, by construction
    const file = path.join(dir, `${name}.html`);
    await writeFile(file, html);
    const { page, requests } = await openReport(browser, file);
    const drawn = await readDrawing(page);

    const expected = expectedHookObjects(report.timeline);
    expect(expected.size).toBeGreaterThan(0);
    // One row per hook object, one bar per time it was created.
    expect(drawn.rows.map((r) => r.key).sort()).toEqual([...expected.keys()].sort());
    for (const row of drawn.rows) expect(row.outcomes).toHaveLength(expected.get(row.key)?.created ?? -1);
    // Failed bars are marked failed, and only those.
    for (const row of drawn.rows) expect(row.outcomes.filter((o) => o === 'failed')).toHaveLength(expected.get(row.key)?.failed ?? -1);
    expect(drawn.rows.some((r) => r.outcomes.includes('failed'))).toBe(true);
    // Within a Helm command: weight then name where weights were recorded, else the order Helm created them in.
    for (let i = 1; i < drawn.rows.length; i += 1) {
      const [a, b] = [drawn.rows[i - 1]!, drawn.rows[i]!];
      if (a.group !== b.group) {
        expect(a.group).toBeLessThan(b.group);
      } else if (a.weight !== undefined && b.weight !== undefined) {
        expect(a.weight < b.weight || (a.weight === b.weight && a.name < b.name)).toBe(true);
      } else {
        expect(expected.get(a.key)!.firstAt <= expected.get(b.key)!.firstAt).toBe(true);
      }
    }
    // The history table is the JSON's history, row for row.
    expect(drawn.history).toEqual(report.history.json.map((r) => [String(r.revision), String(r.status), String(r.chart), String(r.app_version), String(r.description)]));
    expect(requests).toEqual([]);
    expect(drawn.pageWidth).toBeLessThanOrEqual(1280);
    await screenshot(page, `html-report-${name}`);
    await page.close();
  }, 60_000);
});
