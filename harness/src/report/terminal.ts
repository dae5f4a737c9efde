// The report a workshop attendee reads after a scenario: what was run, what the hooks did and
// when, what Helm recorded, and whether each expectation of the lab held.
import type { AssertionResult } from '../assert/result.js';
import { commandLine } from '../assert/command.js';
import { helmWords } from '../helm/releases.js';
import type { TimelineEntry } from '../observe/timeline.js';
import { readableRun, shownText, type LogView } from './cluster-text.js';
import { allAssertions, OBSERVE_MARK, failedAssertions, type RunOutcome, type ScenarioRunResult, type StepResult } from './model.js';
import { offset, plain, seconds, table, tableRows, type Style } from './style.js';

const MAX_ERROR_LINES = 12;

/**
 * width: the columns the tables fit into (long rows wrap their last column); the CLI fits every other line.
 * Text from the cluster and from Helm is shown with its control characters visible and its logs cut
 * to their end (logView.limits), before the report's own colours go in.
 */
export function renderRun(untrusted: ScenarioRunResult, style: Style = plain, width = Infinity, logView: LogView = {}): string {
  const run = readableRun(untrusted, logView);
  const out: string[] = [];
  const outcome = outcomeLabel(run.outcome, style);
  out.push(style.bold(`━━ ${run.scenario.name} · Helm ${run.helm.major} (${run.helm.version}) ━━ ${outcome}`));
  out.push(run.scenario.title);
  const where = run.release === run.namespace ? `release and namespace ${run.release}` : `release ${run.release} · namespace ${run.namespace}`;
  const what = run.scenario.seedStep === OBSERVE_MARK ? 'observed' : `proves seed ${run.scenario.seedStep}`;
  out.push(style.dim(`${what} · ${where} · ${seconds(run.durationMs)}`));
  out.push('');
  out.push(style.bold('Steps'));
  for (const step of run.steps) out.push(...renderStep(run, step, style));
  out.push('');
  const timeline = renderTimeline(run, style, width);
  if (timeline.length) out.push(style.bold('Hook timeline (time since the first Helm command)'), ...timeline, '');
  out.push(style.bold('History (helm history)'), ...renderHistory(run, width), '');
  if (run.pods.length) out.push(style.bold('Pods at the end'), ...renderPods(run, width), '');
  const logs = renderFailedHookLogs(run, style);
  if (logs.length) out.push(style.bold('Logs of failed hooks'), ...logs, '');
  const gaps = renderObserverGaps(run, style);
  if (gaps.length) out.push(style.bold('Observer gaps (hook assertions over one of them were refused)'), ...gaps, '');
  const silences = renderApiOutages(run, style);
  if (silences.length) out.push(style.bold('API server silences'), ...silences, '');
  if (run.diagnostics) out.push(...renderDiagnostics(run, style));
  out.push(...renderSummary(run, style));
  return out.join('\n');
}

function outcomeLabel(o: RunOutcome, style: Style): string {
  const text = o.toUpperCase();
  return o === 'passed' ? style.ok(text) : o === 'failed' ? style.bad(text) : style.warn(text);
}

function mark(step: StepResult, style: Style): string {
  switch (step.outcome) {
    case 'passed':
      return style.ok('✔');
    case 'failed':
      return style.bad('✘');
    case 'error':
      return style.warn('!');
    case 'skipped':
      return style.dim('○');
  }
}

function renderStep(run: ScenarioRunResult, step: StepResult, style: Style): string[] {
  const lines = [`  ${mark(step, style)} ${step.title}${step.outcome === 'skipped' ? style.dim(' (skipped)') : style.dim(`  ${seconds(step.durationMs)}`)}`];
  for (const i of step.commands) {
    const c = run.commands[i];
    if (!c || c.args[0] === 'history' || c.args[0] === 'status') continue;
    lines.push(style.dim(`      $ ${commandLine(c)}  → ${c.killedBecause ? `killed (${c.killedBecause})` : `exit ${c.exitCode}`}`));
    if (c.exitCode !== 0 && c.stderr.trim()) {
      // Helm indents wrapped errors with tabs; spaces keep the report's columns.
      const errLines = c.stderr.trim().replace(/\t/g, '  ').split('\n');
      lines.push(...errLines.slice(0, MAX_ERROR_LINES).map((l) => `        ${l}`));
      if (errLines.length > MAX_ERROR_LINES) lines.push(style.dim(`        … ${errLines.length - MAX_ERROR_LINES} more lines in the JSON report`));
    }
  }
  // A step with one passing assertion says it all in its title; otherwise list them.
  const showAssertions = step.assertions.length > 1 || step.assertions.some((a) => !a.passed);
  if (showAssertions) for (const a of step.assertions) lines.push(...renderAssertion(a, style));
  if (step.error) lines.push(style.warn(`      ${step.error}`));
  return lines;
}

export function renderAssertion(a: AssertionResult, style: Style = plain): string[] {
  if (a.passed) return [`      ${style.ok('✔')} ${a.name}`];
  const lines = [`      ${style.bad('✘')} ${a.name}`];
  const block = (label: string, text: string) => text.split('\n').map((l, i) => `          ${i === 0 ? label : ' '.repeat(label.length)}${l}`);
  lines.push(...block('expected: ', a.expected), ...block('actual:   ', a.actual));
  if (a.diff) {
    for (const l of a.diff.split('\n')) lines.push(`          ${l.startsWith('- ') ? style.ok(l) : l.startsWith('+ ') ? style.bad(l) : style.dim(l)}`);
  }
  return lines;
}

/** Hook Jobs and Pods, and Kubernetes warnings: the rest of the timeline stays in the JSON report. */
export function timelineForPeople(entries: readonly TimelineEntry[]): TimelineEntry[] {
  return entries.filter((e) => (e.kind !== 'Event' && e.hook) || (e.kind === 'Event' && e.warning));
}

export interface TimelineLine {
  entry: TimelineEntry;
  /** How often the same warning came back (a pod that cannot start warns every few seconds). */
  repeats: number;
  lastAt: string;
}

/** One line per distinct warning, counting its repeats; state changes are never merged. */
export function collapseRepeatedWarnings(entries: readonly TimelineEntry[]): TimelineLine[] {
  const lines: TimelineLine[] = [];
  const byWarning = new Map<string, TimelineLine>();
  for (const entry of entries) {
    const key = entry.kind === 'Event' ? `${entry.involvedKind}/${entry.name}|${entry.reason}|${entry.message}` : undefined;
    const seen = key ? byWarning.get(key) : undefined;
    if (seen) {
      seen.repeats += 1;
      seen.lastAt = entry.at;
      continue;
    }
    const line = { entry, repeats: 1, lastAt: entry.at };
    lines.push(line);
    if (key) byWarning.set(key, line);
  }
  return lines;
}

function describeEntry(e: TimelineEntry, podNames: boolean): string {
  if (e.kind === 'Event') return `${e.reason ?? 'Event'}: ${e.message ?? ''} (${e.involvedKind ?? ''}/${e.name})`;
  const details = [e.exitCode !== undefined ? `exit ${e.exitCode}` : '', e.reason ?? ''].filter(Boolean).join(', ');
  return `${e.what}${details ? ` (${details})` : ''}  ${podNames && e.kind === 'Pod' ? e.name : ''}`.trimEnd();
}

/** Offsets from the run's first Helm command, as every time column of the report reads them. */
function sinceFirstCommand(run: ScenarioRunResult): (at: string) => string {
  const origin = Date.parse(run.commands[0]?.startedAt ?? run.startedAt);
  return (at) => offset(Date.parse(at) - origin);
}

function renderTimeline(run: ScenarioRunResult, style: Style, width: number): string[] {
  const lines = collapseRepeatedWarnings(timelineForPeople(run.timeline));
  if (!lines.length) return [];
  const since = sinceFirstCommand(run);
  const rows = (podNames: boolean) =>
    lines.map(({ entry: e, repeats, lastAt }) => [
      since(e.at),
      e.hook ?? '',
      e.kind === 'Event' ? 'Warning' : e.kind,
      `${describeEntry(e, podNames)}${repeats > 1 ? ` ×${repeats}, last at ${since(lastAt)}` : ''}`,
    ]);
  const header = ['TIME', 'HOOK', 'KIND', 'WHAT'];
  // Pod names are for `kubectl logs`; where they do not fit they go (the failed hooks' logs below name their pods).
  const withPods = tableRows(header, rows(true), width - 2);
  const fits = withPods.every((row, i) => row.length === 1 || lines[i - 1]?.entry.kind !== 'Pod');
  return (fits ? withPods : tableRows(header, rows(false), width - 2)).flatMap((row, i) => {
    const e = lines[i - 1]?.entry;
    const paint = i === 0 ? style.dim : e?.what === 'failed' || e?.kind === 'Event' ? style.bad : (l: string) => l;
    return row.map((l) => `  ${paint(l)}`);
  });
}

function renderHistory(run: ScenarioRunResult, width: number): string[] {
  if (!run.history) return [`  (no history: ${run.historyError || 'not read'})`];
  const rows = run.history.entries.map((h) => [String(h.revision), h.status, h.chart, h.appVersion, h.description.replace(/\s+/g, ' ')]);
  return table(['REVISION', 'STATUS', 'CHART', 'APP VERSION', 'DESCRIPTION'], rows, width - 2).map((l) => `  ${l}`);
}

function renderPods(run: ScenarioRunResult, width: number): string[] {
  const rows = run.pods.map((p) => [
    p.name,
    p.hook ?? (p.appVersion ? `app ${p.appVersion}` : ''),
    p.terminating ? `${p.phase} (terminating)` : p.phase,
    p.ready ? 'yes' : 'no',
    p.exitCode === undefined ? '' : String(p.exitCode),
    p.reason ?? '',
  ]);
  return table(['NAME', 'HOOK/APP', 'PHASE', 'READY', 'EXIT', 'REASON'], rows, width - 2).map((l) => `  ${l}`);
}

function renderFailedHookLogs(run: ScenarioRunResult, style: Style): string[] {
  const failed = run.hookLogs.filter((l) => (l.exitCode ?? 0) !== 0);
  return failed.flatMap((l) => [
    `  ── ${l.hook} · pod ${l.pod} · exit ${l.exitCode ?? '?'}`,
    ...cutNoteLines(l, style),
    ...(l.log || l.error || '(empty)').split('\n').map((line) => `     ${line}`),
  ]);
}

/** What a cut log left out, and on a line of its own (so that no fitting to the width breaks it) the whole log's file. */
function cutNoteLines(l: { logCut?: string; logFile?: string }, style: Style): string[] {
  if (!l.logCut) return [];
  return l.logFile ? [style.dim(`     ${l.logCut}; full log:`), style.dim(`       ${l.logFile}`)] : [style.dim(`     ${l.logCut}`)];
}

function renderObserverGaps(run: ScenarioRunResult, style: Style): string[] {
  const since = sinceFirstCommand(run);
  return run.observerGaps.map((g) =>
    style.warn(`  ${g.watch} watch blind ${since(g.from)} to ${g.to ? since(g.to) : 'the end'}: ${g.reason}${g.closedBy ? ` (then ${g.closedBy})` : ''}`),
  );
}

function renderApiOutages(run: ScenarioRunResult, style: Style): string[] {
  const since = sinceFirstCommand(run);
  return run.apiOutages.map((o) => style.warn(`  ${o.server} did not answer ${since(o.from)} to ${o.to ? since(o.to) : 'the end'}: ${o.lastError}`));
}

function renderDiagnostics(run: ScenarioRunResult, style: Style): string[] {
  const d = run.diagnostics;
  if (!d) return [];
  const out = [style.bold('Diagnostics')];
  if (d.warnings.length) out.push('  Warning events:', ...d.warnings.map((w) => `    ${w.object} ${w.reason}: ${w.message}${w.count > 1 ? ` (×${w.count})` : ''}`));
  for (const p of d.podLogs) {
    out.push(`  ── log of ${p.pod}/${p.container} (not ready):`, ...cutNoteLines(p, style), ...p.log.split('\n').map((l) => `     ${l}`));
  }
  if (!run.observerGaps.length) for (const e of d.observerErrors) out.push(style.warn(`  observer: ${e}`));
  out.push('');
  return out;
}

function renderSummary(run: ScenarioRunResult, style: Style): string[] {
  const total = allAssertions(run).length;
  const failed = failedAssertions(run).length;
  const lines = [
    `${style.bold('Result:')} ${outcomeLabel(run.outcome, style)} — ${total - failed} of ${total} assertions passed${run.reason && run.outcome !== 'passed' ? `; ${run.reason}` : ''}`,
  ];
  const fate = run.namespaceFate;
  if (fate.kept) {
    lines.push(`${style.bold('Namespace')} ${run.namespace} kept (${fate.why}${fate.cleanupError ? `: ${fate.cleanupError}` : ''}).${fate.inspect?.length ? ' Look around with:' : ''}`);
    lines.push(...(fate.inspect ?? []).map((c) => `    ${c}`));
    if (fate.leftBehind?.length) lines.push(style.warn('  Left behind:'), ...fate.leftBehind.map((l) => style.warn(`    ${l}`)));
  } else {
    lines.push(style.dim(`Namespace ${run.namespace}: ${fate.why}`));
  }
  return lines;
}

/** One line per run, for the end of a suite. */
export function renderSuiteSummary(runs: readonly ScenarioRunResult[], style: Style = plain): string {
  const rows = runs.map((r) => [shownText(r.scenario.name), helmWords(r.helm), r.outcome.toUpperCase(), `${allAssertions(r).length - failedAssertions(r).length}/${allAssertions(r).length}`, seconds(r.durationMs), r.namespaceFate.kept ? shownText(r.namespace) : '']);
  const lines = table(['SCENARIO', 'HELM', 'RESULT', 'ASSERTIONS', 'TIME', 'KEPT NAMESPACE'], rows).map((l, i) => {
    if (i === 0) return style.dim(l);
    const o = runs[i - 1]?.outcome;
    return o === 'passed' ? style.ok(l) : o === 'failed' ? style.bad(l) : style.warn(l);
  });
  const passed = runs.filter((r) => r.outcome === 'passed').length;
  return [...lines, '', `${passed} of ${runs.length} scenario runs passed`].join('\n');
}

/** A namespace a run deleted that did not go: what holds it is the cluster's text, shown visible. */
export function renderLeak(heading: string, leak: { why: string; leftBehind: readonly string[] }, style: Style = plain): string {
  return [style.bad(`${heading}: ${shownText(leak.why)}`), ...leak.leftBehind.map((l) => style.warn(`    ${shownText(l)}`))].join('\n');
}
