// Terminal colours (on for a terminal, off for a pipe, NO_COLOR or TERM=dumb, and FORCE_COLOR overrides
// all) and width: what the CLI prints fits the terminal's columns, or 100 when it is not a terminal.
import { stripVTControlCharacters } from 'node:util';
import wrapAnsi from 'wrap-ansi';

export interface Style {
  ok(s: string): string;
  bad(s: string): string;
  warn(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const ansi = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

export const plain: Style = { ok: (s) => s, bad: (s) => s, warn: (s) => s, dim: (s) => s, bold: (s) => s };
export const colored: Style = { ok: ansi(32, 39), bad: ansi(31, 39), warn: ansi(33, 39), dim: ansi(2, 22), bold: ansi(1, 22) };

export function styleFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Style {
  return wantsColour(stream, env) ? colored : plain;
}

/**
 * The conventions Node's own tty.WriteStream#getColorDepth follows: FORCE_COLOR first (empty, 1, 2,
 * 3 or true turn colour on even in a pipe, as CI logs want; any other value turns it off), then NO_COLOR
 * (https://no-color.org: any non-empty value) and TERM=dumb turn it off; otherwise a terminal gets colour.
 */
export function wantsColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return ['', '1', '2', '3', 'true'].includes(force);
  if (env.NO_COLOR) return false;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

export function pad(s: string, width: number): string {
  return s.length >= width ? s : s + ' '.repeat(width - s.length);
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

/** Time since the run's first Helm command, signed: what the watch saw before it reads `-0.4s`, not `+-0.4s`. */
export function offset(ms: number): string {
  return ms < 0 ? `-${seconds(-ms)}` : `+${seconds(ms)}`;
}

/** Aligned columns; the last column is not padded. */
export function table(header: string[], rows: string[][], width = Infinity): string[] {
  return tableRows(header, rows, width).flat();
}

/** No column is wrapped narrower than this; a table that still does not fit is left to fitToWidth. */
const MIN_COLUMN = 12;

/**
 * Like table, one entry per row (the header first), each the row's lines. When the table is wider
 * than width, its widest columns (never the first, which names the row) narrow in turn until it
 * fits, and each cell wraps within its column, so every column stays readable.
 */
export function tableRows(header: string[], rows: string[][], width = Infinity): string[][] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const total = () => widths.reduce((sum, w) => sum + w, 0) + 2 * (widths.length - 1);
  while (total() > width) {
    const narrowable = widths.map((w, i) => ({ w, i })).filter(({ w, i }) => i > 0 && w > MIN_COLUMN);
    const widest = narrowable.sort((a, b) => b.w - a.w)[0];
    if (!widest) break;
    const next = narrowable[1]?.w ?? MIN_COLUMN;
    widths[widest.i] = Math.max(MIN_COLUMN, widest.w - Math.max(1, Math.min(total() - width, widest.w - next)));
  }
  const last = widths.length - 1;
  const lines = (cells: string[]): string[] => {
    const wrapped = widths.map((w, i) => {
      const cell = cells[i] ?? '';
      return cell.length > w ? wrapAnsi(cell, w, { hard: true }).split('\n') : [cell];
    });
    const height = Math.max(...wrapped.map((w) => w.length));
    return Array.from({ length: height }, (_, k) =>
      wrapped
        .map((parts, i) => (i === last ? (parts[k] ?? '') : pad(parts[k] ?? '', widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    );
  };
  return [lines(header), ...rows.map(lines)];
}

/** The columns to fit output into: the terminal's, or 100 (a projector's) when it is not a terminal. */
export const DEFAULT_WIDTH = 100;
export function outputWidth(stream: { isTTY?: boolean; columns?: number }): number {
  return stream.isTTY && stream.columns ? stream.columns : DEFAULT_WIDTH;
}

/**
 * Every line of text at most width columns: a longer line breaks at spaces (inside a long word
 * only when it must), and its continuation lines hang two columns in from the line's own indent.
 * Colours survive the break.
 */
export function fitToWidth(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((line) => fitLine(line, width))
    .join('\n');
}

/**
 * Past this many characters a line is data (a log line, a manifest, JSON), not prose: it is cut into
 * rows of the width without looking for spaces, because wrap-ansi's time grows with the square of
 * one line's length (one 200 kB line took minutes). Cluster text is cut to 1,000 characters before
 * it gets here; this keeps anything else linear too.
 */
const DATA_LINE = 4096;

function fitLine(line: string, width: number): string[] {
  if (visibleLength(line) <= width) return [line];
  if (line.length > DATA_LINE) return rowsOf(line, width);
  const indent = /^ */.exec(stripAnsi(line))?.[0].length ?? 0;
  const hang = Math.min(indent + 2, Math.floor(width / 2));
  const [first = '', ...rest] = wrapAnsi(line, width, { hard: true, trim: false }).split('\n');
  const more = wrapAnsi(rest.join(''), width - hang, { hard: true })
    .split('\n')
    .filter((l) => stripAnsi(l).trim() !== '');
  return [first.trimEnd(), ...more.map((l) => ' '.repeat(hang) + l)];
}

/** The line in rows of exactly width visible characters (the last shorter), escape sequences carried along uncounted. */
function rowsOf(line: string, width: number): string[] {
  const rows: string[] = [];
  let row = '';
  let columns = 0;
  for (let i = 0; i < line.length; ) {
    if (line.charCodeAt(i) === 0x1b) {
      const sgr = /^\u001b\[[0-9;]*[A-Za-z]/.exec(line.slice(i, i + 32));
      if (sgr) {
        row += sgr[0];
        i += sgr[0].length;
        continue;
      }
    }
    if (columns === width) {
      rows.push(row);
      row = '';
      columns = 0;
    }
    row += line[i];
    i += 1;
    columns += 1;
  }
  if (row) rows.push(row);
  return rows;
}

export const stripAnsi = stripVTControlCharacters;
export function visibleLength(s: string): number {
  return stripAnsi(s).length;
}
