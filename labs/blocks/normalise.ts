// Normalisation: what makes text from one run comparable with text from any other run of the
// same behaviour. Used for every block, and by the paste test for what a real shell printed.
import { GUIDE_NAME } from '../../harness/src/guide/names.js';
import type { LabReport } from './report.js';

/** What release and namespace names become in every block. */
export const DEMO_NAME = GUIDE_NAME;

/** Kubernetes' alphabet for generated name suffixes: no vowels, so no word ever matches it. */
const SAFE = '[bcdfghjklmnpqrstvwxz2456789]';
export const FULLNAME = `${DEMO_NAME}-demo-hooks`;
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';

/** Ordered: the Go time string before ISO times, ReplicaSet pods before Job pods. */
const VARYING: ReadonlyArray<readonly [RegExp, string]> = [
  // Go's time.String(), e.g. in Helm 3's --debug lines: "2026-11-21 13:33:29.84 +0000 UTC m=+0.03".
  [/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)? [+-]\d{4} [A-Z]{1,5}(?: m=[+-]\d+(?:\.\d+)?)?/g, '<time>'],
  // RFC 3339 and PostgreSQL timestamps.
  [/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?/g, '<time>'],
  // ctime, as in Helm's "LAST DEPLOYED: Sat Nov 21 13:42:15 2026".
  [new RegExp(`\\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ${MONTH} [ \\d]\\d \\d{2}:\\d{2}:\\d{2}(?: [A-Z]{3,5})? \\d{4}\\b`, 'g'), '<time>'],
  // RFC 1123 with a numeric zone, as in `kubectl describe`'s "Start Time: Sat, 28 Nov 2026 22:19:26 +0000".
  [new RegExp(`\\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{1,2} ${MONTH} \\d{4} \\d{2}:\\d{2}:\\d{2} [+-]\\d{4}\\b`, 'g'), '<time>'],
  // `ls -l`: a file's size and date change with every run; its name and mode do not.
  [new RegExp(`^([-dlcbps][rwxsStT-]{9}[.+@]?\\s+\\d+\\s+\\S+\\s+\\S+\\s+)\\d+\\s+${MONTH}\\s+\\d{1,2}\\s+(?:\\d{1,2}:\\d{2}|\\d{4})\\s`, 'gm'), '$1<size> <date> '],
  [/^total \d+$/gm, 'total <n>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uid>'],
  [/(resourceVersion\\?"?\s*[:=]\s*\\?"?)\d+/gi, '$1<rv>'],
  [/\b(?:\d{1,3}\.){3}\d{1,3}\b/g, '<ip>'],
  [/\b\d+\.\d+(?:ns|µs|us|ms|s)\b/g, '<duration>'],
  // Anything that looks like a password value the harness did not redact already.
  [/((?:password|passwd)["']?\s*[:=]\s*["']?)(?!<redacted>)[^\s"',}]{6,}/gi, '$1<redacted>'],
  // Absolute paths differ per checkout.
  [/(?:\/[\w.+-]+)+\/charts\/demo-hooks/g, '<repo>/charts/demo-hooks'],
  // Pods of the app's ReplicaSets, then pods of hook Jobs.
  [new RegExp(`\\b(${FULLNAME})-${SAFE}{6,10}-${SAFE}{5}\\b(?!-)`, 'g'), '$1-xxxxxxxxxx-xxxxx'],
  [new RegExp(`\\b(${FULLNAME}(?:-[a-z0-9]+)*?)-${SAFE}{5}\\b(?!-)`, 'g'), '$1-xxxxx'],
];

/**
 * Makes text from one run comparable with text from any other run of the same behaviour: the
 * run's release and namespace become `demo`, and times, sizes, generated name suffixes, uids,
 * resourceVersions, IPs, durations and stray passwords become placeholders. Tabs become four
 * spaces, trailing blanks go, and a line repeated back to back (a hook's "waiting for
 * PostgreSQL" loop, which runs a different number of times each run) is kept once.
 */
const KLOG_LINE = /^[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d+\s+\d+ [\w.-]+:\d+\] /;

export function normaliseText(text: string, names: readonly string[]): string {
  let out = text.replace(/\r\n?/g, '\n');
  for (const name of [...new Set(names)].filter((n) => n && n !== DEMO_NAME).sort((a, b) => b.length - a.length)) {
    out = out.split(name).join(DEMO_NAME);
  }
  for (const [pattern, replacement] of VARYING) out = out.replace(pattern, replacement);
  const lines = out
    .replace(/\t/g, '    ')
    .split('\n')
    .map((l) => l.trimEnd())
    // klog lines (a client-go watch that reconnected under load, say) are diagnostics of the
    // moment, not the command's output.
    .filter((l) => !KLOG_LINE.test(l));
  const kept = lines.filter((l, i) => i === 0 || l !== lines[i - 1]);
  while (kept.length && kept[0] === '') kept.shift();
  while (kept.length && kept[kept.length - 1] === '') kept.pop();
  return kept.join('\n');
}

export function runNames(r: Pick<LabReport, 'release' | 'namespace'>): string[] {
  return [r.release, r.namespace];
}

export function normaliser(r: Pick<LabReport, 'release' | 'namespace'>): (text: string) => string {
  const names = runNames(r);
  return (text) => normaliseText(text, names);
}

/** kubectl's ages (`5s`, `2m5s`, `3h`), a whole word in a table or a describe. */
const AGE = /(?<=^|\s)(?:\d+[smhd]){1,2}(?=\s|$)/gm;
/** A table header: two or more cells of capitalised words, two or more blanks apart (kubectl, helm, describe's Events). */
const HEADER_CELL = /^[A-Z][A-Za-z-]*(?: [A-Z][A-Za-z-]*)*$/;
const CELL_GAP = /\s{2,}/;

/**
 * Lines a shell printed, made comparable: normaliseText, then kubectl's ages become `<age>`, and
 * every table (a header line of capitalised cells and the rows under it, up to a blank line) is
 * re-aligned with three blanks between columns, as kubectl aligns them: a placeholder is
 * narrower or wider than what it replaced, and the columns after it would shift with every run.
 * The rows of a NAME table are put in the order of their normalised names.
 */
export function normaliseShellText(text: string, names: readonly string[]): string {
  return realignTables(normaliseText(text, names).replace(AGE, '<age>'));
}

function cellsOf(line: string): { indent: string; cells: string[] } {
  const indent = /^\s*/.exec(line)?.[0] ?? '';
  return { indent, cells: line.slice(indent.length).split(CELL_GAP) };
}

export function realignTables(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    const head = cellsOf(lines[i] ?? '');
    if (head.cells.length < 2 || !head.cells.every((c) => HEADER_CELL.test(c))) {
      out.push(lines[i] ?? '');
      i++;
      continue;
    }
    const rows = [head.cells];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const l = lines[j] ?? '';
      if (!l.trim() || !l.startsWith(head.indent) || /^\s/.test(l.slice(head.indent.length))) break;
      const cells = cellsOf(l).cells;
      // More cells than the header: the last column's text had wide blanks of its own.
      rows.push(cells.length > head.cells.length ? [...cells.slice(0, head.cells.length - 1), cells.slice(head.cells.length - 1).join('  ')] : cells);
    }
    // kubectl sorts by name; once generated suffixes are `xxxxx`, the order they gave is gone, so
    // the rows go by their normalised names instead (the app's `…-xxxxxxxxxx-xxxxx` pod sorted
    // before or after `…-db-migration-xxxxx` by its random hash).
    if (head.cells[0] === 'NAME') rows.splice(1, rows.length - 1, ...rows.slice(1).sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? '')));
    const widths = head.cells.map((_c, k) => Math.max(...rows.map((r) => (r[k] ?? '').length)));
    for (const r of rows) out.push(`${head.indent}${r.map((c, k) => (k === r.length - 1 ? c : c.padEnd(widths[k] ?? 0))).join('   ')}`.trimEnd());
    i = j;
  }
  return out.join('\n');
}

export function shellNormaliser(r: Pick<LabReport, 'release' | 'namespace'>): (text: string) => string {
  const names = runNames(r);
  return (text) => normaliseShellText(text, names);
}
