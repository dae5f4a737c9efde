// What timeout and backoff-limit share: Helm stops waiting for a pre-upgrade hook that has not finished.
import { expectAppVersion, expectHistory, expectJob, type PerHelm, type Step } from '../../harness/src/scenario/dsl.js';

/** Helm 3's poller and Helm 4's kstatus watcher report the timeout in their own words. */
export const helmTimedOut: PerHelm<RegExp> = { helm3: /timed out waiting for the condition/, helm4: /context deadline exceeded/ };

/** Revision 2 failed, the migration Job is still going after Helm has exited, the app is untouched. */
export function migrationOutlivedHelm(): Step[] {
  return [
    expectHistory([
      { revision: 1, status: 'deployed' },
      { revision: 2, status: 'failed', description: /pre-upgrade hooks failed/ },
    ]),
    // Neither failed nor complete: still running (or retrying).
    expectJob('migration', { running: true }),
    expectAppVersion('1.0.0'),
  ];
}
