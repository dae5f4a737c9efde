// The two steps that get a release stuck, shared by rollback-hooks and pending-rollback.
import { rollback, upgrade, type Step } from '../../harness/src/scenario/dsl.js';

/** Back to a revision whose pre-rollback hook fails: Helm passes the hook's failure up, each major in its own words. */
export function failingRollback(to: number): Step {
  return rollback({ to, expectFailure: true, errorMatches: { helm3: /BackoffLimitExceeded/, helm4: /status: Failed/ } });
}

/** Helm treats a pending-… revision as an operation in progress and refuses the upgrade. */
export function upgradeRefusedWhilePending(version: string): Step {
  return upgrade({
    set: { 'app.version': version },
    expectFailure: true,
    errorMatches: /another operation \(install\/upgrade\/rollback\) is in progress/,
  });
}
