// What hooks print reaches no writer raw: the JUnit file stays well-formed XML 1.0 whatever bytes a
// hook logs, the terminal gets no control character from the cluster, and a huge log is cut to its
// end with a note that names its file. Property tests feed the writers random text in every field
// the cluster fills: logs, event messages, Helm's output, names.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { count, cutLine, cutNote, logTail, LINE_LIMIT, readableRun, shownText, visible } from '../../../harness/src/report/cluster-text.js';
import { renderJUnit } from '../../../harness/src/report/junit.js';
import { renderHtmlReport, type HtmlReportInput } from '../../../harness/src/report/html.js';
import { boundedLog, JSON_LOG_BYTES, renderJsonReport, toJsonReport } from '../../../harness/src/report/json.js';
import type { ScenarioRunResult } from '../../../harness/src/report/model.js';
import { colored, fitToWidth, plain, visibleLength } from '../../../harness/src/report/style.js';
import { renderRun } from '../../../harness/src/report/terminal.js';
import { liveEventPrinter } from '../../../harness/src/observe/live-events.js';
import { launchBrowser, openReport } from '../../support/report-browser.js';
import { scratchDir } from '../../support/scratch-dir.js';
import { preFailRun } from './fixtures/run-result.js';

/** Throws on anything a conforming XML 1.0 parser rejects, characters XML forbids included. */
function parseXml(xml: string): void {
  const parser = new SaxesParser({ xmlns: false });
  parser.on('error', (err) => {
    throw err;
  });
  parser.write(xml).close();
}

/** Any control character a terminal acts on (ESC, BEL, CSI, CR …); tab and newline are text. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/** The only escapes the harness writes itself: its colours (report/style.ts). */
const OWN_COLOURS = /\u001b\[(?:1|2|22|31|32|33|39)m/g;

/** Strings of any UTF-16 code units, lone surrogates and every control included. */
const anyText = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 200 });
/** Text of the kinds hooks print: colours, titles, markup, CDATA ends, stray bytes. */
const hookish = fc
  .array(fc.oneof(anyText, fc.constantFrom('\u001b[31m', '\u001b]0;pwned\u0007', '\u001b[2J', '\u009b31m', ']]>', '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '&amp;', '\r\n', '\r', '\n', '\ufffd', '\ud83d\ude00', '\u202e')), { maxLength: 20 })
  .map((parts) => parts.join(''));

/** A failed pre-fail run whose every cluster-filled field says `text`. */
function runSaying(text: string, name = text): ScenarioRunResult {
  const run = preFailRun({ outcome: 'failed', reason: text });
  run.release = name;
  run.namespace = name;
  run.steps[0] = { ...run.steps[0]!, title: name, outcome: 'failed', error: text, assertions: [{ name, passed: false, expected: text, actual: text, diff: text }] };
  run.commands = run.commands.map((c) => ({ ...c, stdout: text, stderr: text, exitCode: 1 }));
  run.hookLogs = run.hookLogs.map((l) => ({ ...l, pod: name, log: text, exitCode: 1 }));
  run.timeline = run.timeline.map((e) => ({ ...e, name, ...(e.kind === 'Event' ? { message: text, reason: name } : {}) }));
  run.pods = run.pods.map((p) => ({ ...p, name, ...(p.reason === undefined ? {} : { reason: text }) }));
  run.events = run.events.map((e) => ({ ...e, message: text }));
  run.diagnostics = { podLogs: [{ pod: name, container: name, log: text }], warnings: run.events, observerErrors: [text] };
  run.namespaceFate = { kept: true, why: text, cleanupError: text, leftBehind: [text], inspect: [text] };
  return run;
}

describe('visible', () => {
  it('shows controls in caret notation and the rest as \\u, keeping tab and newline', () => {
    expect(visible('\u001b[31mred\u001b[0m\u0007\u0000\ta\r\nb\rc\u007f\u009b\u202e\ud800')).toBe('^[[31mred^[[0m^G^@\ta\nb^Mc^?\\u009b\\u202e\\ud800');
  });

  it('leaves ordinary text and whole surrogate pairs alone, and is idempotent', () => {
    fc.assert(
      fc.property(hookish, (text) => {
        const once = visible(text);
        expect(visible(once)).toBe(once);
        expect(once).not.toMatch(CONTROL);
      }),
    );
    expect(visible('ünïcödé 😀 <b>&amp;</b>')).toBe('ünïcödé 😀 <b>&amp;</b>');
  });
});

describe('cutting', () => {
  it('counts as en-US writes numbers', () => {
    for (const n of [0, 7, 999, 1000, 49_800, 199_039, 1_234_567, 262_144]) expect(count(n)).toBe(n.toLocaleString('en-US'));
  });

  it('cuts a line to the limit with a note of what it left out, never inside a surrogate pair', () => {
    const cut = cutLine('x'.repeat(200_000));
    expect(cut.length).toBeLessThanOrEqual(LINE_LIMIT);
    expect(cut).toMatch(/ … 199,\d{3} more characters on this line$/);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1200, maxLength: 1500 }), (line) => {
        const cut = cutLine(visible(line));
        expect(cut.length).toBeLessThanOrEqual(LINE_LIMIT);
        expect(visible(cut)).toBe(cut); // no half of a surrogate pair left at the cut
      }),
    );
  });

  it('keeps a log’s last lines within the byte budget and says how many it left out, and where the whole is', () => {
    const log = Array.from({ length: 50_000 }, (_, i) => `line ${i + 1}`).join('\n');
    const { lines, note } = logTail(log, { lines: 200, bytes: 100_000 });
    expect(lines).toHaveLength(200);
    expect(lines.at(-1)).toBe('line 50000');
    expect(note).toBe('… 49,800 lines left out');
    expect(cutNote({ logCut: note!, logFile: 'reports/x-helm3/logs/p.c.log' })).toBe('… 49,800 lines left out; full log: reports/x-helm3/logs/p.c.log');
    const byBytes = logTail(log, { lines: 1000, bytes: 100 });
    expect(Buffer.byteLength(byBytes.lines.join('\n'))).toBeLessThanOrEqual(100);
    const wide = logTail('é'.repeat(3000), { lines: 40, bytes: 400 });
    expect(Buffer.byteLength(wide.lines.join('\n'))).toBeLessThanOrEqual(400);
    expect(logTail('a\nb\n', { lines: 40, bytes: 8192 })).toEqual({ lines: ['a', 'b'] });
    // A log written through a terminal (a container with tty: true) ends its lines with CRLF.
    expect(logTail('a\r\nb\r\n')).toEqual({ lines: ['a', 'b'] });
    // Many empty lines cost a split, not a regular expression's backtracking.
    expect(logTail(`${'\n'.repeat(200_000)}x`, { lines: 3, bytes: 100 })).toEqual({ lines: ['', '', 'x'], note: '… 199,998 lines left out' });
  });

  it('a single line longer than the budget is cut with a note, not wrapped into thousands of rows', () => {
    const { lines, note } = logTail(`start\n${'{"k":"v"},'.repeat(20_000)}`, { lines: 40, bytes: 8192 });
    expect(lines).toHaveLength(2);
    expect(lines[1]!.length).toBeLessThanOrEqual(LINE_LIMIT);
    expect(note).toBe('… a long line cut');
    const text = renderRun({ ...runSaying('x'), hookLogs: [{ hook: 'h', pod: 'p', container: 'c', terminatedAt: '2026-03-01T10:00:00Z', exitCode: 1, log: 'y'.repeat(200_000) }] }, plain, 100);
    expect(text.split('\n').length).toBeLessThan(200);
  });

  it('the JSON report keeps a log once, and a huge one to its end from a line start, naming its file', () => {
    const log = Array.from({ length: 50_000 }, (_, i) => `line ${i + 1} ${'.'.repeat(20)}`).join('\n');
    const bounded = boundedLog<{ log: string; logFile?: string; logCut?: string }>({ log, logFile: 'reports/r/logs/p.c.log' });
    expect(Buffer.byteLength(bounded.log)).toBeLessThanOrEqual(JSON_LOG_BYTES);
    expect(bounded.log).toMatch(/^line \d+ /);
    // A log that ends in one huge line keeps its end, not just its last short line.
    const huge = boundedLog<{ log: string; logCut?: string }>({ log: `${'z'.repeat(300_000)}\nend\n` });
    expect(Buffer.byteLength(huge.log)).toBeGreaterThan(JSON_LOG_BYTES - 8);
    expect(huge.log.endsWith('z\nend\n')).toBe(true);
    expect(bounded.log.endsWith('line 50000 ....................')).toBe(true);
    expect(bounded.logCut).toMatch(/^the first [\d,]+ bytes left out; full log: reports\/r\/logs\/p\.c\.log$/);
    const run = preFailRun();
    run.hookLogs[1]!.log = log;
    const json = JSON.stringify(toJsonReport(run));
    expect(json.split('line 50000 ').length - 1).toBe(1);
    expect(json.length).toBeLessThan(JSON_LOG_BYTES + 100_000);
  });
});

describe('writers, given random text in every field the cluster fills', () => {
  it('JUnit is always well-formed XML 1.0 and shows what it cannot carry', () => {
    fc.assert(
      fc.property(hookish, anyText, (text, name) => {
        parseXml(renderJUnit([runSaying(text, name)]));
      }),
      { numRuns: 300 },
    );
    const xml = renderJUnit([runSaying('\u001b[31mred\u001b[0m \u001b]0;title\u0007 \u0001\u000b ]]> \ud800')]);
    parseXml(xml);
    expect(xml).toContain('^[[31mred^[[0m ^[]0;title^G ^A^K ]]\\u003e \\ud800');
  });

  it('the terminal report carries no control character from the input, and only the harness’s own colours', () => {
    fc.assert(
      fc.property(hookish, anyText, (text, name) => {
        const run = runSaying(text, name);
        expect(renderRun(run, plain, 100)).not.toMatch(CONTROL);
        expect(renderRun(run, colored, 100).replace(OWN_COLOURS, '')).not.toMatch(CONTROL);
      }),
      { numRuns: 200 },
    );
  });

  it('live hook lines carry none either, and an event reads as a Warning event, not a state', () => {
    fc.assert(
      fc.property(hookish, anyText, (message, anyName) => {
        const name = `h${anyName}`; // a hook always has a name
        const lines: string[] = [];
        const print = liveEventPrinter(0, (l) => lines.push(l), colored);
        print([
          { at: new Date(1000).toISOString(), kind: 'Job', name, hook: name, what: 'failed', reason: message, exitCode: 1 },
          { at: new Date(1200).toISOString(), kind: 'Event', name, hook: name, what: 'event', involvedKind: 'Pod', reason: name, message, warning: true },
          { at: new Date(1300).toISOString(), kind: 'Pod', name: `${name}-p`, hook: name, what: 'created', deletePolicies: [message, name] },
          { at: new Date(1400).toISOString(), kind: 'Pod', name: `${name}-p`, hook: name, what: 'deleted' },
        ]);
        expect(lines.length).toBeGreaterThanOrEqual(4);
        for (const line of lines) expect(line.replace(OWN_COLOURS, '')).not.toMatch(CONTROL);
      }),
    );
    const lines: string[] = [];
    liveEventPrinter(0, (l) => lines.push(l), plain)([{ at: new Date(1200).toISOString(), kind: 'Event', name: 'hook-x', hook: 'hook', what: 'event', involvedKind: 'Pod', reason: 'Failed', message: 'Failed to pull image "nope"', warning: true }]);
    expect(lines).toEqual(['+  1.2s  Pod hook-x Warning Failed: Failed to pull image "nope"']);
  });

  it('what the writers show is bounded, whatever the log’s size', () => {
    const [, medium, huge] = [1_000, 100_000, 1_000_000].map((n) => {
      const run = runSaying('x');
      run.hookLogs = run.hookLogs.map((l) => ({ ...l, log: 'a line of a hook\n'.repeat(n / 17) }));
      return { terminal: renderRun(run, plain, 100).length, junit: renderJUnit([run]).length };
    });
    // Only the count in "… 58,823 lines left out" grows.
    expect(Math.abs(huge!.terminal - medium!.terminal)).toBeLessThan(10);
    expect(Math.abs(huge!.junit - medium!.junit)).toBeLessThan(10);
  });

  it('leaves the run it renders as it was', () => {
    const run = runSaying('\u001b[31mred');
    const before = JSON.stringify(run);
    readableRun(run);
    renderRun(run);
    renderJUnit([run]);
    expect(JSON.stringify(run)).toBe(before);
    expect(shownText('\u001b')).toBe('^[');
  });
});

describe('fitting to the terminal', () => {
  it('cuts a line of data into rows of the width, colours carried and uncounted', () => {
    const line = `\u001b[2m${'x'.repeat(10_000)}\u001b[22m`;
    const rows = fitToWidth(line, 100).split('\n');
    expect(rows).toHaveLength(100);
    expect(rows.every((r) => visibleLength(r) === 100)).toBe(true);
    expect(rows.join('')).toBe(line);
  });
});

describe('the HTML report, in chromium', () => {
  it('makes no element of the input, for a sample of random markup and bytes in every field', async () => {
    const dir = scratchDir('dh-html-text-');
    const browser = await launchBrowser();
    try {
      /** Every element on the page by tag, and the failed hooks' logs as text. */
      const elementsOf = async (run: ScenarioRunResult, name: string) => {
        const file = path.join(dir, `${name}.html`);
        await writeFile(file, renderHtmlReport(JSON.parse(renderJsonReport(run)) as HtmlReportInput));
        const { page, requests } = await openReport(browser, file);
        const seen = await page.evaluate(() => ({
          tags: [...document.querySelectorAll('*')].map((e) => e.tagName).sort().join(' '),
          log: [...document.querySelectorAll('details.hook-log pre')].map((p) => p.textContent ?? '').join('\n'),
        }));
        await page.close();
        return { ...seen, requests };
      };
      const baseline = await elementsOf(runSaying('plain'), 'baseline');
      const samples = fc.sample(hookish.map((t) => `${t}<b>bold</b><script>window.ran = 1</script><img src=x onerror="window.ran = 2">`), { numRuns: 12, seed: 25 });
      for (const [i, text] of samples.entries()) {
        const seen = await elementsOf(runSaying(text), `sample-${i}`);
        expect(seen.tags).toBe(baseline.tags);
        expect(seen.requests).toEqual([]);
        expect(seen.log).toContain('<script>window.ran = 1</script>');
      }
    } finally {
      await browser.close();
    }
  }, 120_000);
});
