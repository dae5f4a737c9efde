// The guides show every release and namespace as `demo`; a run has its own name. These two
// functions are the one place that maps between them, for commands going in and output coming out.

/** What release and namespace names are in every guide. */
export const GUIDE_NAME = 'demo';

/**
 * `demo` as a release or namespace name: a whole word, but not the chart's own name
 * (`charts/demo-hooks`, `demo-hooks.dev/…`); `demo-demo-hooks-…` is the release `demo` followed
 * by the chart's name, so its first `demo` is the release's.
 */
const GUIDE_NAME_WORD = new RegExp(`(?<![\\w.-])${GUIDE_NAME}(?![\\w]|-hooks\\b|\\.)`, 'g');

/** The command a guide shows, as it runs for a release and namespace called `name`. */
export function commandForRun(guideText: string, name: string): string {
  return guideText.replace(GUIDE_NAME_WORD, name);
}
