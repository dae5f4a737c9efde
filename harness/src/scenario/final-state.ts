// What a run leaves behind, gathered by the runner after the last step — never by scenarios.
// On failure it adds diagnostics: logs of pods that are not ready and the Warning events.
import type { HelmDriver } from '../helm/driver.js';
import type { Kube } from '../kube/client.js';
import { readPodLog } from '../kube/logs.js';
import { eventSummaries, jobSummaries, podSummaries } from '../kube/resources.js';
import type { Diagnostics, ScenarioRunResult } from '../report/model.js';
import { errorMessage } from '../util/errors.js';

type FinalState = Pick<ScenarioRunResult, 'history' | 'historyError' | 'status' | 'statusError' | 'pods' | 'jobs' | 'events'>;

export async function gatherFinalState(helm: HelmDriver, kube: Kube, release: string, namespace: string): Promise<FinalState> {
  const [history, status, pods, jobs, events] = await Promise.all([
    helm.history(release),
    helm.status(release),
    podSummaries(kube, namespace).catch(() => []),
    jobSummaries(kube, namespace).catch(() => []),
    eventSummaries(kube, namespace).catch(() => []),
  ]);
  return {
    ...(history.value ? { history: history.value } : { historyError: history.command.stderr.trim() }),
    ...(status.value ? { status: status.value } : { statusError: status.command.stderr.trim() }),
    pods,
    jobs,
    events,
  };
}

export async function gatherDiagnostics(kube: Kube, namespace: string, state: FinalState, observerErrors: readonly string[]): Promise<Diagnostics> {
  const suspicious = (state.pods ?? []).filter((p) => !p.hook && !p.ready && p.phase !== 'Succeeded');
  const podLogs = await Promise.all(
    suspicious.flatMap((p) =>
      p.containers.map(async (c) => ({
        pod: p.name,
        container: c.name,
        log: await readPodLog(kube, namespace, p.name, c.name, 50).catch((err: unknown) => `(log not readable: ${errorMessage(err)})`),
      })),
    ),
  );
  return { podLogs, warnings: (state.events ?? []).filter((e) => e.type === 'Warning'), observerErrors: [...observerErrors] };
}
