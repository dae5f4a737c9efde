// Output that fits a projector: tables wrap their last column, every other line wraps with a
// hanging indent, colours survive, and nothing is lost on the way.
import { colored, fitToWidth, offset, outputWidth, stripAnsi, table, visibleLength } from '../../../harness/src/report/style.js';
import { renderRun } from '../../../harness/src/report/terminal.js';
import { preFailRun } from './fixtures/run-result.js';

const words = (s: string) => stripAnsi(s).split(/\s+/).filter(Boolean);

describe('fitToWidth', () => {
  const long = '      $ helm3 upgrade dh-pre-fail-h3-abc123 charts/demo-hooks --kubeconfig .cluster/kubeconfig --namespace dh-pre-fail-h3-abc123 --reset-values --set hooks.migration.fail=true  → exit 1';

  test('breaks a long line at spaces, hanging two columns in from its indent, and keeps every word', () => {
    const lines = fitToWidth(long, 60).split('\n');
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(60);
    expect(lines[0]!.startsWith('      $ helm3 upgrade')).toBe(true);
    for (const l of lines.slice(1)) expect(l.startsWith('        ') && l[8] !== ' ').toBe(true);
    expect(words(lines.join(' '))).toEqual(words(long));
  });

  test('measures colours as nothing, and keeps them on every piece', () => {
    const lines = fitToWidth(colored.dim(long), 60).split('\n');
    for (const l of lines) {
      expect(visibleLength(l)).toBeLessThanOrEqual(60);
      expect(l).toContain('\u001b[2m');
    }
    expect(words(lines.join(' '))).toEqual(words(long));
  });

  test('cuts a word longer than the line, and leaves short lines alone', () => {
    const word = 'x'.repeat(250);
    const lines = fitToWidth(word, 100).split('\n');
    expect(lines.map((l) => l.trim().length)).toEqual([100, 98, 52]);
    expect(fitToWidth('short\n\n  also short', 100)).toBe('short\n\n  also short');
  });
});

describe('table at a width', () => {
  test('wraps the last column under itself; the columns before it stay aligned', () => {
    const rows = table(['TIME', 'HOOK', 'WHAT'], [['+3.8s', 'migration', 'BackoffLimitExceeded: Job has reached the specified backoff limit (Job/dh-pre-fail-h3-abc123-demo-hooks-db-migration)']], 60);
    expect(rows[0]).toBe('TIME   HOOK       WHAT');
    expect(rows[1]!.startsWith('+3.8s  migration  BackoffLimitExceeded:')).toBe(true);
    for (const l of rows) expect(l.length).toBeLessThanOrEqual(60);
    for (const l of rows.slice(2)) expect(l.slice(0, 18).trim()).toBe('');
  });

  test('narrows the widest columns in turn when one column is not enough, never the first', () => {
    const proves = '003 "Best Practices: use timeouts for long-running hooks"';
    const title = 'a hook Job whose activeDeadlineSeconds kills a hung hook, and Helm reports the failure';
    const rows = table(['SCENARIO', 'PROVES', 'TITLE'], [['active-deadline', proves, title]], 80);
    for (const l of rows) expect(l.length).toBeLessThanOrEqual(80);
    expect(rows[1]!.startsWith('active-deadline  ')).toBe(true);
    const titleAt = rows[0]!.indexOf('TITLE');
    const column = (from: number, to?: number) => rows.slice(1).map((l) => l.slice(from, to).trim()).filter(Boolean).join(' ');
    expect(column(titleAt)).toBe(title);
    expect(column(rows[0]!.indexOf('PROVES'), titleAt)).toBe(proves);
  });
});

test('the width is the terminal’s, and 100 when stdout is not a terminal', () => {
  expect(outputWidth({ isTTY: true, columns: 132 })).toBe(132);
  expect(outputWidth({ isTTY: false, columns: 132 })).toBe(100);
  expect(outputWidth({})).toBe(100);
});

test('a run report fitted to 100 columns has no longer line, drops pod names from the timeline and loses no step', () => {
  const run = preFailRun();
  const wide = renderRun(run, colored);
  expect(Math.max(...wide.split('\n').map(visibleLength))).toBeGreaterThan(100);
  const fitted = fitToWidth(renderRun(run, colored, 100), 100);
  for (const l of fitted.split('\n')) expect(visibleLength(l)).toBeLessThanOrEqual(100);
  const timeline = stripAnsi(fitted.slice(fitted.indexOf('Hook timeline'), fitted.indexOf('History')));
  expect(timeline).toMatch(/\+3\.5s\s+migration\s+Pod\s+failed \(exit 1, Error\)\n/);
  for (const step of run.steps) expect(stripAnsi(fitted).replace(/\s+/g, ' ')).toContain(step.title);
});

test('times before the first Helm command read minus, never +-', () => {
  expect([offset(-400), offset(0), offset(3500)]).toEqual(['-0.4s', '+0.0s', '+3.5s']);
  const run = preFailRun();
  const before = new Date(Date.parse(run.commands[0]!.startedAt) - 400).toISOString();
  const timeline = [{ ...run.timeline[0]!, at: before }, ...run.timeline];
  const text = renderRun({ ...run, timeline });
  expect(text).toMatch(/^\s+-0\.4s\s/m);
  expect(text).not.toContain('+-');
});
