// Runs scenarios × Helm releases, a few at a time, writing each report as its run finishes.
import path from 'node:path';
import type { ClusterProvider } from '../cluster/provider.js';
import { clusterValuesFile } from '../cluster/values.js';
import type { HelmNaming } from '../helm/releases.js';
import { ApiHealth, DEFAULT_LOST_GRACE_SECONDS } from '../kube/api-health.js';
import { NodeHealth } from '../kube/node-health.js';
import type { Kube } from '../kube/client.js';
import { waitForDeletedNamespaces } from '../kube/namespace-leaks.js';
import { writeJUnitReport, writeRunReport } from '../report/files.js';
import { settleRun, type ScenarioRunResult } from '../report/model.js';
import { lineProgress, taskListProgress } from '../report/progress.js';
import { plain, seconds, type Style } from '../report/style.js';
import { renderLeak, renderRun, renderSuiteSummary } from '../report/terminal.js';
import { shownText, type LogLimits } from '../report/cluster-text.js';
import { chartDir, relativeToRepo } from '../paths.js';
import { lastDurationSeconds, longestFirst } from './run-order.js';
import { DEFAULT_DEADLINE_SECONDS, NAMESPACE_GONE_TIMEOUT_MS, runScenario } from './runner.js';
import { stepTitle, type Scenario } from './types.js';
import { errorMessage } from '../util/errors.js';

/** One Helm build of the suite: each scenario runs once on it. */
export interface SuiteHelm extends HelmNaming {
  binary: string;
}

export interface SuiteOptions {
  scenarios: readonly Scenario[];
  /** In the order the runs are listed; two of one major carry versionInNames (helm/releases.ts namingOf). */
  helms: readonly SuiteHelm[];
  kubectl: string;
  kube: Kube;
  provider: ClusterProvider;
  parallel: number;
  keep: boolean;
  reportDir: string;
  deadlineSeconds?: number;
  /**
   * wait (the default): each run waits for its namespace to be gone before it reports.
   * background: a passed run starts deleting its namespace and reports at once; the next
   * `demo-hooks run` checks that it went (kube/namespace-leaks.ts findLeakedNamespaces).
   * background-then-check: the same, and the suite waits at its end for every namespace its runs
   * deleted: one still there after namespaceGoneTimeoutMs makes its run "not cleaned up".
   */
  namespaceCleanup?: 'wait' | 'background' | 'background-then-check';
  /** How long a namespace may take to go before its run counts as "not cleaned up". */
  namespaceGoneTimeoutMs?: number;
  interrupt: AbortSignal;
  /** Where reports and progress go (stdout in the CLI). */
  print: (text: string) => void;
  style?: Style;
  /** The columns the reports' tables fit into. */
  width?: number;
  /** A terminal that redraws: show the runs as a live task list instead of lines. */
  live?: boolean;
  /** The user's own values files, given to every Helm command after the cluster's (`run --values`). */
  valuesFiles?: readonly string[];
  /** How much of each log the terminal and JUnit show (`--log-lines`, `--log-bytes`). */
  logLimits?: LogLimits;
  /** How long the API server may not answer before every run stops as "environment" (`--lost-cluster-grace`). */
  lostClusterGraceSeconds?: number;
}

export async function runSuite(o: SuiteOptions): Promise<ScenarioRunResult[]> {
  const style = o.style ?? plain;
  const listed = o.scenarios.flatMap((scenario) => o.helms.map((helm) => ({ scenario, helm })));
  const order = longestFirst(listed, (run) => lastDurationSeconds(run, o.reportDir) ?? run.scenario.deadlineSeconds ?? DEFAULT_DEADLINE_SECONDS);
  const runs = order.map((i) => listed[i]!);
  const progress = o.live ? taskListProgress(o.print, style, o.interrupt) : lineProgress(o.print, style);
  // One for the whole suite: a lost cluster stops every run under way at the same moment.
  const grace = o.lostClusterGraceSeconds ?? DEFAULT_LOST_GRACE_SECONDS;
  const health = new ApiHealth(o.kube, grace).start();
  const nodes = await new NodeHealth(o.kube, grace).start();
  const unwatched = nodes.notWatched();
  if (unwatched) o.print(style.dim(`nodes not watched, so a node that stops reporting is found out only at the deadline: ${shownText(unwatched)}`));
  const items = runs.map(({ scenario, helm }) => ({
    label: `${scenario.name} ${helm.versionInNames ?? `h${helm.major}`}`,
    steps: scenario.steps.map((s) => stepTitle(s, helm.major, helm.versionInNames)),
  }));
  const results = await progress.run(items, o.parallel, async (index, display) => {
    const { scenario, helm } = runs[index]!;
    // After Ctrl-C no new run starts; the ones under way clean up and report.
    if (o.interrupt.aborted) return undefined;
    const result = await runScenario(scenario, {
      helmMajor: helm.major,
      helmBinary: helm.binary,
      ...(helm.versionInNames ? { helmVersionInNames: helm.versionInNames } : {}),
      kubectl: o.kubectl,
      kube: o.kube,
      chart: relativeToRepo(chartDir),
      valuesFiles: [relativeToRepo(path.resolve(clusterValuesFile(o.provider))), ...(o.valuesFiles ?? []).map((f) => relativeToRepo(path.resolve(f)))],
      keep: o.keep,
      namespaceCleanup: o.namespaceCleanup === undefined || o.namespaceCleanup === 'wait' ? 'wait' : 'background',
      ...(o.namespaceGoneTimeoutMs ? { namespaceGoneTimeoutMs: o.namespaceGoneTimeoutMs } : {}),
      ...(o.deadlineSeconds ? { deadlineSeconds: o.deadlineSeconds } : {}),
      interrupt: o.interrupt,
      progress: display.line,
      watcher: display.watcher,
      health,
      nodes,
    });
    const file = await writeRunReport(o.reportDir, result);
    progress.report(`\n${renderRun(result, style, o.width, { ...(o.logLimits ? { limits: o.logLimits } : {}), reportDir: o.reportDir })}\n${style.dim(`JSON report: ${relativeToRepo(file)}`)}\n`);
    return result;
  }, (r) => (r ? `${r.outcome.toUpperCase()} in ${seconds(r.durationMs)}` : 'not started')).finally(() => {
    health.stop();
    nodes.stop();
  });
  // Reported in the order they were listed, whatever order they ran in.
  const finished = listed
    .map((_, i) => results[order.indexOf(i)])
    .filter((r): r is ScenarioRunResult => r !== undefined);
  if (o.namespaceCleanup === 'background-then-check') await confirmNamespacesGone(finished, o, style);
  if (finished.length) {
    const junit = await writeJUnitReport(o.reportDir, finished, o.logLimits);
    o.print(`${renderSuiteSummary(finished, style)}\n${style.dim(`JUnit report: ${relativeToRepo(junit)}`)}`);
  }
  if (finished.some((r) => r.outcome !== 'passed' && r.outcome !== 'interrupted')) {
    const dir = path.join(o.reportDir, 'cluster-logs');
    await o.provider
      .collectLogs(dir)
      .then((copied) => {
        if (copied) o.print(style.dim(`cluster logs: ${relativeToRepo(dir)}`));
      })
      .catch((err: unknown) => o.print(style.warn(`could not collect cluster logs: ${shownText(errorMessage(err))}`)));
  }
  return finished;
}

/**
 * The end of a suite that deleted in the background: every namespace its runs deleted must be
 * gone. One that is not is a leak, named loudly, and its run becomes "not cleaned up" (exit 4).
 */
async function confirmNamespacesGone(runs: ScenarioRunResult[], o: SuiteOptions, style: Style): Promise<void> {
  const deleting = runs.filter((r) => r.namespaceFate.inBackground);
  if (deleting.length === 0 || o.interrupt.aborted) return;
  o.print(style.dim(`waiting for the ${deleting.length} namespace(s) deleted in the background to be gone`));
  const leaks = await waitForDeletedNamespaces(o.kube, deleting.map((r) => r.namespace), o.namespaceGoneTimeoutMs ?? NAMESPACE_GONE_TIMEOUT_MS, o.interrupt);
  for (const leak of leaks) {
    const run = deleting.find((r) => r.namespace === leak.namespace) as ScenarioRunResult;
    settleRun(run, { kept: true, why: 'deleting it in the background did not finish', cleanupError: leak.why, leftBehind: leak.leftBehind });
    o.print(renderLeak(`LEAKED: namespace ${leak.namespace} (${run.scenario.name}, Helm ${run.helm.versionInNames ?? run.helm.major})`, leak, style));
    await writeRunReport(o.reportDir, run);
  }
}
