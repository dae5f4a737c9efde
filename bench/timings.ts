// Where the time of one scenario run went, as its JSON report's timings section holds it: Helm's
// commands, each hook Job inside them split into its phases, and the harness's own time around
// them. Prints figures for bench/run.sh; asserts nothing.
//
//   node --import tsx bench/timings.ts REPORT.json [--wall SECONDS]
//   node --import tsx bench/timings.ts --release-changes REPORT.json
//
// --wall: the run's wall time as the bench measured it (the whole `demo-hooks run` process).
// --release-changes: prints the args of the run's install/upgrade commands, one line each, with the
// run's release and namespace written as RELEASE, so the bench can prove its bare commands are the same.
import { readFileSync } from 'node:fs';
import { JsonReport } from '../harness/src/report-contract.js';
import { readReportAs } from '../harness/src/report/read.js';
import { errorMessage } from '../harness/src/util/errors.js';

const usage = 'usage: node --import tsx bench/timings.ts REPORT.json [--wall SECONDS] | --release-changes REPORT.json';

const sec = (ms: number | undefined) => (ms === undefined ? '   —' : (ms / 1000).toFixed(1).padStart(4));

function figure(label: string, value: string): void {
  console.log(`${label.padEnd(58)} ${value}`);
}

/** The report's own timings section (harness/src/report/timings.ts): this only prints it. */
function printBreakdown(report: JsonReport, wallSeconds: number | undefined): void {
  const t = report.timings;
  if (!t) {
    console.error(`error: REPORT.json has no timings section (reportVersion ${report.reportVersion}); run the scenario again with this harness`);
    process.exit(2);
  }
  if (wallSeconds !== undefined) {
    figure('  outside the run: node, tools and cluster checks, reports', `${(wallSeconds - t.runMs / 1000).toFixed(1)} s`);
  }
  figure('  the run as the harness timed it', `${sec(t.runMs).trim()} s`);
  figure('  Helm, all commands (overlaps counted once)', `${sec(t.helmMs).trim()} s`);
  figure('  harness time beyond the Helm commands', `${sec(t.harnessMs).trim()} s   (goal ≤ 3 s)`);
  figure('    before the first Helm command (namespace, watches)', `${sec(t.harness.beforeFirstHelmMs).trim()} s`);
  figure('    between Helm commands (assertions, kubectl reads)', `${sec(t.harness.betweenHelmMs).trim()} s`);
  figure('    after the last (final state, namespace settled)', `${sec(t.harness.afterLastHelmMs).trim()} s`);
  figure('      of which: namespace deleted and gone',
    t.harness.namespaceDeletionMs === null ? (report.namespaceFate.inBackground ? 'not waited for (deleted in the background)' : 'not deleted') : `${sec(t.harness.namespaceDeletionMs).trim()} s`);

  const totals = { scheduling: 0, containerStart: 0, work: 0, jobStatus: 0 };
  for (const c of t.commands) {
    if (c.verb !== 'install' && c.verb !== 'upgrade') continue;
    console.log(`  helm ${c.verb} (exit ${c.exitCode})`.padEnd(59) + `${sec(c.durationMs).trim()} s`);
    console.log(`    ${'hook'.padEnd(14)} ${'Job'.padStart(5)} = ${['sched', 'start', 'work', 'status'].map((h) => h.padStart(6)).join(' ')}   (s)`);
    for (const h of c.hooks) {
      const phases = [h.schedulingMs, h.containerStartMs, h.workMs, h.jobStatusMs].map((p) => sec(p).padStart(6)).join(' ');
      console.log(`    ${h.hook.padEnd(14)} ${sec(h.totalMs).padStart(5)} = ${phases}   ${h.outcome}`);
      totals.scheduling += h.schedulingMs ?? 0;
      totals.containerStart += h.containerStartMs ?? 0;
      totals.work += h.workMs ?? 0;
      totals.jobStatus += h.jobStatusMs ?? 0;
    }
    figure(`    Helm outside its hook Jobs (render, apply, waits)`, `${sec(c.outsideHooksMs).trim()} s`);
  }
  figure('  all hooks: sched / start / work / Job status',
    `${[totals.scheduling, totals.containerStart, totals.work, totals.jobStatus].map((v) => sec(v).trim()).join(' / ')} s`);
  if ((report.observerGaps ?? []).length > 0) {
    console.log(`  note: the watches had ${report.observerGaps.length} gap(s); hook phases around them may be missing (—) or long`);
  }
}

function printReleaseChanges(report: JsonReport): void {
  const names = new Set([report.release, report.namespace]);
  for (const c of report.commands) {
    if (c.args[0] !== 'install' && c.args[0] !== 'upgrade') continue;
    console.log(c.args.map((a) => (names.has(a) ? 'RELEASE' : a)).join(' '));
  }
}

function readReport(file: string | undefined): JsonReport {
  if (!file) {
    console.error(`error: missing REPORT.json (a run's JSON report, e.g. reports/bench/pre-fail-helm3.json)\n${usage}`);
    process.exit(2);
  }
  try {
    return readReportAs(JsonReport, JSON.parse(readFileSync(file, 'utf8')), file);
  } catch (err) {
    console.error(`error: REPORT.json ${file} could not be read: ${errorMessage(err)}\n${usage}`);
    process.exit(2);
  }
}

const args = process.argv.slice(2);
if (args[0] === '--release-changes') {
  printReleaseChanges(readReport(args[1]));
} else {
  const wallAt = args.indexOf('--wall');
  const wall = wallAt >= 0 ? Number(args[wallAt + 1]) : undefined;
  if (wall !== undefined && !Number.isFinite(wall)) {
    console.error(`error: --wall needs a number of seconds, got ${args[wallAt + 1] ?? 'nothing'}\n${usage}`);
    process.exit(2);
  }
  const file = args.filter((_, i) => wallAt < 0 || (i !== wallAt && i !== wallAt + 1))[0];
  printBreakdown(readReport(file), wall);
}
