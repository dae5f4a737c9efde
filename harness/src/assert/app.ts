// Which version of the app is actually serving: read from the running pods' version label,
// because the release history says what Helm intended, not what runs.
import type { PodSummary } from '../kube/summaries.js';
import { assertion, type AssertionResult } from './result.js';

/** Settled on a version: at least one ready pod runs it and no live pod runs another. */
export function appRunsVersion(pods: readonly PodSummary[], version: string): boolean {
  const live = pods.filter((p) => !p.terminating && p.phase !== 'Succeeded' && p.phase !== 'Failed');
  return live.some((p) => p.ready && p.appVersion === version) && live.every((p) => p.appVersion === version);
}

/** What the Service sends traffic to: at least one ready pod, and every ready pod runs this version. */
export function appServesVersion(pods: readonly PodSummary[], version: string): boolean {
  const ready = pods.filter((p) => !p.terminating && p.ready);
  return ready.length > 0 && ready.every((p) => p.appVersion === version);
}

export function describeAppPods(pods: readonly PodSummary[]): string {
  const live = pods.filter((p) => !p.terminating);
  if (live.length === 0) return 'no app pods';
  return live.map((p) => `${p.name}: ${p.appVersion ?? '?'} (${p.ready ? 'ready' : `${p.phase.toLowerCase()}, not ready`})`).join('; ');
}

export function assertAppVersion(pods: readonly PodSummary[], version: string): AssertionResult {
  const passed = appRunsVersion(pods, version);
  return assertion(`app runs ${version}`, passed, `ready pods run ${version}, no other version`, describeAppPods(pods));
}

export function assertAppServes(pods: readonly PodSummary[], version: string): AssertionResult {
  return assertion(`app serves ${version}`, appServesVersion(pods, version), `every ready pod runs ${version}`, describeAppPods(pods));
}

/** A live pod of this version that is not ready because an init container failed (Init:Error, Init:CrashLoopBackOff). */
export function stuckInInit(pods: readonly PodSummary[], version: string): boolean {
  return pods.some(
    (p) => !p.terminating && !p.ready && p.appVersion === version && (p.initContainers ?? []).some((c) => c.exitCode !== undefined && c.exitCode !== 0),
  );
}

export function assertStuckInInit(pods: readonly PodSummary[], version: string): AssertionResult {
  const describe = (p: PodSummary) =>
    `${p.name}: ${p.appVersion ?? '?'} ${p.ready ? 'ready' : 'not ready'}${(p.initContainers ?? []).map((c) => `, init ${c.name} ${c.reason ?? c.state}${c.exitCode === undefined ? '' : ` exit ${c.exitCode}`}, ${c.restarts} restart(s)`).join('')}`;
  return assertion(
    `a ${version} app pod is stuck in its init container`,
    stuckInInit(pods, version),
    `a pod running ${version}, not ready, with a failed init container`,
    pods.filter((p) => !p.terminating).map(describe).join('; ') || 'no app pods',
  );
}
