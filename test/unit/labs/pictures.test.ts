// The pictures the guides show (labs/img/*.svg) are drawn from the same fixture reports as the
// guides' expected-output blocks: a stale, missing or unused picture fails here, as a stale block
// fails guides.test.ts. Chromium lays each one out at 1280 px wide and checks that it reads.
import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { checkPictures, pictureRefs, reportFileOf } from '../../../labs/picture-refs.js';
import { repoRoot } from '../../../harness/src/paths.js';
import type { HtmlReportInput } from '../../../harness/src/report/html.js';
import { launchBrowser } from '../../../harness/src/report/browser.js';
import { measurePicture, readabilityProblems } from '../../../harness/src/report/picture-render.js';
import { renderPicture, reportAtCommand } from '../../../harness/src/report/picture.js';
import { expectedHookObjects } from '../../support/report-browser.js';
import { scratchDir } from '../../support/scratch-dir.js';

const labsDir = path.join(repoRoot, 'labs');
const fixturesDir = path.join(repoRoot, 'test', 'unit', 'labs', 'fixtures', 'reports');
const guides = readdirSync(labsDir)
  .filter((f) => f.endsWith('.md'))
  .map((f) => ({ path: `labs/${f}`, text: readFileSync(path.join(labsDir, f), 'utf8') }));
const reports = new Map(readdirSync(fixturesDir).filter((f) => f.endsWith('.json')).map((f) => [f, JSON.parse(readFileSync(path.join(fixturesDir, f), 'utf8')) as HtmlReportInput]));
const committed = new Map(readdirSync(path.join(labsDir, 'img')).filter((f) => f.endsWith('.svg')).map((f) => [`img/${f}`, readFileSync(path.join(labsDir, 'img', f), 'utf8')]));
const refs = pictureRefs(guides);

describe('the guides\' pictures', () => {
  it("include pre-fail's failing upgrade in lab 01, on Helm 3 and Helm 4", () => {
    expect(refs.filter((r) => r.scenario === 'pre-fail' && r.command === 2).map((r) => [r.file, r.helm, r.guides])).toEqual([
      ['img/pre-fail-helm3-migration-fails.svg', 3, ['labs/01-hook-failures.md']],
      ['img/pre-fail-helm4-migration-fails.svg', 4, ['labs/01-hook-failures.md']],
    ]);
  });

  it('name the step whose command they picture, as the markers do, never a count', () => {
    expect(refs.map((r) => [r.file, r.step, r.command])).toEqual([
      ['img/atomic-helm3-atomic-migration-fails.svg', 'atomic-migration-fails', 2],
      ['img/post-fail-helm3-post-upgrade-migration-fails.svg', 'post-upgrade-migration-fails', 2],
      ['img/pre-fail-helm3-migration-fails.svg', 'migration-fails', 2],
      ['img/pre-fail-helm4-migration-fails.svg', 'migration-fails', 2],
    ]);
    const [counted, unknown] = pictureRefs([{ path: 'labs/x.md', text: '![a](img/pre-fail-helm3-command1.svg) ![b](img/pre-fail-helm3-migraton-fails.svg)' }]);
    expect([counted!.command, unknown!.command]).toEqual([1, 0]);
    expect(checkPictures([unknown!], reports, new Map()).problems).toEqual([
      'labs/img/pre-fail-helm3-migraton-fails.svg (shown in labs/x.md): scenario pre-fail has no step "migraton-fails" that runs a helm command',
    ]);
  });

  it('are each what its fixture report draws now (npx tsx labs/pictures.ts --check)', () => {
    expect(checkPictures(refs, reports, committed)).toEqual({ problems: [], checked: refs.length });
  });

  it('are noticed when stale, missing, unused or without a report', () => {
    const ref = refs.find((r) => r.file === 'img/pre-fail-helm3-migration-fails.svg')!;
    const one = new Map([[ref.file, committed.get(ref.file)!]]);
    expect(checkPictures([ref], reports, one).problems).toEqual([]);
    const stale = new Map(one).set(ref.file, one.get(ref.file)!.replace('exit 1', 'exit 0'));
    expect(checkPictures([ref], reports, stale).problems).toEqual([expect.stringMatching(new RegExp(`^labs/${ref.file} \\(shown in labs/.*\\): stale`))]);
    // A re-recorded run (its last event, the backup's deletion, a second later) draws a different picture.
    const report = structuredClone(reports.get(reportFileOf(ref))!);
    const last = report.timeline.at(-1)!;
    last.at = new Date(Date.parse(last.at) + 1000).toISOString();
    expect(checkPictures([ref], new Map(reports).set(reportFileOf(ref), report), one).problems).toEqual([expect.stringContaining(': stale')]);
    expect(checkPictures([ref], reports, new Map()).problems).toEqual([expect.stringContaining(': missing')]);
    expect(checkPictures([], reports, committed).problems).toEqual([...committed.keys()].map((f) => `labs/${f}: no guide shows it; delete it or show it`));
    expect(checkPictures([{ ...ref, scenario: 'nope' }], reports, new Map()).problems).toEqual([expect.stringContaining('no report nope-helm')]);
  });
});

describe('the guides\' pictures in chromium, 1280 px wide', () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    dir = scratchDir('dh-pictures-');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
  });

  it.each(refs.map((r) => r.file))('%s reads on a 1280×720 projector', async (file) => {
    const m = await measurePicture(browser, path.join(labsDir, file));
    expect(readabilityProblems(m)).toEqual([]);
    expect(m.texts).toBeGreaterThan(10);
    const page = await browser.newPage();
    await page.goto(`file://${path.join(labsDir, file)}`);
    const rows = await page.evaluate(() =>
      [...document.querySelectorAll('g.row')].map((g) => ({ name: g.getAttribute('data-row') ?? '', outcomes: [...g.querySelectorAll('g.bar')].map((b) => b.getAttribute('data-outcome')) })),
    );
    await page.close();
    // One row per hook object of that command, one bar per time it was made (or was there before), failures marked.
    const ref = refs.find((r) => r.file === file)!;
    const expected = expectedHookObjects(reportAtCommand(reports.get(reportFileOf(ref))!, ref.command).input.timeline);
    expect(rows.map((r) => r.name).sort()).toEqual([...expected.keys()].map((k) => k.replace(/^\w+\//, '')).sort());
    for (const r of rows) expect(r.outcomes.filter((o) => o === 'failed')).toHaveLength([...expected].find(([k]) => k.endsWith(`/${r.name}`))![1].failed);
    if (ref.scenario === 'pre-fail' && ref.command === 2) {
      // The backup succeeded, then the migration made by the install was replaced by one that failed.
      expect(rows.map((r) => [r.name.replace(/^.*-demo-hooks-/, ''), r.outcomes])).toEqual([
        ['backup-2', ['succeeded']],
        ['db-migration', ['succeeded', 'failed']],
      ]);
    }
  }, 60_000);

  it('would notice a word outside the picture (the check above can fail)', async () => {
    const file = path.join(dir, 'long-title.svg');
    await writeFile(file, renderPicture(reports.get('pre-fail-helm3.json')!, { command: 2, title: 'A title far too long for any projector '.repeat(4) }));
    const problems = readabilityProblems(await measurePicture(browser, file));
    expect(problems).toEqual([expect.stringMatching(/^a word leaves the picture: "A title far too long/)]);
  }, 60_000);
});
