// Runs scenarios × Helm majors, a few at a time, writing each report as its run finishes.
import path from 'node:path';
import type { ClusterProvider } from '../cluster/provider.js';
import type { HelmMajor } from '../helm/types.js';
import type { Kube } from '../kube/client.js';
import { writeJUnitReport, writeRunReport } from '../report/files.js';
import type { ScenarioRunResult } from '../report/model.js';
import { lineProgress, taskListProgress } from '../report/progress.js';
import { plain, seconds, type Style } from '../report/style.js';
import { renderRun, renderSuiteSummary } from '../report/terminal.js';
import { chartDir, relativeToRepo } from '../paths.js';
import { runScenario } from './runner.js';
import { stepTitle, type Scenario } from './types.js';

export interface SuiteOptions {
  scenarios: readonly Scenario[];
  majors: readonly HelmMajor[];
  helmBinaries: Record<HelmMajor, string | undefined>;
  kubectl: string;
  kube: Kube;
  provider: ClusterProvider;
  parallel: number;
  keep: boolean;
  reportDir: string;
  deadlineSeconds?: number;
  interrupt: AbortSignal;
  /** Where reports and progress go (stdout in the CLI). */
  print: (text: string) => void;
  style?: Style;
  /** The columns the reports' tables fit into. */
  width?: number;
  /** A terminal that redraws: show the runs as a live task list instead of lines. */
  live?: boolean;
}

export async function runSuite(o: SuiteOptions): Promise<ScenarioRunResult[]> {
  const style = o.style ?? plain;
  const runs = o.scenarios.flatMap((scenario) => o.majors.map((major) => ({ scenario, major })));
  const progress = o.live ? taskListProgress(o.print, style) : lineProgress(o.print, style);
  const items = runs.map(({ scenario, major }) => ({ label: `${scenario.name} h${major}`, steps: scenario.steps.map((s) => stepTitle(s, major)) }));
  const results = await progress.run(items, o.parallel, async (index, display) => {
    const { scenario, major } = runs[index]!;
    // After Ctrl-C no new run starts; the ones under way clean up and report.
    if (o.interrupt.aborted) return undefined;
    const binary = o.helmBinaries[major];
    if (!binary) throw new Error(`no Helm ${major} binary resolved`);
    const result = await runScenario(scenario, {
      helmMajor: major,
      helmBinary: binary,
      kubectl: o.kubectl,
      kube: o.kube,
      chart: relativeToRepo(chartDir),
      valuesFiles: o.provider.chartValuesFiles().map((f) => relativeToRepo(path.resolve(f))),
      keep: o.keep,
      ...(o.deadlineSeconds ? { deadlineSeconds: o.deadlineSeconds } : {}),
      interrupt: o.interrupt,
      progress: display.line,
      watcher: display.watcher,
    });
    const file = await writeRunReport(o.reportDir, result);
    progress.report(`\n${renderRun(result, style, o.width)}\n${style.dim(`JSON report: ${relativeToRepo(file)}`)}\n`);
    return result;
  }, (r) => (r ? `${r.outcome.toUpperCase()} in ${seconds(r.durationMs)}` : 'not started'));
  const finished = results.filter((r): r is ScenarioRunResult => r !== undefined);
  if (finished.length) {
    const junit = await writeJUnitReport(o.reportDir, finished);
    o.print(`${renderSuiteSummary(finished, style)}\n${style.dim(`JUnit report: ${relativeToRepo(junit)}`)}`);
  }
  if (finished.some((r) => r.outcome !== 'passed' && r.outcome !== 'interrupted')) {
    const dir = path.join(o.reportDir, 'cluster-logs');
    await o.provider
      .collectLogs(dir)
      .then((copied) => {
        if (copied) o.print(style.dim(`cluster logs: ${relativeToRepo(dir)}`));
      })
      .catch((err: unknown) => o.print(style.warn(`could not collect cluster logs: ${err instanceof Error ? err.message : String(err)}`)));
  }
  return finished;
}
