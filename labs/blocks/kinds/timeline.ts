// `timeline [N]`: the harness's summary of the hook Jobs Helm created, saw finish and deleted
// during command N, or during the whole run, as its watch saw them.
import { table } from '../../../harness/src/report/style.js';
import type { BlockKind, BlockSpec } from '../kind.js';
import { normaliser } from '../normalise.js';
import { commandWindow, helmCommandNumber, type LabReport } from '../report.js';

const TIMELINE_WHATS = new Set(['created', 'succeeded', 'failed', 'deleted']);

/**
 * The hook Jobs Helm created, saw finish, and deleted during command N (until the next command
 * began), or during the whole run. Only Jobs: they come from one watch, in the order the API
 * server applied them, which is Helm's order. Pods come from another watch and interleave with
 * Jobs differently from run to run; the `pods` and `hook-log` blocks show them.
 */
function renderTimeline(r: LabReport, spec: BlockSpec): string[] {
  const { from, to } = commandWindow(r, spec.args[0]);
  const norm = normaliser(r);
  const rows = r.timeline
    .filter((e) => e.kind === 'Job' && e.hook && TIMELINE_WHATS.has(e.what))
    .filter((e) => {
      const at = Date.parse(e.at);
      return at >= from && at < to;
    })
    .map((e) => [e.hook ?? '', norm(e.name), e.what === 'failed' && e.reason ? `failed: ${e.reason}` : e.what]);
  if (!rows.length) return ['(no hook Job was created, finished or deleted)'];
  return table(['HOOK', 'JOB', 'WHAT'], rows);
}

export const timelineKind: BlockKind = {
  name: 'timeline',
  shows: 'the hook Jobs created, finished and deleted during the named step\'s command, or during the whole run',
  minArgs: 0,
  maxArgs: 1,
  options: [],
  harnessSummary: (r, spec) =>
    `(harness summary: hook Jobs ${spec.args[0] ? `during command ${helmCommandNumber(r, spec.args[0])}` : 'during the run'}, as the harness watched them; kubectl get jobs -n demo -w shows them live)`,
  render: renderTimeline,
};
