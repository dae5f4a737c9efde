// A failing hook that prints what real hooks print, observed on the real cluster: colours and
// terminal controls, markup, `]]>`, invalid UTF-8, then one 200 kB line or 50,000 lines. The JUnit
// must parse, the terminal must get none of the hook's escapes, the HTML report must run nothing and
// show the log, and each writer must stay bounded, with the whole log in a file beside the reports.
import { readFile, stat, symlink, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import type { Browser } from 'puppeteer-core';
import { SaxesParser } from 'saxes';
import { repoRoot } from '../../harness/src/paths.js';
import { helmBinary } from '../../harness/src/tools.js';
import { launchBrowser, openReport } from '../support/report-browser.js';
import { scratchDir } from '../support/scratch-dir.js';
import { openTestCluster, type TestCluster } from './support.js';

const cli = path.join(repoRoot, 'bin', 'demo-hooks.js');
const chart = path.join(repoRoot, 'test', 'fixtures', 'charts', 'noisy-hook');

/** Any control character a terminal acts on; tab and newline are text. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/** The harness's own colours (report/style.ts), which FORCE_COLOR turns on. */
const OWN_COLOURS = /\u001b\[(?:1|2|22|31|32|33|39)m/g;

function parseXml(xml: string): void {
  const parser = new SaxesParser();
  parser.on('error', (err) => {
    throw err;
  });
  parser.write(xml).close();
}

interface HookLog {
  hook: string;
  pod: string;
  container: string;
  exitCode?: number;
  log: string;
  logFile?: string;
  logCut?: string;
}

describe('a hook that prints colours, controls, markup and invalid UTF-8', () => {
  let cluster: TestCluster;
  let dir: string;
  let pathDir: string;

  beforeAll(async () => {
    cluster = await openTestCluster('noisy');
    dir = scratchDir('dh-noisy-');
    pathDir = path.join(dir, 'bin');
    await mkdir(pathDir);
    await symlink(helmBinary(3), path.join(pathDir, 'helm'));
  }, 240_000);
  afterAll(() => cluster?.close(), 240_000);

  /** What chromium makes of an HTML report: whether anything in it ran, and the failed hooks' logs as text. */
  async function inBrowser(htmlFile: string) {
    const browser: Browser = await launchBrowser();
    try {
      const { page, requests } = await openReport(browser, htmlFile);
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      const seen = await page.evaluate(() => ({
        ran: (window as unknown as { ran?: number }).ran,
        scripts: document.querySelectorAll('script').length,
        images: document.querySelectorAll('img').length,
        log: [...document.querySelectorAll('details.hook-log pre')].map((p) => p.textContent ?? '').join('\n'),
      }));
      return { ...seen, dialogs, requests };
    } finally {
      await browser.close();
    }
  }

  const observe = (release: string, set: string[]) =>
    execa(
      'node',
      [cli, 'observe', '--report-dir', dir, '--', 'helm', 'install', release, chart, '--set', `image=${cluster.toolboxImage}`, '--set', 'pullPolicy=Never', ...set, '--kubeconfig', cluster.kubeconfig, '-n', cluster.namespace],
      // FORCE_COLOR: the harness's own colours on, so that the check below tells them from the hook's.
      { reject: false, all: true, env: { PATH: `${pathDir}:${process.env.PATH ?? ''}`, FORCE_COLOR: '1' }, cwd: dir },
    );
  const reportOf = async (release: string) => {
    const file = path.join(dir, `observe-${release}-helm3`);
    const json = JSON.parse(await readFile(`${file}.json`, 'utf8')) as { hookLogs: HookLog[] };
    const log = json.hookLogs.find((l) => l.exitCode === 1);
    if (!log) throw new Error(`no failed hook log in ${file}.json`);
    return { file, json, log, junit: await readFile(`${file}.junit.xml`, 'utf8'), jsonText: await readFile(`${file}.json`, 'utf8') };
  };

  test('one 200 kB line: JUnit parses, the terminal gets no escape of the hook, the HTML runs nothing, the whole log is a file', async () => {
    const release = 'noisy-long';
    const result = await observe(release, ['--set', 'longLine=200000']);
    expect(result.exitCode).toBe(1);
    const { junit, log, jsonText } = await reportOf(release);

    // The whole log, as the hook printed it, in its file; the reports name it.
    expect(log.logFile).toBe(path.join(`observe-${release}-helm3`, 'logs', `${log.pod}.${log.container}.log`));
    const whole = await readFile(path.join(dir, log.logFile!), 'utf8');
    expect(whole).toContain('\u001b[31mred\u001b[0m');
    expect(whole).toContain('x'.repeat(200_000));
    expect(whole).toContain('noisy hook failing on purpose');

    // JUnit: well-formed, with the hook's controls shown, not dropped, and the long line cut with a note.
    parseXml(junit);
    expect(junit).toContain('^[[31mred^[[0m and ^[[1mbold^[[22m');
    expect(junit).toContain('^[]0;a new window title^G then a bell');
    expect(junit).toContain('controls ^A ^K ^L ^[[2J^[[H after a screen clear');
    expect(junit).toContain(']]\\u003e and ]]\\u003e again');
    expect(junit).toContain('invalid UTF-8: \ufffd\ufffd \ufffd end');
    expect(junit).toMatch(/x{500} … 199,\d{3} more characters on this line/);
    expect(junit).toContain(`full log: ${log.logFile}`);
    expect(junit.length).toBeLessThan(40_000);

    // The terminal: the same, visible; only the harness's own colours are escapes. The file is named
    // on a line of its own, so that fitting lines to the width never breaks it.
    const terminal = result.all.replace(OWN_COLOURS, '');
    expect(terminal).not.toMatch(CONTROL);
    expect(terminal).toContain('^[[31mred^[[0m');
    expect(terminal).toContain(`… a long line cut; full log:\n       ${log.logFile}\n`);
    expect(terminal.length).toBeLessThan(40_000);

    // The JSON report holds the log once.
    expect(jsonText.split('noisy hook started').length - 1).toBe(1);

    // The HTML report, in chromium: the markup is text, nothing ran, and the log is there to read.
    const seen = await inBrowser(path.join(dir, `observe-${release}-helm3.html`));
    expect(seen).toMatchObject({ ran: undefined, scripts: 0, images: 0, dialogs: [], requests: [] });
    expect(seen.log).toContain('<script>window.ran = 1</script> <img src=x onerror="window.ran = 2">');
    expect(seen.log).toContain('x'.repeat(200_000));
  }, 240_000);

  test('50,000 lines: the terminal and JUnit show the last lines with a count of what they left out; the JSON report stays bounded', async () => {
    const release = 'noisy-many';
    const result = await observe(release, ['--set', 'lines=50000']);
    expect(result.exitCode).toBe(1);
    const { junit, log, file } = await reportOf(release);
    const whole = await readFile(path.join(dir, log.logFile!), 'utf8');
    expect(whole.split('\n').filter((l) => /^line \d+$/.test(l))).toHaveLength(50_000);

    parseXml(junit);
    const terminal = result.all.replace(OWN_COLOURS, '');
    expect(junit).toContain(`… 49,967 lines left out; full log: ${log.logFile}\n`);
    expect(terminal).toContain(`… 49,967 lines left out; full log:\n       ${log.logFile}\n`);
    for (const text of [junit, terminal]) {
      expect(text).toMatch(/line 49999\n\s*line 50000\n/);
      expect(text).not.toContain('line 40000\n');
    }
    expect(junit.length).toBeLessThan(40_000);
    expect(terminal.length).toBeLessThan(40_000);
    expect(terminal).not.toMatch(CONTROL);
    // The JSON report keeps the log's end, says so, and stays well under the log's size.
    expect(log.logCut).toMatch(/^the first [\d,]+ bytes left out; full log: /);
    expect(log.log.endsWith('noisy hook failing on purpose\n') || log.log.endsWith('noisy hook failing on purpose')).toBe(true);
    expect((await stat(`${file}.json`)).size).toBeLessThan(400_000);
  }, 240_000);
});
