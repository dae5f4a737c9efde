// Runs one scenario under one Helm major: fresh namespace and release, every step under the
// observer and a deadline, the final state and diagnostics gathered, the namespace removed
// (or kept for inspection when the run did not pass, or with --keep).
import type { AssertionResult } from '../assert/result.js';
import { chartDefaultValues } from '../cluster/values.js';
import { labEnv } from '../guide/lab-env.js';
import { GUIDE_NAME } from '../guide/names.js';
import { ReadAhead } from '../guide/read-ahead.js';
import { runTypedCommand, type TypedCommandResult } from '../guide/typed-command.js';
import { HelmDriver } from '../helm/driver.js';
import type { HelmCommandResult, HelmMajor } from '../helm/types.js';
import { ClusterLostError, type ApiHealth } from '../kube/api-health.js';
import type { Kube } from '../kube/client.js';
import { describeNotReady, type NodeHealth, type NodeNotReady } from '../kube/node-health.js';
import { createRunNamespace, deleteNamespace, describeLeftovers, waitForNamespaceGone } from '../kube/namespaces.js';
import { RunLease } from '../kube/run-lease.js';
import { NamespaceObserver } from '../observe/observer.js';
import type { TimelineEntry } from '../observe/timeline.js';
import { relativeToRepo } from '../paths.js';
import { settleRun, type NamespaceFate, type RunOutcome, type ScenarioRunResult, type StepResult } from '../report/model.js';
import { gatherDiagnostics, gatherFinalState } from './final-state.js';
import { runName, shortId } from './names.js';
import { stepTitle, type Scenario, type StepContext } from './types.js';
import { errorMessage } from '../util/errors.js';

export const DEFAULT_DEADLINE_SECONDS = 180;
export const NAMESPACE_GONE_TIMEOUT_MS = 180_000;
const FINAL_STATE_TIMEOUT_MS = 60_000;
/** After the cluster was lost, what is still read (final state, diagnostics, the observer's last logs) gets this long. */
const AFTER_LOSS_TIMEOUT_MS = 5_000;

export interface RunOptions {
  helmMajor: HelmMajor;
  helmBinary: string;
  /** The exact release, when the suite runs more than one of this major: the report's names carry it. */
  helmVersionInNames?: string;
  kubectl: string;
  kube: Kube;
  chart: string;
  valuesFiles: readonly string[];
  keep: boolean;
  /** Overrides the scenario's own deadline. */
  deadlineSeconds?: number;
  /** How long removing the namespace may take before the run counts as "not cleaned up". */
  namespaceGoneTimeoutMs?: number;
  /**
   * wait (the default): a passed run waits for its namespace to be gone. background: it starts the
   * deletion and returns, and whoever ran it proves the namespace went (kube/namespace-leaks.ts).
   * An interrupted run always waits, so Ctrl-C leaves nothing behind.
   */
  namespaceCleanup?: 'wait' | 'background';
  /** Ctrl-C / SIGTERM. */
  interrupt: AbortSignal;
  progress: (message: string) => void;
  /** Told as the run goes: each step as it starts and ends, and the hook timeline on every change. */
  watcher?: RunWatcher;
  /**
   * Whether the API server answers (shared by a suite's runs): a silence is said live, and one that
   * outlasts its grace period stops the run as "environment".
   */
  health?: ApiHealth;
  /** Whether the nodes are Ready (shared by a suite's runs): a node of this run's pods that is not is said live, and stops the run past the grace period. */
  nodes?: NodeHealth;
}

class NodeLostError extends Error {
  constructor(n: NodeNotReady, pods: string[]) {
    super(`${describeNotReady(n)} since ${n.since}, past the grace period; it runs ${pods.join(', ')}`);
    this.name = 'NodeLostError';
  }
}

export interface RunWatcher {
  /** The run's release and namespace exist from now on. */
  runStarted(release: string, namespace: string): void;
  stepStarted(index: number, title: string): void;
  stepEnded(index: number, step: StepResult): void;
  /** The timeline so far, each time the observer sees something new. */
  timelineChanged(timeline: readonly TimelineEntry[]): void;
}

class DeadlineExceeded extends Error {
  constructor(seconds: number) {
    super(`scenario deadline of ${seconds}s exceeded`);
    this.name = 'DeadlineExceeded';
  }
}

export async function runScenario(scenario: Scenario, opts: RunOptions): Promise<ScenarioRunResult> {
  const runId = shortId();
  // The namespace is the run's own; the release is `demo`, as in the guides, so that everything
  // Helm and kubectl print (object names, Helm 3's history table cut to its widest line) is
  // what an attendee sees. Helm keeps releases per namespace, so runs never meet.
  const namespace = runName(scenario.name, opts.helmMajor, runId);
  const release = GUIDE_NAME;
  const deadlineSeconds = opts.deadlineSeconds ?? scenario.deadlineSeconds ?? DEFAULT_DEADLINE_SECONDS;
  const startedAt = new Date();
  const commands: HelmCommandResult[] = [];
  const typedCommands: TypedCommandResult[] = [];
  const clusterValues = opts.valuesFiles[0] ?? relativeToRepo(chartDefaultValues);
  const steps: StepResult[] = [];
  const progress = (msg: string) => opts.progress(msg);

  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new DeadlineExceeded(deadlineSeconds)), deadlineSeconds * 1000);
  const apiLost = opts.health?.signal;
  const nodeLost = new AbortController();
  const lost = AbortSignal.any([nodeLost.signal, ...(apiLost ? [apiLost] : [])]);
  const signal = AbortSignal.any([deadline.signal, opts.interrupt, lost]);
  let runningStep = 'setting up the run';
  const stopHearing = opts.health?.subscribe({
    silent: (o) => progress(`⚠ the API server ${o.server} has not answered since ${clock(o.from)}: ${o.lastError}`),
    back: (o) => progress(`the API server ${o.server} answers again (silent from ${clock(o.from)} to ${clock(o.to ?? '')})`),
  });
  // Only the nodes this run's pods are on matter to it.
  const saidNotReady = new Set<string>();
  const stopNodeNews = opts.nodes?.subscribe({
    notReady: (n) => {
      const pods = observer.podsOn(n.node);
      if (!pods.length) return;
      saidNotReady.add(n.node);
      progress(`⚠ ${describeNotReady(n)}; it runs ${pods.join(', ')}`);
    },
    ready: (node) => {
      if (saidNotReady.delete(node)) progress(`node ${node} is Ready again`);
    },
    lost: (n) => {
      const pods = observer.podsOn(n.node);
      if (pods.length) nodeLost.abort(new NodeLostError(n, pods));
    },
  });

  // Helm runs from the repository root, so repo-relative paths work and read like the lab's commands.
  const target = { kubeconfig: relativeToRepo(opts.kube.kubeconfigPath), namespace };
  const helm = new HelmDriver({ major: opts.helmMajor, binary: opts.helmBinary, target, signal, onCommand: (r) => commands.push(r) });
  const observer = new NamespaceObserver(opts.kube, namespace);
  // While this run lives, `demo-hooks clean` elsewhere leaves its namespace alone.
  const lease = new RunLease(opts.kube, namespace);
  let lastChange: HelmCommandResult | undefined;
  // The attendee's shell after the guide's set-up (labs/setup.sh), pointed at this run's cluster.
  const shellEnv = labEnv({ helmMajor: opts.helmMajor, helmBinary: opts.helmBinary, kubectl: opts.kubectl, kubeconfig: opts.kube.kubeconfigPath, clusterValues });
  const stopWatching = new AbortController();
  const typing = new ReadAhead(
    scenario.steps.map((s) => s.types),
    (command) => runTypedCommand(command, { namespace, env: shellEnv, signal }),
  );

  // Asked while the namespace is made and the observer starts (a helm process, about 0.05 s); never rejects.
  const helmVersion = helm.version();
  const result: ScenarioRunResult = {
    scenario: { name: scenario.name, title: scenario.title, seedStep: scenario.seedStep, description: scenario.description },
    helm: { major: opts.helmMajor, version: '', binary: relativeToRepo(opts.helmBinary), ...(opts.helmVersionInNames ? { versionInNames: opts.helmVersionInNames } : {}) },
    runId,
    release,
    namespace,
    outcome: 'passed',
    startedAt: startedAt.toISOString(),
    durationMs: 0,
    deadlineSeconds,
    steps,
    commands,
    typedCommands,
    clusterValues,
    timeline: [],
    pods: [],
    jobs: [],
    events: [],
    hookLogs: [],
    observerGaps: [],
    apiOutages: [],
    namespaceFate: { kept: false, why: 'not created yet' },
  };

  let stoppedBy: RunOutcome | undefined;
  let stopReason: string | undefined;
  try {
    progress(`namespace ${namespace}`);
    await createRunNamespace(opts.kube, { name: namespace, runId, scenario: scenario.name, annotations: lease.annotations() });
    lease.start();
    await observer.start();
    const { watcher } = opts;
    if (watcher) {
      watcher.runStarted(release, namespace);
      stopWatching.signal.addEventListener('abort', observer.onChange((timeline) => watcher.timelineChanged(timeline)), { once: true });
    }

    // What byRelease expectations are resolved by: the binary's own word, asked above (0.05 s).
    const helmRelease = semverOf(await helmVersion);
    for (const [index, step] of scenario.steps.entries()) {
      const title = stepTitle(step, opts.helmMajor, helmRelease);
      if (stoppedBy) {
        steps.push({ title, outcome: 'skipped', durationMs: 0, assertions: [], commands: [] });
        opts.watcher?.stepEnded(index, steps[steps.length - 1]!);
        continue;
      }
      opts.watcher?.stepStarted(index, title);
      runningStep = title;
      const assertions: AssertionResult[] = [];
      const firstCommand = commands.length;
      const firstTyped = typedCommands.length;
      const stepStart = performance.now();
      const ctx: StepContext = {
        helm,
        helmMajor: opts.helmMajor,
        helmRelease: helmRelease ?? '',
        kube: opts.kube,
        kubectl: opts.kubectl,
        release,
        namespace,
        chart: opts.chart,
        valuesFiles: opts.valuesFiles,
        observer,
        signal,
        lastChange: () => lastChange,
        recordChange: (r) => {
          lastChange = r;
        },
        typeCommand: async (command) => {
          const typed = await typing.type(index, command);
          typedCommands.push(typed);
          return typed;
        },
        check: (a) => {
          // A step stopped by the deadline, Ctrl-C or a lost cluster judges a Helm that was killed: not Helm's doing.
          if (signal.aborted) return;
          assertions.push(a);
          progress(`  ${a.passed ? '✔' : '✘'} ${a.name}${a.passed ? '' : ` — got ${a.actual}`}`);
        },
        progress,
      };
      let error: string | undefined;
      try {
        await untilAborted(step.run(ctx), signal);
      } catch (err) {
        if (lost.aborted && !deadline.signal.aborted && !opts.interrupt.aborted) {
          stoppedBy = 'environment';
          stopReason = `${lostReason(lost)}; stopped during "${title}"`;
          error = stopReason;
        } else if (signal.aborted) {
          stoppedBy = deadline.signal.aborted ? 'timed out' : 'interrupted';
          stopReason = deadline.signal.aborted ? `cut at the ${deadlineSeconds}s deadline during "${title}"` : `interrupted during "${title}"`;
          error = stopReason;
        } else {
          stoppedBy = 'error';
          error = errorMessage(err);
          stopReason = `step "${title}" could not run: ${error}`;
        }
      }
      const stepCommands = Array.from({ length: commands.length - firstCommand }, (_, i) => firstCommand + i);
      const stepTyped = Array.from({ length: typedCommands.length - firstTyped }, (_, i) => firstTyped + i);
      steps.push({
        title,
        outcome: error ? 'error' : assertions.every((a) => a.passed) ? 'passed' : 'failed',
        durationMs: Math.round(performance.now() - stepStart),
        assertions,
        commands: stepCommands,
        ...(stepTyped.length ? { typed: stepTyped } : {}),
        ...(error ? { error } : {}),
      });
      opts.watcher?.stepEnded(index, steps[steps.length - 1]!);
    }
  } catch (err) {
    // Setting up the run failed (namespace, observer): nothing ran.
    if (lost.aborted && !deadline.signal.aborted && !opts.interrupt.aborted) {
      stoppedBy = 'environment';
      stopReason = `${lostReason(lost)}; stopped while ${runningStep === 'setting up the run' ? 'setting up the run' : `running "${runningStep}"`}`;
    } else {
      stoppedBy = signal.aborted ? (deadline.signal.aborted ? 'timed out' : 'interrupted') : 'error';
      stopReason = `setting up the run failed: ${errorMessage(err)}`;
    }
  } finally {
    clearTimeout(timer);
    await typing.settle();
  }
  result.helm.version = await helmVersion;
  // Without a cluster, every read below would wait for its own timeout; they get a short one, and
  // the report says what could not be read.
  const clusterLost = stoppedBy === 'environment';
  const afterLoss = <T>(work: Promise<T>, what: string): Promise<T> => (clusterLost ? withinMs(work, AFTER_LOSS_TIMEOUT_MS, what) : work);

  // The final state is read with a fresh time budget: a run cut at its deadline still reports what it left.
  const finalBudget = clusterLost ? AFTER_LOSS_TIMEOUT_MS : FINAL_STATE_TIMEOUT_MS;
  const finalHelm = new HelmDriver({ major: opts.helmMajor, binary: opts.helmBinary, target, signal: AbortSignal.timeout(finalBudget), onCommand: (r) => commands.push(r) });
  try {
    Object.assign(result, await afterLoss(gatherFinalState(finalHelm, opts.kube, release, namespace), 'the final state'));
  } catch (err) {
    result.historyError ??= `final state not gathered: ${errorMessage(err)}`;
  }
  stopWatching.abort();
  await afterLoss(observer.stop(), "the observer's last log reads").catch(() => undefined);
  stopHearing?.();
  stopNodeNews?.();
  result.timeline = observer.timeline();
  result.hookLogs = [...observer.hookLogs()];
  result.observerGaps = observer.gaps();
  result.apiOutages = (opts.health?.outages() ?? []).filter((o) => !o.to || o.to >= result.startedAt);

  const failed = steps.some((s) => s.outcome === 'failed');
  result.outcome = stoppedBy ?? (failed ? 'failed' : 'passed');
  if (stopReason) result.reason = stopReason;
  else if (failed) result.reason = `${steps.flatMap((s) => s.assertions).filter((a) => !a.passed).length} assertion(s) failed`;
  if (result.outcome !== 'passed') {
    result.diagnostics = await afterLoss(gatherDiagnostics(opts.kube, namespace, result, observer.errors()), 'the diagnostics').catch((err: unknown) => ({
      podLogs: [],
      warnings: [],
      observerErrors: [...observer.errors(), `diagnostics not gathered: ${errorMessage(err)}`],
    }));
  }

  await afterLoss(lease.end(), 'ending the lease').catch(() => undefined); // unrenewed, it expires within LEASE_SECONDS anyway
  const settling = performance.now();
  settleRun(result, await settleNamespace(result, opts));
  if (!result.namespaceFate.kept && !result.namespaceFate.inBackground) result.namespaceDeletionMs = Math.round(performance.now() - settling);
  result.durationMs = Math.round(Date.now() - startedAt.getTime());
  return result;
}

/** "v3.18.6" as `helm version --short` prints it; undefined for "unknown (…)". */
function semverOf(version: string): string | undefined {
  return /^v\d+\.\d+\.\d+/.test(version) ? version : undefined;
}

function lostReason(lost: AbortSignal): string {
  return lost.reason instanceof ClusterLostError || lost.reason instanceof NodeLostError ? lost.reason.message : errorMessage(lost.reason);
}

/** The wall-clock time of an ISO instant, as a live line shows it. */
function clock(iso: string): string {
  return iso.slice(11, 19);
}

/** Rejects with "<what> not read within …" if work has not settled in ms. */
function withinMs<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} not read within ${ms / 1000}s: the cluster was lost`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** Rejects as soon as the signal aborts, even if the step is stuck in a call that ignores signals. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/**
 * Passed runs clean up after themselves; a run that failed or timed out keeps its namespace so
 * someone can look at what Helm left; Ctrl-C removes it unless --keep was given.
 */
async function settleNamespace(run: ScenarioRunResult, opts: RunOptions): Promise<NamespaceFate> {
  const keepWhy = opts.keep
    ? '--keep was given'
    : run.outcome === 'passed' || run.outcome === 'interrupted'
      ? undefined
      : run.outcome === 'environment'
        ? 'the cluster stopped answering: nothing could be removed'
        : `the run ${run.outcome === 'failed' ? 'failed' : run.outcome === 'timed out' ? 'timed out' : 'hit an error'}`;
  if (keepWhy) {
    const kc = relativeToRepo(opts.kube.kubeconfigPath);
    return {
      kept: true,
      why: keepWhy,
      inspect: [
        `kubectl --kubeconfig ${kc} -n ${run.namespace} get jobs,pods,pvc,events`,
        `${run.helm.binary} --kubeconfig ${kc} -n ${run.namespace} history ${run.release}`,
        `demo-hooks clean ${run.namespace}   # deletes it once you are done`,
      ],
    };
  }
  const inBackground = opts.namespaceCleanup === 'background' && run.outcome === 'passed';
  opts.progress(`deleting namespace ${run.namespace}${inBackground ? ' in the background' : ''}`);
  try {
    await deleteNamespace(opts.kube, run.namespace);
    // Nothing waits on it here: the suite, or the next run, checks that it went.
    if (inBackground) return { kept: false, why: 'run passed: deletion started in the background', inBackground: true };
    await waitForNamespaceGone(opts.kube, run.namespace, opts.namespaceGoneTimeoutMs ?? NAMESPACE_GONE_TIMEOUT_MS);
    return { kept: false, why: run.outcome === 'interrupted' ? 'interrupted: removed' : 'run passed: removed' };
  } catch (err) {
    const leftBehind = await describeLeftovers(opts.kube, run.namespace).catch((e: unknown) => [`(what was left could not be read: ${errorMessage(e)})`]);
    return { kept: true, why: 'deleting it failed', cleanupError: errorMessage(err), leftBehind };
  }
}

