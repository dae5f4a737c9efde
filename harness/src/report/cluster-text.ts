// Text that came from the cluster or from Helm (hook logs, event messages, Helm's output and a
// chart's NOTES, object names and annotations) is written by the user's chart: every writer shows
// it, none obeys it. A hook whose tool colours its output must not break CI's JUnit parser, clear
// an attendee's screen or set the terminal's title (kubectl's CVE-2021-25743 was this class of
// bug), and a hook that prints 200 kB on one line or 50,000 lines must not grow a report without
// bound or make rendering slow. Everything here is linear in the size of its input.
import path from 'node:path';
import type { ScenarioRunResult } from './model.js';

/**
 * Characters no writer passes on raw: C0 controls but tab and newline, DEL and C1 controls (ESC,
 * CSI, OSC, BEL start terminal sequences), the line and paragraph separators, the bidirectional
 * overrides (they reorder what a reader sees), the two non-characters XML 1.0 forbids, and
 * surrogates without their pair (a JavaScript string can hold them; XML and UTF-8 cannot).
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Caret notation for C0 and DEL, as `cat -v` shows them (ESC is ^[); \uXXXX for the rest. */
function shown(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x20) return `^${String.fromCharCode(code + 0x40)}`;
  if (code === 0x7f) return '^?';
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/** The text with every character above made visible; CRLF line ends become plain newlines. Idempotent. */
export function visible(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(UNSAFE, shown);
}

/** No line of cluster text is shown longer than this: a 200 kB line is a line and a note, not 2,000 rows. */
export const LINE_LIMIT = 1000;

/** 49,800: thousands separated as en-US does, without toLocaleString, whose first call loads ICU's data (about 0.1 s). */
export const count = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** A line cut to at most `limit` characters, its end a note of what was left out; never splits a surrogate pair. */
export function cutLine(line: string, limit = LINE_LIMIT): string {
  if (line.length <= limit) return line;
  const note = (left: number) => ` … ${count(left)} more characters on this line`;
  let keep = limit - note(line.length).length;
  if (/[\ud800-\udbff]/.test(line.charAt(keep - 1))) keep -= 1;
  return `${line.slice(0, keep)}${note(line.length - keep)}`;
}

/** Visible, and no line longer than LINE_LIMIT: how a piece of cluster text goes into any line a person reads. */
export function shownText(text: string): string {
  const safe = visible(text);
  if (safe.length <= LINE_LIMIT) return safe;
  return safe
    .split('\n')
    .map((line) => cutLine(line))
    .join('\n');
}

/**
 * A copy with every string in it passed through shownText: what a terminal or XML writer renders a
 * run from, so that no field that came from the cluster can be forgotten. The harness's own
 * colours are added afterwards, by the writers.
 */
export function shownStrings<T>(value: T): T {
  if (typeof value === 'string') return shownText(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => shownStrings(v)) as T;
  if (value && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) copy[k] = shownStrings(v);
    return copy as T;
  }
  return value;
}

/** How much of a log the terminal and JUnit show: its last lines, within a byte budget. */
export interface LogLimits {
  lines: number;
  bytes: number;
}

export const DEFAULT_LOG_LIMITS: LogLimits = { lines: 40, bytes: 8192 };

/** How a writer shows logs: how much of each, and the reports' folder the logs' files are relative to. */
export interface LogView {
  limits?: LogLimits;
  /** Where the JSON report is; a log's logFile is relative to it, and is shown relative to the working directory. */
  reportDir?: string;
}

/**
 * The end of a log as a person reads it: at most limits.lines lines and limits.bytes bytes of UTF-8
 * (a line is cut to a quarter of the budget in characters, so that even four-byte characters fit),
 * each line visible and cut to LINE_LIMIT, and a note saying what was left out, when anything was.
 * Reads the log from its end, so a huge log costs one split.
 */
export function logTail(log: string, limits: LogLimits = DEFAULT_LOG_LIMITS): { lines: string[]; note?: string } {
  let end = log.length;
  while (end > 0 && (log.charCodeAt(end - 1) === 0x0a || log.charCodeAt(end - 1) === 0x0d)) end -= 1;
  const all = log.slice(0, end).split(/\r?\n/);
  const lineLimit = Math.max(60, Math.min(LINE_LIMIT, Math.floor(limits.bytes / 4)));
  const lines: string[] = [];
  let bytes = 0;
  let cut = false;
  for (let i = all.length - 1; i >= 0 && lines.length < limits.lines; i -= 1) {
    const safe = visible(all[i] ?? '');
    const line = cutLine(safe, lineLimit);
    const size = Buffer.byteLength(line) + 1;
    if (lines.length > 0 && bytes + size > limits.bytes) break;
    cut ||= line !== safe;
    bytes += size;
    lines.push(line);
  }
  lines.reverse();
  const leftOut = all.length - lines.length;
  if (leftOut === 0 && !cut) return { lines };
  return { lines, note: `… ${leftOut > 0 ? `${count(leftOut)} ${leftOut === 1 ? 'line' : 'lines'} left out` : 'a long line cut'}` };
}

/** The note on a cut log in one line, naming the whole log's file where there is one. */
export function cutNote(entry: { logCut?: string; logFile?: string }): string | undefined {
  if (!entry.logCut) return undefined;
  return entry.logFile ? `${entry.logCut}; full log: ${entry.logFile}` : entry.logCut;
}

/** A log's file as the reader finds it from where they stand: relative to the working directory, or absolute above it. */
function shownLogFile(logFile: string | undefined, reportDir: string | undefined): string | undefined {
  if (!logFile || !reportDir) return logFile;
  const file = path.resolve(reportDir, logFile);
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') ? file : relative;
}

/**
 * The run as the terminal and JUnit show it: each log cut to its end (the note in logCut, its file
 * in logFile as the reader finds it), then every string visible and no line longer than LINE_LIMIT.
 * The run itself is left as it is.
 */
export function readableRun(run: ScenarioRunResult, view: LogView = {}): ScenarioRunResult {
  const tail = <T extends { log: string; logFile?: string; logCut?: string }>(entry: T): T => {
    const { lines, note } = logTail(entry.log, view.limits);
    const { logCut: _json, logFile: _file, ...rest } = entry;
    const logFile = shownLogFile(entry.logFile, view.reportDir);
    return { ...rest, log: lines.join('\n'), ...(note ? { logCut: note } : {}), ...(logFile ? { logFile } : {}) } as T;
  };
  const d = run.diagnostics;
  return shownStrings({ ...run, hookLogs: run.hookLogs.map(tail), ...(d ? { diagnostics: { ...d, podLogs: d.podLogs.map(tail) } } : {}) });
}
