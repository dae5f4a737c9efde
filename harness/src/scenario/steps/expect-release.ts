// Expectations on the release itself: `helm history`, `helm status`, the last command's output.
import { assertOutput } from '../../assert/command.js';
import { assertHistory, assertReleaseStatus, type ExpectedRevision, type ExpectedStatus } from '../../assert/history.js';
import { assertion, describeMatcher, oneLine, type TextMatcher } from '../../assert/result.js';
import { forHelm, type PerHelm, type Step } from '../types.js';

/** A revision as the lab expects it; the description may be worded differently by Helm 3 and 4. */
export interface HistoryRow extends Omit<ExpectedRevision, 'description'> {
  description?: PerHelm<TextMatcher>;
}

/** The history as the lab expects it; where Helm 3 and 4 leave different histories, give both. */
export function expectHistory(perHelm: PerHelm<HistoryRow[]>): Step {
  return {
    title: (major, release) => `expect history: ${forHelm(perHelm, major, release).map((r) => `${r.revision} ${r.status}`).join(', ')}`,
    async run(ctx) {
      const rows = forHelm(perHelm, ctx.helmMajor, ctx.helmRelease);
      const { command, value } = await ctx.helm.history(ctx.release);
      const expected = rows.map(({ description, ...row }) => ({ ...row, ...(description === undefined ? {} : { description: forHelm(description, ctx.helmMajor, ctx.helmRelease) }) }));
      ctx.check(assertHistory(value?.entries, expected, command.stderr));
    },
  };
}

export function expectStatus(expected: PerHelm<ExpectedStatus>): Step {
  return {
    title: (major, release) => `expect release status ${forHelm(expected, major, release).status}`,
    async run(ctx) {
      const { command, value } = await ctx.helm.status(ctx.release);
      ctx.check(assertReleaseStatus(value, forHelm(expected, ctx.helmMajor, ctx.helmRelease), command.stderr));
    },
  };
}

/** After an uninstall without --keep-history Helm no longer knows the release. */
export function expectReleaseGone(): Step {
  return {
    title: 'expect helm to know no such release',
    async run(ctx) {
      const { command } = await ctx.helm.status(ctx.release);
      const gone = command.exitCode !== 0 && /not found/i.test(command.stderr);
      ctx.check(assertion('release is gone', gone, 'helm status: release not found', command.exitCode === 0 ? 'release still exists' : oneLine(command.stderr)));
    },
  };
}

/** Standard output of the latest install/upgrade/rollback/uninstall. */
export function expectOutput(m: PerHelm<TextMatcher>): Step {
  return {
    title: (major, release) => `expect helm output to show ${describeMatcher(forHelm(m, major, release))}`,
    async run(ctx) {
      const last = ctx.lastChange();
      if (!last) throw new Error('expectOutput needs a Helm command before it');
      ctx.check(assertOutput(last, 'stdout', forHelm(m, ctx.helmMajor, ctx.helmRelease)));
    },
  };
}
