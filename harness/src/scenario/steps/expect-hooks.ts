// Expectations on hooks: their Jobs as they are now, and what they did during the last Helm command.
import { assertHookCreatedAroundPodGone, assertHookDidNotRun, assertHookDuration, assertHookOrder, assertHookRan, assertNoHookRan, hookRunSettled, type HookDurationExpectation, type HookRunExpectation } from '../../assert/hooks.js';
import { unprovable, type AssertionResult } from '../../assert/result.js';
import { assertJob, describeJobExpectation, type HookJobFacts, type JobExpectation } from '../../assert/jobs.js';
import { label, selector } from '../../kube/labels.js';
import { readPodLog } from '../../kube/logs.js';
import { jobSummaries, podSummaries } from '../../kube/resources.js';
import { waitFor, WaitTimeoutError } from '../../kube/wait.js';
import { blindness } from '../../observe/gaps.js';
import type { TimelineEntry } from '../../observe/timeline.js';
import { forHelm, type PerHelm, type Step, type StepContext } from '../types.js';
import type { HookName } from '../hooks.js';

/**
 * Kubernetes finishes some changes after Helm returns (a Job's final Failed condition, the
 * deletion of a hook Job), so Job expectations are given this long to come true.
 */
const SETTLE_MS = 30_000;
/** How long the observer has to deliver every change up to the moment an assertion judges. */
const CATCH_UP_MS = 30_000;

async function hookJobFacts(ctx: StepContext, hook: string, wantLog: boolean): Promise<HookJobFacts> {
  await ctx.observer.settle();
  const sel = selector.hook(ctx.release, hook);
  const [jobs, pods] = await Promise.all([jobSummaries(ctx.kube, ctx.namespace, sel), podSummaries(ctx.kube, ctx.namespace, sel)]);
  let logs = ctx.observer.hookLogs().filter((l) => l.hook === hook && l.log);
  const newestPod = [...pods].sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''))[0];
  if (wantLog && logs.length === 0 && newestPod) {
    // The observer saves logs when a container terminates; a still-running hook's log is read live.
    const log = await readPodLog(ctx.kube, ctx.namespace, newestPod.name).catch(() => '');
    logs = [{ hook, pod: newestPod.name, container: '', terminatedAt: new Date().toISOString(), log }];
  }
  return { hook, jobs, pods, logs };
}

/** The hook's Jobs as they are now; where Helm 3 and 4 leave different Jobs, give both. */
export function expectJob(hook: HookName, perHelm: PerHelm<JobExpectation> = {}): Step {
  return {
    title: (major, release) => `expect ${describeJobExpectation(hook, forHelm(perHelm, major, release))}`,
    async run(ctx) {
      const expectation = forHelm(perHelm, ctx.helmMajor, ctx.helmRelease);
      const wantLog = expectation.logIncludes !== undefined;
      let facts: HookJobFacts | undefined;
      try {
        await waitFor(ctx.kube, {
          waitingFor: `job ${hook} to match`,
          // The observer holds the namespace's Jobs and Pods: each change it sees is worth a look.
          triggers: ctx.observer,
          timeoutMs: SETTLE_MS,
          signal: ctx.signal,
          check: async () => {
            facts = await hookJobFacts(ctx, hook, wantLog);
            return assertJob(facts, expectation).passed ? { done: true, value: undefined } : { done: false };
          },
        });
      } catch (err) {
        if (!(err instanceof WaitTimeoutError)) throw err;
      }
      ctx.check(assertJob(facts ?? (await hookJobFacts(ctx, hook, wantLog)), expectation));
    },
  };
}

function sinceLastChange(ctx: StepContext, timeline: TimelineEntry[]): TimelineEntry[] {
  const from = ctx.lastChange()?.startedAt;
  return from ? timeline.filter((e) => e.at >= from) : timeline;
}

/**
 * Judges what the observer saw since the latest Helm change started: first it catches up with
 * the cluster (so a Job created just before Helm returned is in), then an assertion about an
 * interval the observer was blind in is refused, whatever the timeline says.
 */
async function judgeObserved(ctx: StepContext, judge: (entries: TimelineEntry[]) => AssertionResult[]): Promise<void> {
  const from = ctx.lastChange()?.startedAt ?? new Date(0).toISOString();
  const caught = await ctx.observer.catchUp(CATCH_UP_MS, ctx.signal);
  const to = new Date().toISOString();
  for (const result of judge(sinceLastChange(ctx, ctx.observer.timeline()))) {
    const blind = blindness(ctx.observer.hookGaps(), from, to, result.name);
    ctx.check(blind ? unprovable(result, blind) : caught.ok ? result : unprovable(result, `${caught.reason}: cannot prove ${result.name}`));
  }
}

/** The hook ran during the latest Helm command (seen by the observer, even if its Job is gone now). */
export function expectHookRan(hook: HookName, expectation: HookRunExpectation = {}): Step {
  return {
    title: `expect hook ${hook} to have run${expectation.outcome ? ` and ${expectation.outcome}` : ''}`,
    async run(ctx) {
      await ctx.observer.waitUntil((t) => hookRunSettled(sinceLastChange(ctx, t), hook, expectation), SETTLE_MS, ctx.signal);
      await judgeObserved(ctx, (entries) => [assertHookRan(entries, hook, expectation)]);
    },
  };
}

export function expectHooksRan(hooks: HookName[], expectation: HookRunExpectation = {}): Step {
  return {
    title: `expect hooks ${hooks.join(', ')} to have run${expectation.outcome ? ` and ${expectation.outcome}` : ''}`,
    async run(ctx) {
      await ctx.observer.waitUntil((t) => hooks.every((h) => hookRunSettled(sinceLastChange(ctx, t), h, expectation)), SETTLE_MS, ctx.signal);
      await judgeObserved(ctx, (entries) => hooks.map((h) => assertHookRan(entries, h, expectation)));
    },
  };
}

export function expectHookDidNotRun(hook: HookName): Step {
  return {
    title: `expect hook ${hook} not to have run`,
    async run(ctx) {
      await judgeObserved(ctx, (entries) => [assertHookDidNotRun(entries, hook)]);
    },
  };
}

export function expectNoHookRan(): Step {
  return {
    title: 'expect no hook to have run',
    async run(ctx) {
      await judgeObserved(ctx, (entries) => [assertNoHookRan(entries)]);
    },
  };
}

/** Helm runs the hooks of one event one after another, lowest weight first. */
export function expectHooksInOrder(hooks: HookName[]): Step {
  return {
    title: `expect hooks to start in order ${hooks.join(' → ')}`,
    async run(ctx) {
      await judgeObserved(ctx, (entries) => [assertHookOrder(entries, hooks)]);
    },
  };
}

/** Names of the release's pods of one component (web, database) that the observer saw, as one pattern. */
function componentPods(ctx: StepContext, component: string): RegExp {
  const names = new Set(
    ctx.observer
      .rawEvents()
      .filter((e) => e.kind === 'Pod')
      .map((e) => e.object.metadata)
      .filter((m) => m?.labels?.[label.instance] === ctx.release && m.labels[label.component] === component)
      .map((m) => m?.name ?? ''),
  );
  return new RegExp(`^(${[...names].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|') || '(?!)'})$`);
}

function hookCreatedAroundPodGone(hook: HookName, component: string, order: 'before' | 'after'): Step {
  const podLabel = `the ${component} pod`;
  return {
    title: `expect hook ${hook} to start ${order} ${podLabel} is gone`,
    async run(ctx) {
      const gone = (t: TimelineEntry[]) => t.some((e) => e.kind === 'Pod' && componentPods(ctx, component).test(e.name) && e.what === 'deleted');
      await ctx.observer.waitUntil((t) => gone(sinceLastChange(ctx, t)), 120_000, ctx.signal);
      await judgeObserved(ctx, (entries) => [assertHookCreatedAroundPodGone(entries, hook, componentPods(ctx, component), podLabel, order)]);
    },
  };
}

/**
 * The hook's Job was created while a pod of the release (by its app.kubernetes.io/component) still
 * existed: post-delete hooks start right after Helm asks for the deletion, not after the objects are
 * gone. Waits for the pod to go.
 */
export function expectHookCreatedBeforePodGone(hook: HookName, component: string): Step {
  return hookCreatedAroundPodGone(hook, component, 'before');
}

/** The opposite: the hook's Job was created only once the component's pods were gone (Helm waited for them). */
export function expectHookCreatedAfterPodGone(hook: HookName, component: string): Step {
  return hookCreatedAroundPodGone(hook, component, 'after');
}

/**
 * How long the hook's Job took from created to finished, as the observer saw it (both ends must be
 * in an interval the observer watched without a gap). Waits for the Job to finish.
 */
export function expectHookDuration(hook: HookName, expectation: HookDurationExpectation): Step {
  return {
    title: `expect hook ${hook} to have ${expectation.outcome} ${expectation.atLeastSeconds}–${expectation.atMostSeconds} s after its Job was created`,
    async run(ctx) {
      await ctx.observer.waitUntil((t) => hookRunSettled(sinceLastChange(ctx, t), hook, { outcome: expectation.outcome }), SETTLE_MS, ctx.signal);
      await judgeObserved(ctx, (entries) => [assertHookDuration(entries, hook, expectation)]);
    },
  };
}
