// `pods [only=hooks]`: the harness's summary of the pods at the end of the run, with each hook
// pod's hook and exit code; `kubectl get pods` (a `shell` block) is what an attendee sees.
import { table } from '../../../harness/src/report/style.js';
import type { BlockKind, BlockSpec } from '../kind.js';
import { FULLNAME, normaliser } from '../normalise.js';
import { BlockError, type LabReport } from '../report.js';

/** Pods that still exist for good: terminating ones come and go with the timing of each run. */
function renderPods(r: LabReport, spec: BlockSpec): string[] {
  const only = spec.options.only;
  if (only !== undefined && only !== 'hooks') throw new BlockError(`only=${only}: the only filter is only=hooks`);
  const norm = normaliser(r);
  const pods = r.pods
    .filter((p) => !p.terminating)
    .map((p) => ({ ...p, name: norm(p.name) }))
    .filter((p) => p.name.startsWith(`${FULLNAME}-`))
    .filter((p) => only !== 'hooks' || p.hook)
    .sort((a, b) => a.name.localeCompare(b.name));
  if (!pods.length) return ['(no pods)'];
  const exit = (p: LabReport['pods'][number]) => (p.exitCode === undefined ? '-' : String(p.exitCode));
  if (only === 'hooks') return table(['NAME', 'HOOK', 'PHASE', 'EXIT CODE'], pods.map((p) => [p.name, p.hook ?? '-', p.phase, exit(p)]));
  return table(
    ['NAME', 'HOOK', 'PHASE', 'EXIT CODE', 'APP VERSION'],
    pods.map((p) => [p.name, p.hook ?? '-', p.phase, exit(p), p.appVersion ?? '-']),
  );
}

export const podsKind: BlockKind = {
  name: 'pods',
  shows: 'the pods at the end',
  minArgs: 0,
  maxArgs: 0,
  options: ['only'],
  harnessSummary: () => '(harness summary: the pods at the end of the run, not kubectl output)',
  render: renderPods,
};
