// `jobs`: the harness's summary of the hook Jobs at the end of the run.
import { table } from '../../../harness/src/report/style.js';
import type { BlockKind } from '../kind.js';
import { normaliser } from '../normalise.js';
import type { LabReport } from '../report.js';

function renderJobs(r: LabReport): string[] {
  const norm = normaliser(r);
  const jobs = r.jobs.map((j) => ({ ...j, name: norm(j.name) })).sort((a, b) => a.name.localeCompare(b.name));
  if (!jobs.length) return ['(no jobs)'];
  return table(['NAME', 'HOOK', 'STATE', 'REASON'], jobs.map((j) => [j.name, j.hook ?? '-', j.state, j.reason ?? '']));
}

export const jobsKind: BlockKind = {
  name: 'jobs',
  shows: 'the hook Jobs at the end',
  minArgs: 0,
  maxArgs: 0,
  options: [],
  harnessSummary: () => '(harness summary: the hook Jobs at the end of the run, not kubectl output)',
  render: (r) => renderJobs(r),
};
