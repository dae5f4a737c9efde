// `events [N]`: the harness's summary of the warning Events of hook Jobs.
import { table } from '../../../harness/src/report/style.js';
import type { BlockKind, BlockSpec } from '../kind.js';
import { normaliser } from '../normalise.js';
import { commandWindow, type LabReport } from '../report.js';

/**
 * Warning Events of hook Jobs (during command N, or the whole run): what `kubectl describe job`
 * shows about a failing hook. Normal events are left out, and so are pods' warnings: those are
 * the node's passing troubles (a slow volume mount), different on every run.
 */
function renderEvents(r: LabReport, spec: BlockSpec): string[] {
  const { from, to } = commandWindow(r, spec.args[0]);
  const hookObjects = new Set(r.timeline.filter((e) => e.hook && e.kind === 'Job').map((e) => `Job/${e.name}`));
  const norm = normaliser(r);
  const rows = r.events
    .filter((e) => e.type === 'Warning' && hookObjects.has(e.object))
    .filter((e) => {
      const at = e.at ? Date.parse(e.at) : NaN;
      return Number.isNaN(at) ? from === -Infinity : at >= from && at < to;
    })
    .map((e) => {
      const slash = e.object.indexOf('/');
      const object = `${e.object.slice(0, slash).toLowerCase()}/${norm(e.object.slice(slash + 1))}`;
      return [e.type, e.reason, object, norm(e.message).replace(/\s+/g, ' ')];
    });
  if (!rows.length) return ['(no warning events for hooks)'];
  return table(['TYPE', 'REASON', 'OBJECT', 'MESSAGE'], rows);
}

export const eventsKind: BlockKind = {
  name: 'events',
  shows: 'the warning Events of hook Jobs',
  minArgs: 0,
  maxArgs: 1,
  options: [],
  harnessSummary: () => '(harness summary: warning Events of the hook Jobs; kubectl describe job shows them with the Normal ones)',
  render: renderEvents,
};
