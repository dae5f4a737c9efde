// Steps that get a release stuck, and the refusals a stuck release answers with.
import { install, rollback, upgrade, type Step } from '../../harness/src/scenario/dsl.js';

/** Back to a revision whose pre-rollback hook fails: Helm passes the hook's failure up, each major in its own words. */
export function failingRollback(to: number, o: { name?: string } = {}): Step {
  return rollback({ ...o, to, expectFailure: true, errorMatches: { helm3: /BackoffLimitExceeded/, helm4: /status: Failed/ } });
}

/** Helm treats a pending-… revision as an operation in progress and refuses the upgrade. */
export function upgradeRefusedWhilePending(version: string, o: { name?: string } = {}): Step {
  return upgrade({
    ...o,
    set: { 'app.version': version },
    expectFailure: true,
    errorMatches: /another operation \(install\/upgrade\/rollback\) is in progress/,
  });
}

/**
 * `helm install` of a name whose last revision is not uninstalled (pkg/action/install.go, availableName).
 * Helm 4 dropped the hyphen from "re-use".
 */
export function installRefusedNameInUse(o: { name?: string } = {}): Step {
  return install({
    ...o,
    expectFailure: true,
    errorMatches: { helm3: /cannot re-use a name that is still in use/, helm4: /cannot reuse a name that is still in use/ },
  });
}
