// Runs scenarios × Helm majors, a few at a time, writing each report as its run finishes.
import path from 'node:path';
import type { ClusterProvider } from '../cluster/provider.js';
import { clusterValuesFile } from '../cluster/values.js';
import type { HelmMajor } from '../helm/types.js';
import type { Kube } from '../kube/client.js';
import { writeJUnitReport, writeRunReport } from '../report/files.js';
import type { ScenarioRunResult } from '../report/model.js';
import { plain, type Style } from '../report/style.js';
import { renderRun, renderSuiteSummary } from '../report/terminal.js';
import { chartDir, relativeToRepo } from '../paths.js';
import { mapWithConcurrency } from '../util/pool.js';
import { runScenario } from './runner.js';
import type { Scenario } from './types.js';

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
}

export async function runSuite(o: SuiteOptions): Promise<ScenarioRunResult[]> {
  const style = o.style ?? plain;
  const runs = o.scenarios.flatMap((scenario) => o.majors.map((major) => ({ scenario, major })));
  const results = await mapWithConcurrency(runs, o.parallel, async ({ scenario, major }) => {
    // After Ctrl-C no new run starts; the ones under way clean up and report.
    if (o.interrupt.aborted) return undefined;
    const binary = o.helmBinaries[major];
    if (!binary) throw new Error(`no Helm ${major} binary resolved`);
    const tag = style.dim(`[${scenario.name} h${major}]`);
    const result = await runScenario(scenario, {
      helmMajor: major,
      helmBinary: binary,
      kubectl: o.kubectl,
      kube: o.kube,
      chart: relativeToRepo(chartDir),
      valuesFiles: [relativeToRepo(path.resolve(clusterValuesFile(o.provider)))],
      keep: o.keep,
      ...(o.deadlineSeconds ? { deadlineSeconds: o.deadlineSeconds } : {}),
      interrupt: o.interrupt,
      progress: (msg) => o.print(`${tag} ${msg}`),
    });
    const file = await writeRunReport(o.reportDir, result);
    o.print(`\n${renderRun(result, style)}\n${style.dim(`JSON report: ${relativeToRepo(file)}`)}\n`);
    return result;
  });
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
