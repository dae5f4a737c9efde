// One self-contained HTML page per run, for a projector and for paper: the hooks as a Gantt on the
// same time axis as the Helm commands, then history, pods, the failed hooks' logs and the
// assertions. No script and no request: CSS and SVG are inline, outcome is colour AND pattern AND word.
import { buildGanttModel, type GanttBar } from './html/gantt-model.js';
import { GANTT_CSS, OUTCOME_WORD, renderGantt } from './html/gantt-svg.js';
import { esc, secs } from './html/markup.js';
import { changingCommands, historyRows, type HistoryRow, type HtmlReportInput } from './html/report-input.js';

export type { HtmlReportInput } from './html/report-input.js';

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
        `<details class="hook-log"><summary><code>${esc(l.pod)}/${esc(l.container)}</code> (hook ${esc(l.hook)}, exit ${esc(l.exitCode ?? '?')})</summary>${l.logCut ? `<p class="empty">${esc(l.logCut)}</p>` : ''}<pre>${esc(l.error ?? l.log)}</pre></details>`,
    )
    .join('');
}

function renderAssertions(report: HtmlReportInput): string {
  return `<ul class="assertions">${(report.assertions ?? [])
    .map((a) => `<li class="${a.passed ? 'passed' : 'failed'}">${a.passed ? '✔' : '✘'} ${esc(a.name)}${a.passed ? '' : `<div class="expected">expected ${esc(a.expected)}<br>actual ${esc(a.actual)}</div>`}</li>`)
    .join('')}</ul>`;
}

const CSS = `${GANTT_CSS}
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
