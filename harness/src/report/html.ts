// One self-contained HTML page per run, for a projector and for paper: the hooks as a Gantt on the
// same time axis as the Helm commands, then history, pods, the failed hooks' logs and the
// assertions. No script and no request: CSS and SVG are inline, outcome is colour AND pattern AND word.
import { buildGanttModel, type GanttBar, type GanttModel, type GanttRow } from './html/gantt-model.js';
import { changingCommands, historyRows, type HistoryRow, type HtmlReportInput } from './html/report-input.js';

export type { HtmlReportInput } from './html/report-input.js';

const esc = (s: unknown) =>
  String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

const secs = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

// Gantt geometry, in SVG units; the SVG scales to the page width (1240 px at most).
const WIDTH = 1200;
const LABEL_W = 330;
const ROW_H = 26;
const BAND_H = 34;
// Room on the right for the words of the last bars.
const PLOT_W = WIDTH - LABEL_W - 100;
/** Width of one character of a bar's words, in SVG units, to keep words from running into each other. */
const CHAR_W = 8;

const OUTCOME_WORD: Record<GanttBar['outcome'], string> = { succeeded: '✔ ok', failed: '✘ failed', running: '… running', created: '● created' };

export function renderHtmlReport(report: HtmlReportInput): string {
  const model = buildGanttModel(report.timeline ?? [], report.commands ?? []);
  const observed = report.scenario.seedStep === 'observe';
  const title = `${observed ? 'observe' : report.scenario.name} · Helm ${report.helm.major}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${CSS}</style></head>
<body>
<header>
  <h1>${esc(title)}${report.outcome ? ` <span class="outcome outcome-${esc(report.outcome.split(' ')[0])}">${esc(report.outcome.toUpperCase())}</span>` : ''}</h1>
  <p class="subtitle">${esc(report.scenario.title ?? '')}</p>
  <p class="meta">release <code>${esc(report.release)}</code> · namespace <code>${esc(report.namespace)}</code>${report.helm.version ? ` · ${esc(report.helm.version)}` : ''}${report.reason && report.outcome !== 'passed' ? ` · ${esc(report.reason)}` : ''}</p>
</header>
<section id="timeline"><h2>Hooks over time</h2>
${model.rows.length ? renderGantt(model, report.release) : '<p class="empty">No hook object was seen.</p>'}
${legend()}
</section>
<section id="commands"><h2>Helm commands</h2>${renderCommands(report)}</section>
<section id="history-section"><h2>History (helm history)</h2>${renderHistory(report)}</section>
<section id="pods"><h2>Pods at the end</h2>${renderPods(report)}</section>
<section id="logs"><h2>Logs of failed hooks</h2>${renderLogs(report)}</section>
${!observed && report.assertions?.length ? `<section id="assertions"><h2>Assertions</h2>${renderAssertions(report)}</section>` : ''}
</body></html>
`;
}

function renderGantt(model: GanttModel, release: string): string {
  const span = model.t1 - model.t0;
  const x = (t: number) => LABEL_W + ((t - model.t0) / span) * PLOT_W;
  const height = BAND_H + model.rows.length * ROW_H + 24;
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
<rect x="0" y="${y}" width="${WIDTH}" height="${ROW_H}" class="row-bg row-bg-${i % 2}"/>${label}
${barsOfRow(row, y, x, model.t1)}</g>`;
    })
    .join('\n');

  const axisY = BAND_H + model.rows.length * ROW_H + 16;
  const ticks = tickMarks(span)
    .map((t) => `<text x="${x(model.t0 + t).toFixed(1)}" y="${axisY}" class="tick">${secs(t)}</text>`)
    .join('');
  return `<svg class="gantt" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="Hook objects over time">
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
function barsOfRow(row: GanttRow, y: number, x: (t: number) => number, t1: number): string {
  let left = LABEL_W;
  return row.bars
    .map((bar, j) => {
      const next = row.bars[j + 1];
      const drawn = renderBar(bar, row, y, x, t1, { left, right: next ? x(next.start) : WIDTH });
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

function deletedBy(bar: GanttBar): string {
  if (!bar.deletePolicies) return 'by a delete policy or the cleanup';
  return bar.deletePolicies.length ? bar.deletePolicies.join(',') : "before-hook-creation (Helm's default)";
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function tickMarks(span: number): number[] {
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600].map((s) => s * 1000);
  const step = steps.find((s) => span / s <= 10) ?? 600_000;
  const out: number[] = [];
  for (let t = 0; t <= span; t += step) out.push(t);
  return out;
}

function legend(): string {
  const item = (o: GanttBar['outcome'], fill: string) =>
    `<span class="legend-item"><svg width="34" height="14"><rect width="34" height="14" rx="3" class="fill-${o}"${fill ? ` style="fill:${fill}"` : ''}/></svg> ${esc(OUTCOME_WORD[o])}</span>`;
  return `<p class="legend">${item('succeeded', '')}${item('failed', 'url(#p-failed)')}${item('running', 'url(#p-running)')}${item('created', '')}<span class="legend-item"><b>✕</b> deleted (policy)</span><span class="legend-item"><span class="band-swatch"></span> a Helm command, with its exit code</span></p>`;
}

function renderCommands(report: HtmlReportInput): string {
  const rows = changingCommands(report.commands ?? []).map((c) => {
    const failed = c.killedBecause || c.exitCode !== 0;
    const err = failed && c.stderr?.trim() ? `<details><summary>Helm's error</summary><pre>${esc(c.stderr.trim())}</pre></details>` : '';
    return `<tr class="${failed ? 'failed' : ''}"><td><code>helm ${esc(c.args.join(' '))}</code>${err}</td><td class="num">${c.killedBecause ? `killed: ${esc(c.killedBecause)}` : `${failed ? '✘ ' : '✔ '}exit ${c.exitCode}`}</td><td class="num">${secs(c.durationMs)}</td></tr>`;
  });
  return rows.length ? `<table><thead><tr><th>command</th><th>exit</th><th>time</th></tr></thead><tbody>${rows.join('')}</tbody></table>` : '<p class="empty">No Helm command.</p>';
}

function historyTable(rows: HistoryRow[], id?: string): string {
  return `<table${id ? ` id="${id}"` : ''} class="history"><thead><tr><th>revision</th><th>status</th><th>chart</th><th>app version</th><th>description</th></tr></thead><tbody>${rows
    .map(
      (r) =>
        `<tr class="status-${esc(r.status)}"><td class="num">${esc(r.revision)}</td><td>${esc(r.status)}</td><td>${esc(r.chart)}</td><td>${esc(r.app_version)}</td><td class="description">${esc(r.description)}</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

/** The history at the end, and, folded, each `helm history` read after a command (or before the first). */
function renderHistory(report: HtmlReportInput): string {
  const rows = historyRows(report.history?.json);
  const final = rows.length ? historyTable(rows, 'history') : '<p class="empty">No history at the end (the release does not exist).</p>';
  const reads: string[] = [];
  let after = 'before the first command';
  for (const c of report.commands ?? []) {
    const verb = c.args[0] ?? '';
    if (verb === 'history') {
      if (c.exitCode !== 0 || !c.stdout) continue;
      let json: unknown;
      try {
        json = JSON.parse(c.stdout);
      } catch {
        continue;
      }
      reads.push(`<details class="history-read"><summary>${esc(after)}</summary>${historyTable(historyRows(json))}</details>`);
    } else if (!['status', 'version', 'get'].includes(verb)) {
      after = `after helm ${verb} (${c.killedBecause ? 'killed' : `exit ${c.exitCode}`})`;
    }
  }
  return final + (reads.length ? `<p class="meta">Each time the history was read:</p>${reads.join('')}` : '');
}

function renderPods(report: HtmlReportInput): string {
  if (!report.pods?.length) return '<p class="empty">No pods.</p>';
  return `<table><thead><tr><th>pod</th><th>hook</th><th>phase</th><th>ready</th><th>exit / reason</th></tr></thead><tbody>${report.pods
    .map(
      (p) =>
        `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.hook ?? '')}</td><td>${esc(p.phase)}</td><td>${p.ready ? 'yes' : 'no'}</td><td>${esc([p.exitCode, p.reason].filter((v) => v !== undefined && v !== '').join(' '))}</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

function renderLogs(report: HtmlReportInput): string {
  const failed = (report.hookLogs ?? []).filter((l) => l.exitCode !== 0);
  if (!failed.length) return '<p class="empty">No hook container failed.</p>';
  return failed
    .map(
      (l) =>
        `<details class="hook-log"><summary><code>${esc(l.pod)}/${esc(l.container)}</code> (hook ${esc(l.hook)}, exit ${esc(l.exitCode ?? '?')})</summary><pre>${esc(l.error ?? l.log)}</pre></details>`,
    )
    .join('');
}

function renderAssertions(report: HtmlReportInput): string {
  return `<ul class="assertions">${(report.assertions ?? [])
    .map((a) => `<li class="${a.passed ? 'passed' : 'failed'}">${a.passed ? '✔' : '✘'} ${esc(a.name)}${a.passed ? '' : `<div class="expected">expected ${esc(a.expected)}<br>actual ${esc(a.actual)}</div>`}</li>`)
    .join('')}</ul>`;
}

const CSS = `
:root { --ok: #1b7f3b; --bad: #b3261e; --run: #b26a00; --muted: #5f6368; --band: #e8eef8; --band2: #f1eefa; }
* { box-sizing: border-box; }
body { font: 16px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; margin: 0 auto; padding: 12px 20px; max-width: 1240px; color: #202124; }
h1 { font-size: 26px; margin: 0 0 2px; }
h2 { font-size: 19px; margin: 18px 0 6px; border-bottom: 2px solid #dadce0; }
.subtitle { margin: 0; font-size: 17px; }
.meta { margin: 2px 0 0; color: var(--muted); font-size: 14px; }
code { font: 14px ui-monospace, "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
.outcome { font-size: 16px; padding: 2px 8px; border-radius: 4px; border: 2px solid currentColor; vertical-align: middle; }
.outcome-passed { color: var(--ok); } .outcome-failed, .outcome-error, .outcome-timed { color: var(--bad); } .outcome-interrupted { color: var(--run); }
svg.gantt { width: 100%; height: auto; display: block; font-family: inherit; }
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
.legend { font-size: 14px; color: #3c4043; display: flex; flex-wrap: wrap; gap: 16px; margin: 6px 0; }
.legend-item svg { vertical-align: middle; } .band-swatch { display: inline-block; width: 30px; height: 14px; background: var(--band); border: 1px dashed #9aa0a6; vertical-align: middle; }
table { border-collapse: collapse; width: 100%; font-size: 14px; table-layout: auto; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #e0e0e0; vertical-align: top; }
td.num { white-space: nowrap; } td.description { overflow-wrap: anywhere; }
table.history td:not(.description), table.history th { white-space: nowrap; }
tr.failed td, tr.status-failed td { color: var(--bad); } tr.status-deployed td { font-weight: 600; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f7f9; padding: 8px; font-size: 13px; margin: 4px 0; }
details summary { cursor: pointer; }
.assertions { list-style: none; padding: 0; margin: 0; columns: 2; font-size: 14px; }
.assertions li { break-inside: avoid; padding: 1px 0; } .assertions li.failed { color: var(--bad); font-weight: 600; }
.expected { font-weight: 400; color: #3c4043; margin-left: 1.4em; }
.empty { color: var(--muted); }
@media print { body { max-width: none; } .band-area { fill: none; } details { display: block; } }
`;
