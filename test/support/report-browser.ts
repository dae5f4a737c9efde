// Opens an HTML report in Debian's chromium (harness/src/report/browser.ts), records every request
// the page makes, and checks the drawing against the JSON report it was made from.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { repoRoot } from '../../harness/src/paths.js';

export { launchBrowser } from '../../harness/src/report/browser.js';

export interface OpenedReport {
  page: Page;
  /** Every request the page made besides loading itself. */
  requests: string[];
}

export async function openReport(browser: Browser, htmlFile: string): Promise<OpenedReport> {
  const page = await browser.newPage();
  const self = pathToFileURL(htmlFile).href;
  const requests: string[] = [];
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    if (req.url() === self) return void req.continue();
    requests.push(req.url());
    void req.abort();
  });
  await page.goto(self, { waitUntil: 'load' });
  return { page, requests };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.join(repoRoot, 'reports');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, clip: { x: 0, y: 0, width: 1280, height: 720 } });
  return file;
}

export interface DrawnReport {
  rows: { key: string; name: string; kind: string; group: number; weight?: number; outcomes: string[] }[];
  history: string[][];
  pageWidth: number;
}

export async function readDrawing(page: Page): Promise<DrawnReport> {
  return page.evaluate(() => ({
    rows: [...document.querySelectorAll('svg.gantt g.row')].map((g) => ({
      key: `${g.getAttribute('data-kind') ?? ''}/${g.getAttribute('data-row') ?? ''}`,
      name: g.getAttribute('data-row') ?? '',
      kind: g.getAttribute('data-kind') ?? '',
      group: Number(g.getAttribute('data-group')),
      ...(g.hasAttribute('data-weight') ? { weight: Number(g.getAttribute('data-weight')) } : {}),
      outcomes: [...g.querySelectorAll('g.bar')].map((b) => b.getAttribute('data-outcome') ?? ''),
    })),
    history: [...document.querySelectorAll('#history tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    pageWidth: document.documentElement.scrollWidth,
  }));
}

interface JsonTimelineEntry {
  kind: string;
  name: string;
  hook?: string;
  what: string;
  at: string;
}

/**
 * What the drawing must show, worked out from the JSON on its own: each object Helm created as a
 * hook (a Job's pods belong to their Job), keyed kind/name, how often it was created and how often it failed.
 */
export function expectedHookObjects(timeline: readonly JsonTimelineEntry[]): Map<string, { created: number; failed: number; firstAt: string }> {
  const jobHooks = new Set(timeline.filter((e) => e.kind === 'Job' && e.hook).map((e) => e.hook));
  const objects = new Map<string, { created: number; failed: number; firstAt: string }>();
  for (const e of timeline) {
    if (!e.hook || e.kind === 'Event' || (e.kind === 'Pod' && jobHooks.has(e.hook))) continue;
    const key = `${e.kind}/${e.name}`;
    const o = objects.get(key) ?? { created: 0, failed: 0, firstAt: e.at };
    if (e.what === 'created') o.created += 1;
    if (e.what === 'failed') o.failed += 1;
    objects.set(key, o);
  }
  return objects;
}
