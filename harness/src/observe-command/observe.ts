// `demo-hooks observe -- helm …`: runs a user's own Helm command unchanged while the observer
// watches the release's namespace, then writes the same reports a scenario run writes.
// Nothing here knows the demo-hooks chart: hooks are whatever carries `helm.sh/hook`.
import { assertion } from '../assert/result.js';
import { commandLine } from '../assert/command.js';
import { HelmDriver } from '../helm/driver.js';
import { runHelm } from '../helm/run.js';
import type { HelmCommandResult, HelmMajor, HelmTarget } from '../helm/types.js';
import type { Kube } from '../kube/client.js';
import { NamespaceObserver } from '../observe/observer.js';
import type { TimelineEntry } from '../observe/timeline.js';
import { OBSERVE_MARK, type RunOutcome, type ScenarioRunResult } from '../report/model.js';
import type { Style } from '../report/style.js';
import { gatherFinalState } from '../scenario/final-state.js';
import { shortId } from '../scenario/names.js';
import { liveEventPrinter } from '../observe/live-events.js';
import { shownText } from '../report/cluster-text.js';
import { releaseFromHelmOutput, type HelmInvocation } from './helm-invocation.js';
import { helmReleaseNames, newRelease } from './release-records.js';

const FINAL_STATE_TIMEOUT_MS = 60_000;
const CATCH_UP_TIMEOUT_MS = 30_000;
/** Long enough for a Job's default six retries to run out after Helm gave up. */
export const KEEP_GOING_DEADLINE_MS = 300_000;

export interface ObserveOptions {
  helmBinary: string;
  helmMajor: HelmMajor;
  helmVersion: string;
  /** Helm's arguments after the binary, passed unchanged. */
  helmArgs: string[];
  invocation: HelmInvocation;
  release?: string;
  namespace: string;
  kube: Kube;
  /** Where the user's reads of history and status point: the same kubeconfig and context as their command. */
  target: HelmTarget;
  cwd: string;
  keepGoing: boolean;
  interrupt: AbortSignal;
  print: (line: string) => void;
  style: Style;
}

export async function observeHelmCommand(opts: ObserveOptions): Promise<{ run: ScenarioRunResult; helmExit: number }> {
  const startedAt = new Date();
  const commands: HelmCommandResult[] = [];
  const record = (r: HelmCommandResult) => commands.push(r);
  const driver = (signal: AbortSignal) =>
    new HelmDriver({ major: opts.helmMajor, binary: opts.helmBinary, target: opts.target, signal, cwd: opts.cwd, onCommand: record });

  const observer = new NamespaceObserver(opts.kube, opts.namespace, undefined, { instantHooks: true });
  // What the command starts from is read while the watches start: nothing changes the release until
  // Helm runs, and each read is a process of its own (about 0.1 s), so together they cost the longest.
  const before = driver(AbortSignal.any([opts.interrupt, AbortSignal.timeout(FINAL_STATE_TIMEOUT_MS)]));
  const [, releasesBefore, history, status] = await Promise.all([
    observer.start(),
    // With --generate-name, Helm prints the name it picked only on success; its release record names it either way.
    opts.release ? undefined : helmReleaseNames(opts.kube, opts.namespace).catch(() => undefined),
    // History and status before (a first install has none).
    opts.release ? before.history(opts.release) : undefined,
    opts.release ? before.status(opts.release) : undefined,
  ]);
  // In a fixed order in the report, whichever ended first.
  commands.splice(0, commands.length, ...[history?.command, status?.command].filter((c): c is HelmCommandResult => c !== undefined));
  const stopPrinting = observer.onChange(liveEventPrinter(startedAt.getTime(), opts.print, opts.style));

  opts.print(opts.style.bold(`$ ${commandLine({ args: opts.helmArgs, helmMajor: opts.helmMajor })}`));
  const helmIndex = commands.length;
  const helmResult = await runHelm(opts.helmBinary, opts.helmMajor, opts.helmArgs, { signal: opts.interrupt, cwd: opts.cwd });
  commands.push(helmResult);
  // Helm's output carries the chart's NOTES and the hooks' errors: the user's chart speaks, visibly.
  if (helmResult.stdout.trim()) opts.print(shownText(helmResult.stdout.trimEnd()));
  if (helmResult.stderr.trim()) opts.print(opts.style.bad(shownText(helmResult.stderr.trimEnd())));
  opts.print(opts.style.dim(`helm exited ${helmResult.killedBecause ? `(killed: ${helmResult.killedBecause})` : helmResult.exitCode}`));

  const release =
    opts.release ??
    releaseFromHelmOutput(helmResult.stdout) ??
    (releasesBefore ? newRelease(releasesBefore, await helmReleaseNames(opts.kube, opts.namespace).catch(() => new Set<string>())) : undefined);
  if (opts.keepGoing && !opts.interrupt.aborted) {
    opts.print(opts.style.dim('--keep-going: watching until every hook Job and Pod has ended or is gone (Ctrl-C stops)'));
    const ended = await observer.waitUntil(allHooksEnded, KEEP_GOING_DEADLINE_MS, opts.interrupt);
    if (!ended && !opts.interrupt.aborted) {
      opts.print(opts.style.warn(`--keep-going: after ${KEEP_GOING_DEADLINE_MS / 1000} s still running: ${openHooks(observer.timeline()).join(', ')}; the report shows them running`));
    }
  } else {
    // Helm and the observer watch the same API server; give the last change a moment to arrive.
    await observer.waitUntil(allHooksEnded, 5_000, opts.interrupt);
  }
  // Everything up to now delivered, or the gap is in the report (observerGaps).
  await observer.catchUp(CATCH_UP_TIMEOUT_MS);

  const finalReads = driver(AbortSignal.timeout(FINAL_STATE_TIMEOUT_MS));
  const finalState = release
    ? await gatherFinalState(finalReads, opts.kube, release, opts.namespace)
    : { historyError: 'Helm printed no release name', statusError: 'Helm printed no release name', pods: [], jobs: [], events: [] };
  await observer.stop();
  stopPrinting();

  const timeline = observer.timeline();
  const hookLogs = [...observer.hookLogs()];
  const interrupted = opts.interrupt.aborted;
  const outcome: RunOutcome = interrupted ? 'interrupted' : helmResult.exitCode === 0 ? 'passed' : 'failed';
  const title = commandLine(helmResult);
  const exitAssertion = assertion(
    `helm ${opts.invocation.verb} exits 0`,
    helmResult.exitCode === 0 && !helmResult.killedBecause,
    'exit code 0',
    helmResult.killedBecause ? `killed: ${helmResult.killedBecause}` : `exit code ${helmResult.exitCode}`,
    helmResult.exitCode === 0 ? undefined : failureDetail(helmResult, timeline),
  );
  const run: ScenarioRunResult = {
    scenario: {
      name: `observe-${release ?? 'unnamed'}`,
      title,
      seedStep: OBSERVE_MARK,
      description: `Observed with demo-hooks observe: release ${release ?? '(not known)'} in namespace ${opts.namespace}.`,
    },
    helm: { major: opts.helmMajor, version: opts.helmVersion, binary: opts.helmBinary },
    runId: shortId(),
    release: release ?? '',
    typedCommands: [],
    namespace: opts.namespace,
    outcome,
    ...(outcome === 'passed' ? {} : { reason: interrupted ? 'interrupted: Helm was stopped' : `Helm exited ${helmResult.exitCode}` }),
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    deadlineSeconds: 0,
    steps: [
      {
        title,
        outcome: interrupted ? 'error' : exitAssertion.passed ? 'passed' : 'failed',
        durationMs: helmResult.durationMs,
        assertions: [exitAssertion],
        commands: [helmIndex],
        ...(interrupted ? { error: 'interrupted: Helm was stopped' } : {}),
      },
    ],
    commands,
    ...finalState,
    timeline,
    hookLogs,
    observerGaps: observer.gaps(),
    apiOutages: [],
    diagnostics: { podLogs: [], warnings: (finalState.events ?? []).filter((e) => e.type === 'Warning'), observerErrors: [...observer.errors()] },
    namespaceFate: { kept: true, why: 'observe never deletes anything: the namespace and release are yours' },
  };
  return { run, helmExit: interrupted ? 130 : helmResult.exitCode };
}

/** Every hook Job and Pod seen has succeeded, failed or been deleted. */
function allHooksEnded(timeline: readonly TimelineEntry[]): boolean {
  return openHooks(timeline).length === 0;
}

/** The hook Jobs and Pods that were created and have neither ended nor gone, as `Kind/name`. */
function openHooks(timeline: readonly TimelineEntry[]): string[] {
  const open = new Set<string>();
  for (const e of timeline) {
    if (!e.hook || (e.kind !== 'Job' && e.kind !== 'Pod')) continue;
    const key = `${e.kind}/${e.name}`;
    if (e.what === 'created') open.add(key);
    if (e.what === 'succeeded' || e.what === 'failed' || e.what === 'deleted') open.delete(key);
  }
  return [...open];
}

/**
 * What CI shows for a failed command: Helm's error and why each hook failed. The failed hooks' logs
 * are not copied in: the report holds each log once (hookLogs, and whole in its file), and the
 * terminal and JUnit show their ends from there.
 */
function failureDetail(helm: HelmCommandResult, timeline: readonly TimelineEntry[]): string {
  const parts = [`Helm's error:\n${helm.stderr.trim() || '(none)'}`];
  const failures = timeline.filter((e) => e.hook && (e.what === 'failed' || (e.kind === 'Event' && e.warning)));
  if (failures.length) {
    parts.push(
      `Hooks:\n${failures.map((e) => `  ${e.kind === 'Event' ? `${e.involvedKind} ${e.name}: Warning ${e.reason}` : `${e.kind} ${e.name} failed`}${e.exitCode === undefined ? '' : ` exit ${e.exitCode}`}${e.kind !== 'Event' && e.reason ? ` ${e.reason}` : ''}${e.message ? `: ${e.message}` : ''}`).join('\n')}`,
    );
  }
  return parts.join('\n\n');
}
