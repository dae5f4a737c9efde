// The guide's own commands (`kubectl get pods -n demo`, `helm history demo -n demo`, …), typed
// at the step where the guide shows them. The report keeps what they printed: the guide's block
// under each command is that recording (labs/README.md).
import { assertion, oneLine, type TextMatcher, containsText, describeMatcher } from '../../assert/result.js';
import type { Step } from '../types.js';

export interface TypedStepOptions {
  /** What the guides' markers call this step, e.g. `shell pods-after-the-failure` (Step.name). */
  name?: string;
  /** The exit code the guide shows; 0 unless the command fails on purpose (`kubectl logs` of a deleted pod). */
  exitCode?: number;
  /** Something the command must print (stdout), as the guide's text says it does. */
  outputMatches?: TextMatcher;
}

/** The attendee types `command` exactly as the guide shows it (with `demo` for the release and namespace). */
export function attendeeTypes(command: string, o: TypedStepOptions = {}): Step {
  const wanted = o.exitCode ?? 0;
  return {
    title: `$ ${command}`,
    types: command,
    ...(o.name ? { name: o.name } : {}),
    records: { typed: 1 },
    async run(ctx) {
      const r = await ctx.typeCommand(command);
      const actual = r.killedBecause ? `killed: ${r.killedBecause}` : r.exitCode === wanted ? `exit code ${r.exitCode}` : `exit code ${r.exitCode}: ${oneLine(r.stderr || r.stdout, 400)}`;
      ctx.check(assertion(`${command} exits ${wanted}`, !r.killedBecause && r.exitCode === wanted, `exit code ${wanted}`, actual));
      if (o.outputMatches !== undefined) {
        ctx.check(assertion(`${command} prints ${describeMatcher(o.outputMatches)}`, containsText(o.outputMatches, r.stdout), describeMatcher(o.outputMatches), r.stdout ? oneLine(r.stdout, 600) : '(empty)'));
      }
    },
  };
}
