// `took N`: one line of prose under a long command: how long command N took in the recorded runs
// and which hooks Helm waited for meanwhile, from the reports' timings. A guide carries one under
// every command that ran longer than LONG_COMMAND_MS (test/unit/labs/guides.test.ts). The hooks
// come from the harness's own timings (harness/src/report/timings.ts), as in the report.
import { hookJobTimings } from '../../../harness/src/report/timings.js';
import type { BlockKind } from '../kind.js';
import { actionCommand, helmCommandNumber, type LabReport } from '../report.js';

/** A command silent this long gets a note: the attendee would otherwise think it hangs. */
export const LONG_COMMAND_MS = 10_000;

/** The hooks whose Jobs Helm created while command N ran, as the report's timings count them. */
function hooksDuring(r: LabReport, n: number): string[] {
  const c = actionCommand(r, n);
  const start = Date.parse(c.startedAt);
  return [...new Set(hookJobTimings(r.timeline, { start, end: start + c.durationMs }).map((h) => h.hook))];
}

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;
const list = (words: string[]) => (words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`);

export const tookKind: BlockKind = {
  name: 'took',
  shows: 'a line of prose: how long the named step\'s command took in the recorded runs, and the hooks Helm waited for meanwhile',
  minArgs: 1,
  maxArgs: 1,
  options: [],
  varies: 'durations differ on every run',
  renderProse(reports, spec) {
    const ref = spec.args[0] ?? '';
    const times = reports.map((r) => `${seconds(actionCommand(r, helmCommandNumber(r, ref)).durationMs)} on Helm ${r.helm.major}`);
    const hooks = [...new Set(reports.flatMap((r) => hooksDuring(r, helmCommandNumber(r, ref))))];
    const named = list(hooks.map((h) => `\`${h}\``));
    const why = hooks.length > 1 ? `Helm waited for the hook Jobs ${named}, one after the other` : hooks.length ? `Helm waited for the hook Job ${named}` : 'no hook Job ran meanwhile';
    return `*This command took ${list(times)} in the recorded run${reports.length > 1 ? 's' : ''}, with nothing on screen until it ended: ${why}.*`;
  },
};
