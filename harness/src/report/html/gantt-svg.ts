// The hook timeline as SVG: one row per hook object, a bar per time it was created, coloured AND
// patterned AND worded by outcome, under the Helm commands drawn as bands on the same time axis.
// Used by the HTML report (html.ts) and by the projector picture of one command (picture.ts).
import type { GanttBar, GanttModel, GanttRow } from './gantt-model.js';
import { esc, secs } from './markup.js';

/** How wide the drawing is and how much of it the row labels take, in SVG units. */
export interface GanttGeometry {
  width: number;
  labelWidth: number;
  /** Room right of the time axis for the words of the last bars. */
  rightMargin: number;
  /** Where the drawing sits inside a larger SVG; without it, it scales to its container's width. */
  y?: number;
}

/** The HTML report's: the SVG scales to the page width (1240 px at most). */
export const REPORT_GEOMETRY: GanttGeometry = { width: 1200, labelWidth: 330, rightMargin: 100 };

const ROW_H = 26;
const BAND_H = 34;
/** Width of one character of a bar's words, in SVG units, to keep words from running into each other. */
const CHAR_W = 8;

export const OUTCOME_WORD: Record<GanttBar['outcome'], string> = { succeeded: '✔ ok', failed: '✘ failed', running: '… running', created: '● created' };

/** The drawing's height in SVG units: the bands' words, one row per hook object, the time axis. */
export function ganttHeight(model: GanttModel): number {
  return BAND_H + model.rows.length * ROW_H + 24;
}

/** The hook objects as rows of bars under the Helm commands' bands, on one time axis. */
export function renderGantt(model: GanttModel, release: string, g: GanttGeometry = REPORT_GEOMETRY): string {
  const span = model.t1 - model.t0;
  const plotW = g.width - g.labelWidth - g.rightMargin;
  const x = (t: number) => g.labelWidth + ((t - model.t0) / span) * plotW;
  const height = ganttHeight(model);
  const shortName = (name: string) => (release && name.startsWith(`${release}-`) ? name.slice(release.length + 1) : name);

  // A band's words take the upper lane unless the previous band's words still occupy it.
  const laneEnds = [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];
  const bands = model.commands
    .map((c, i) => {
      const x0 = x(c.start);
      const w = Math.max(x(c.end) - x0, 2);
      const failed = Boolean(c.killed) || c.exitCode !== 0;
      const words = `${c.label} ${failed ? '✘ ' : ''}${c.killed ? 'killed' : `exit ${c.exitCode}`}`;
      const lane = laneEnds[0]! <= x0 ? 0 : laneEnds[1]! <= x0 ? 1 : 0;
      laneEnds[lane] = x0 + 3 + words.length * CHAR_W;
      return {
        area: `<rect x="${x0.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="${height - 20}" class="band-area band-${i % 2}"/>`,
        words: `<text x="${(x0 + 3).toFixed(1)}" y="${lane === 0 ? 13 : 28}" class="band-label${failed ? ' band-failed' : ''}" data-command="${esc(c.label)}" data-exit="${c.exitCode}">${esc(c.label)} <tspan class="band-exit">${failed ? '✘ ' : ''}${esc(c.killed ? 'killed' : `exit ${c.exitCode}`)}</tspan></text>`,
      };
    });

  const rows = model.rows
    .map((row, i) => {
      const y = BAND_H + i * ROW_H;
      const weight = row.weight === undefined ? '' : ` · w${row.weight}`;
      const label = `<text x="6" y="${y + 17}" class="row-label"><title>${esc(row.kind)} ${esc(row.name)}</title>${esc(truncate(shortName(row.name), 34))}<tspan class="row-kind"> ${esc(row.kind)}${esc(weight)}</tspan></text>`;
      return `<g class="row" data-row="${esc(row.name)}" data-kind="${esc(row.kind)}" data-group="${row.group}"${row.weight === undefined ? '' : ` data-weight="${row.weight}"`}>
<rect x="0" y="${y}" width="${g.width}" height="${ROW_H}" class="row-bg row-bg-${i % 2}"/>${label}
${barsOfRow(row, y, x, model.t1, g)}</g>`;
    })
    .join('\n');

  const axisY = BAND_H + model.rows.length * ROW_H + 16;
  const ticks = tickMarks(span)
    .map((t) => `<text x="${x(model.t0 + t).toFixed(1)}" y="${axisY}" class="tick">${secs(t)}</text>`)
    .join('');
  const placed = g.y === undefined ? '' : ` x="0" y="${g.y}" width="${g.width}" height="${height}"`;
  return `<svg class="gantt"${placed} viewBox="0 0 ${g.width} ${height}" role="img" aria-label="Hook objects over time">
<defs>
<pattern id="p-failed" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" class="fill-failed"/><rect width="3" height="8" class="hatch"/></pattern>
<pattern id="p-running" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" class="fill-running"/><circle cx="3" cy="3" r="1.3" class="hatch"/></pattern>
</defs>
<g class="bands">${bands.map((b) => b.area).join('')}</g>
<g class="band-words">${bands.map((b) => b.words).join('\n')}</g>
${rows}
${ticks}
</svg>`;
}

/** A row's bars left to right, each one's words kept clear of its neighbours' bars and words. */
function barsOfRow(row: GanttRow, y: number, x: (t: number) => number, t1: number, g: GanttGeometry): string {
  let left = g.labelWidth;
  return row.bars
    .map((bar, j) => {
      const next = row.bars[j + 1];
      const drawn = renderBar(bar, row, y, x, t1, { left, right: next ? x(next.start) : g.width });
      left = drawn.end + 8;
      return drawn.svg;
    })
    .join('\n');
}

/** `free`: the stretch of the row between the previous bar and the next; a bar's words stay inside it. */
function renderBar(bar: GanttBar, row: GanttRow, y: number, x: (t: number) => number, t1: number, free: { left: number; right: number }): { svg: string; end: number } {
  const limit = free.right;
  const x0 = x(bar.start);
  const barEnd = bar.end ?? bar.deletedAt ?? t1;
  const w = Math.max(x(barEnd) - x0, 4);
  const fill = bar.outcome === 'failed' ? 'url(#p-failed)' : bar.outcome === 'running' ? 'url(#p-running)' : '';
  const detail = [
    bar.existedBefore ? 'from before,' : '',
    OUTCOME_WORD[bar.outcome],
    bar.exitCode !== undefined && bar.outcome === 'failed' ? `exit ${bar.exitCode}` : '',
    bar.reason ?? '',
    bar.end !== undefined && bar.outcome !== 'created' && !bar.existedBefore ? secs(bar.end - bar.start) : '',
  ]
    .filter(Boolean)
    .join(' ');
  const tip = `${row.kind} ${row.name}: ${detail}${bar.deletedAt !== undefined ? `; deleted ${deletedBy(bar)}` : ''}`;
  let deletion = '';
  if (bar.deletedAt !== undefined) {
    const xd = x(bar.deletedAt);
    const tailStart = x0 + w;
    deletion = `${xd > tailStart + 1 ? `<line x1="${tailStart.toFixed(1)}" x2="${xd.toFixed(1)}" y1="${y + 13}" y2="${y + 13}" class="tail"/>` : ''}<text x="${xd.toFixed(1)}" y="${y + 18}" class="deleted-mark" data-deleted="${esc(deletedBy(bar))}">✕</text>`;
  }
  // The words go right of the bar (after its deletion mark), shortened to fit before the next bar;
  // the last bar of a row may instead put them left of itself.
  const deletedNote = bar.deletedAt !== undefined ? ` · deleted${bar.deletePolicies ? ` (${deletedBy(bar)})` : ''}` : '';
  const textX = Math.max(x0 + w, bar.deletedAt !== undefined ? x(bar.deletedAt) + 6 : 0) + 6;
  const room = (limit - textX) / CHAR_W;
  const glyph = OUTCOME_WORD[bar.outcome].slice(0, 1);
  // The outcome alone (with a failure's exit code) when the reason and duration do not fit.
  const short = [OUTCOME_WORD[bar.outcome], bar.exitCode !== undefined && bar.outcome === 'failed' ? `exit ${bar.exitCode}` : ''].filter(Boolean).join(' ');
  let text = '';
  let end = Math.max(x0 + w, bar.deletedAt !== undefined ? x(bar.deletedAt) + 6 : 0);
  if (room >= detail.length + deletedNote.length) {
    text = label(textX, detail, deletedNote);
    end = textX + (detail.length + deletedNote.length) * CHAR_W;
  } else if (room >= detail.length) {
    text = label(textX, detail, '');
    end = textX + detail.length * CHAR_W;
  } else if (x0 - free.left > detail.length * CHAR_W + 8) {
    // Left of the bar, over the previous bar's dotted tail (the words have a white halo).
    text = label(x0 - detail.length * CHAR_W - 6, detail, '');
  } else if (room >= short.length) {
    text = label(textX, short, '');
    end = textX + short.length * CHAR_W;
  } else if (room >= 2) {
    text = label(textX, glyph, '');
    end = textX + 2 * CHAR_W;
  }
  function label(at: number, words: string, note: string): string {
    return `<text x="${at.toFixed(1)}" y="${y + 17}" class="bar-text">${esc(words)}${note ? `<tspan class="deleted-text">${esc(note)}</tspan>` : ''}</text>`;
  }
  // A failed bar says so inside itself too, whatever room its words found.
  const mark = bar.outcome === 'failed' && w >= 14 ? `<text x="${(x0 + w / 2).toFixed(1)}" y="${y + 18}" class="bar-mark">✘</text>` : '';
  const svg = `<g class="bar bar-${bar.outcome}${bar.existedBefore ? ' existed-before' : ''}" data-outcome="${bar.outcome}"${bar.existedBefore ? ' data-existed-before="true"' : ''}><title>${esc(tip)}</title>
<rect x="${x0.toFixed(1)}" y="${y + 5}" width="${w.toFixed(1)}" height="${ROW_H - 10}" rx="3" class="bar-rect fill-${bar.outcome}"${fill ? ` style="fill:${fill}"` : ''}/>${mark}${deletion}${text}</g>`;
  return { svg, end };
}

export function deletedBy(bar: GanttBar): string {
  if (!bar.deletePolicies) return 'by a delete policy or the cleanup';
  return bar.deletePolicies.length ? bar.deletePolicies.join(',') : "before-hook-creation (Helm's default)";
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

export function tickMarks(span: number): number[] {
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600].map((s) => s * 1000);
  const step = steps.find((s) => span / s <= 10) ?? 600_000;
  const out: number[] = [];
  for (let t = 0; t <= span; t += step) out.push(t);
  return out;
}


/** The drawing's own style: inline in the HTML page, and in the picture's standalone SVG. */
export const GANTT_CSS = `
:root { --ok: #1b7f3b; --bad: #b3261e; --run: #b26a00; --muted: #5f6368; --band: #e8eef8; --band2: #f1eefa; }
.row-bg-0 { fill: #ffffff; } .row-bg-1 { fill: #f6f7f9; }
.row-label { font-size: 15px; fill: #202124; } .row-kind { fill: var(--muted); font-size: 12px; }
.band-area.band-0 { fill: var(--band); } .band-area.band-1 { fill: var(--band2); }
.band-area { fill-opacity: .85; stroke: #9aa0a6; stroke-dasharray: 3 3; }
.band-label { font-size: 14px; font-weight: 600; fill: #174ea6; } .band-exit { font-size: 14px; fill: #174ea6; }
.band-failed .band-exit { fill: var(--bad); font-weight: 700; }
.band-words text { paint-order: stroke; stroke: #ffffff; stroke-width: 3px; }
.fill-succeeded { fill: var(--ok); } .fill-failed { fill: var(--bad); } .fill-running { fill: var(--run); } .fill-created { fill: #80868b; }
.hatch { fill: #ffffff; fill-opacity: .55; }
.bar-rect { stroke: #202124; stroke-width: 1; }
.existed-before .bar-rect { fill-opacity: .35; stroke-dasharray: 3 2; } .existed-before .bar-text { fill: var(--muted); font-weight: 400; }
.bar-text { font-size: 14px; fill: #202124; paint-order: stroke; stroke: #ffffff; stroke-width: 4px; stroke-linejoin: round; } .bar-failed .bar-text { fill: var(--bad); font-weight: 700; }
.bar-mark { font-size: 14px; font-weight: 700; fill: #ffffff; text-anchor: middle; paint-order: stroke; stroke: var(--bad); stroke-width: 3px; }
.deleted-text { fill: var(--muted); font-weight: 400; }
.deleted-mark { font-size: 15px; font-weight: 700; fill: #202124; text-anchor: middle; }
.tail { stroke: #5f6368; stroke-width: 2; stroke-dasharray: 2 3; }
.tick { font-size: 12px; fill: var(--muted); text-anchor: middle; }
`;
