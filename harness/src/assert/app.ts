// Which version of the app is actually serving: read from the running pods' version label,
// because the release history says what Helm intended, not what runs.
import type { PodSummary } from '../kube/summaries.js';
import { assertion, type AssertionResult } from './result.js';

/** Settled on a version: at least one ready pod runs it and no live pod runs another. */
export function appRunsVersion(pods: readonly PodSummary[], version: string): boolean {
  const live = pods.filter((p) => !p.terminating && p.phase !== 'Succeeded' && p.phase !== 'Failed');
  return live.some((p) => p.ready && p.appVersion === version) && live.every((p) => p.appVersion === version);
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
