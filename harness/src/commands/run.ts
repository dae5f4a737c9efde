// demo-hooks run NAME...: each scenario on each Helm release, in its own namespace and release.
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { CliCommand, InvalidArgumentError, logBytesOption, logLimitsOf, logLinesOption, Option, wholeNumberFromOne } from '../cli/command.js';
import { exitCodes } from '../cli/exit-codes.js';
import { DEFAULT_LOST_GRACE_SECONDS } from '../kube/api-health.js';
import { defaultReportDir, relativeToRepo } from '../paths.js';
import { suiteVerdict } from '../report/model.js';
import { renderLeak } from '../report/terminal.js';
import { AllWithOthersError, resolveScenarios, UnknownScenarioError } from '../scenario/registry.js';
import { HelmReleaseSyntaxError, namingOf, parseHelmReleases, pinnedMajors, type HelmRelease } from '../helm/releases.js';
import { requireHelmRelease, requireKubectl } from '../tools.js';
import type { SuiteHelm } from '../scenario/suite.js';
import type { CliContext, Verb } from './verb.js';
import type { ScenarioRunResult } from '../report/model.js';
import type { Scenario } from '../scenario/types.js';

export interface RunOptions {
  up?: boolean;
  helm: HelmRelease[];
  parallel: number;
  keep?: boolean;
  checkCleanup?: boolean;
  reportDir: string;
  deadline?: number;
  values: string[];
  logLines: number;
  logBytes: number;
  lostClusterGrace: number;
}

/** --helm's (and atlas --releases') parser: the one-line usage error of a list that names no release. */
export function helmReleases(text: string): HelmRelease[] {
  try {
    return parseHelmReleases(text);
  } catch (err) {
    if (err instanceof HelmReleaseSyntaxError) throw new InvalidArgumentError(err.message);
    throw err;
  }
}

/** Collects --values files; each must be a readable file, named as given (Helm reads it from the repository root). */
function valuesFile(text: string, earlier: string[]): string[] {
  const file = path.resolve(text);
  try {
    accessSync(file, constants.R_OK);
    if (!statSync(file).isFile()) throw new Error('not a file');
  } catch {
    throw new InvalidArgumentError(`no readable file ${text}: give a YAML values file, e.g. --values my-values.yaml`);
  }
  return [...earlier, file];
}

export const runVerb: Verb = (ctx) => {
  return new CliCommand('run')
    .description('run scenarios on a real cluster and check what the lab promises')
    .argument('<name...>', 'scenario names as `demo-hooks list` shows them, or "all"')
    .addOption(
      new Option('--helm <versions>', 'the Helm releases to run on: 3 or 4 (the pinned builds), an exact release (3.18.6, built on first use), or a list with commas')
        .env('HELM_VERSION')
        .default(helmReleases('3'), '3')
        .argParser(helmReleases),
    )
    .addOption(new Option('--parallel <n>', 'how many runs at a time: a whole number, 1 or more').default(1).argParser(wholeNumberFromOne()))
    .option('--up', "first build or link the tools the runs use (Helm of --helm, the cluster's) and bring the cluster up (make scenario-NAME)")
    .option('--keep', "keep each run's namespace, even when the run passed")
    .option('--check-cleanup', 'at the end, wait for every namespace the runs deleted to be gone; exit 4 if one stays (make scenarios, CI)')
    .addOption(
      new Option('--values <file>', "a values file of yours for every Helm command of the runs, after the cluster's (repeatable)")
        .default([], 'none')
        .argParser(valuesFile),
    )
    .addOption(new Option('--report-dir <dir>', 'a directory for the JSON and JUnit reports').default(defaultReportDir, relativeToRepo(defaultReportDir)))
    .addOption(
      new Option('--deadline <seconds>', "a deadline for each run in seconds, instead of the scenario's own").argParser(
        wholeNumberFromOne('seconds'),
      ),
    )
    .addOption(logLinesOption())
    .addOption(logBytesOption())
    .addOption(
      new Option('--lost-cluster-grace <seconds>', 'how long the API server may not answer before the runs stop with exit 3')
        .default(DEFAULT_LOST_GRACE_SECONDS)
        .argParser(wholeNumberFromOne('seconds')),
    )
    .addHelpText(
      'after',
      "\nA run that passes deletes its namespace in the background and does not wait for it to go; the next\nrun checks that it went (exit 4 naming a namespace still there 3 minutes after its deletion began),\nor --check-cleanup waits for it at the end. One that fails keeps it for inspection (so does --keep).\nCtrl-C stops Helm and removes this run's namespaces; a second Ctrl-C leaves them for `demo-hooks clean`.",
    )
    .runs(async (command) => {
      const o = command.opts<RunOptions>();
      // Loaded here, not above: the scenarios and the Kubernetes client take seconds to load, and --help needs none of it.
      const { allScenarios } = await import('../../../scenarios/index.js');
      let scenarios;
      try {
        scenarios = resolveScenarios(command.args, allScenarios);
      } catch (err) {
        if (err instanceof UnknownScenarioError || err instanceof AllWithOthersError) command.usageError(err.message);
        throw err;
      }
      return (await runOnReleases(ctx, scenarios, o, (message) => command.usageError(message))).exitCode;
    });
};


/** What `run` and `atlas` do once the scenarios and releases are chosen: build, set up, run the suite, and the exit code. */
export async function runOnReleases(
  ctx: CliContext,
  scenarios: readonly Scenario[],
  o: RunOptions,
  usageError: (message: string) => never,
): Promise<{ exitCode: number; results: ScenarioRunResult[] }> {
  const { printFitted: print, style, width, live, interrupts } = ctx;
  const done = (exitCode: number, results: ScenarioRunResult[] = []) => ({ exitCode, results });
  const { buildExactReleases } = await import('../cli/helm-builds.js');
  const buildInterrupted = await buildExactReleases(ctx, o.helm, usageError);
  if (buildInterrupted !== undefined) return done(buildInterrupted);
  let upProvider;
  if (o.up) {
    const [{ chosenProvider }, { providerStep, toolsAndCluster }] = await Promise.all([
      import('../cli/cluster-access.js'),
      import('../cli/set-up.js'),
    ]);
    upProvider = await chosenProvider();
    const interrupted = await providerStep(ctx, upProvider, (p, progress) => toolsAndCluster(p, progress, pinnedMajors(o.helm)));
    if (interrupted !== undefined) return done(interrupted);
  }
  const naming = namingOf(o.helm);
  const helms: SuiteHelm[] = [];
  for (const [i, release] of o.helm.entries()) helms.push({ ...naming[i]!, binary: await requireHelmRelease(release, print) });
  const kubectl = await requireKubectl();
  const [{ reachableCluster }, { runSuite }, { findLeakedNamespaces }, { NAMESPACE_GONE_TIMEOUT_MS }] = await Promise.all([
    import('../cli/cluster-access.js'),
    import('../scenario/suite.js'),
    import('../kube/namespace-leaks.js'),
    import('../scenario/runner.js'),
  ]);
  const { provider, kube } = await reachableCluster(upProvider);
  // Earlier runs deleted their namespaces without waiting: this is where a deletion that never finished shows.
  const leaks = await findLeakedNamespaces(kube, { now: new Date(), graceMs: NAMESPACE_GONE_TIMEOUT_MS });
  for (const leak of leaks) {
    print(renderLeak(`LEAKED by an earlier run: namespace ${leak.namespace}`, leak, style));
  }

  // The live task list holds other writes until it ends, and says the first Ctrl-C itself; a
  // second one exits at once, so it is written past the list, with stderr's write from before it began.
  const writeNow = process.stderr.write.bind(process.stderr);
  const results = await interrupts.cleaningUp(
    {
      onFirst: (sig) => {
        if (!live) writeNow(`\n${sig}: stopping Helm and removing this run's namespaces (press Ctrl-C again to leave them)\n`);
      },
      again: 'leave',
      onAgain: (sig) => writeNow(`\n${sig} again: leaving now; \`demo-hooks clean\` removes what is left once this run's lease expires\n`),
    },
    () =>
      runSuite({
        scenarios,
        helms,
        kubectl,
        kube,
        provider,
        parallel: o.parallel,
        keep: o.keep ?? false,
        namespaceCleanup: o.checkCleanup ? 'background-then-check' : 'background',
        reportDir: path.resolve(o.reportDir),
        valuesFiles: o.values,
        logLimits: logLimitsOf(o),
        lostClusterGraceSeconds: o.lostClusterGrace,
        ...(o.deadline ? { deadlineSeconds: o.deadline } : {}),
        interrupt: interrupts.signal,
        print,
        style,
        width,
        live,
      }),
  );
  if (interrupts.received) return done(interrupts.exitCode(), results);
  const verdict = suiteVerdict(results);
  if (verdict === 'passed' && leaks.length) {
    print(style.bad(`every run passed, but ${leaks.length} namespace(s) of earlier runs leaked: what holds each one is listed above`));
    return done(exitCodes.notCleanedUp, results);
  }
  if (verdict === 'environment') {
    print(style.bad('the cluster stopped answering: this is an environment error, not a verdict on Helm; `make cluster` brings the local cluster back'));
    return done(exitCodes.environment, results);
  }
  return done(verdict === 'passed' ? exitCodes.ok : verdict === 'not cleaned up' ? exitCodes.notCleanedUp : exitCodes.failed, results);
}
