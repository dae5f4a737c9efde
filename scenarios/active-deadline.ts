import { defineScenario, expectAppVersion, expectHistory, expectHookDuration, expectHookRan, expectJob, install, upgrade } from '../harness/src/scenario/dsl.js';

/** The migration's deadline in this scenario, and the hook pods' grace period (hookDefaults.terminationGracePeriodSeconds). */
const deadline = 10;
const grace = 30;
/**
 * The bounds are read on the observer's clock, which sees each change a moment late: a second of
 * leeway below the deadline (Kubernetes never fails the Job sooner), ten above deadline + grace for
 * the Job controller's syncs on a loaded cluster.
 */
const early = 1;
const late = 10;

export default defineScenario({
  name: 'active-deadline',
  title: "A hook Job's activeDeadlineSeconds stops a hung hook, and Helm reports the failure once the pod is gone",
  seedStep: '003 "Best Practices: use timeouts for long-running hooks"',
  description:
    `The migration hangs (sleeps 120 s) with activeDeadlineSeconds ${deadline} on its Job. At the deadline the Job controller ` +
    `deletes the pod (SIGTERM, then ${grace} s of grace before SIGKILL) and marks the Job Failed, reason DeadlineExceeded, ` +
    'only once the pod is gone, so between the deadline and deadline + grace after Helm created it. The hook script ' +
    'traps SIGTERM and exits 143 (SIGKILL would show 137); Helm, inside its own --timeout, reports the failure (Helm 3 with the reason, ' +
    'Helm 4 without) and marks revision 2 failed. Unlike a --timeout (scenario timeout), nothing is left running.',
  deadlineSeconds: 240,
  steps: [
    install({ name: 'install', values: 'labs/values/quick-install.yaml' }),
    upgrade({
      name: 'deadline-stops-migration',
      set: { 'app.version': '2.0.0', 'hooks.migration.sleepSeconds': 120, 'hooks.migration.activeDeadlineSeconds': deadline },
      timeout: '2m',
      expectFailure: true,
      // Helm 3 passes on the Job's reason; Helm 4 only says that the Job failed.
      errorMatches: { helm3: /job \S+-db-migration failed: DeadlineExceeded/, helm4: /not ready\. status: Failed, message: Job Failed\. failed: 1\/1/ },
    }),
    expectHistory([
      { revision: 1, status: 'deployed' },
      { revision: 2, status: 'failed', description: /pre-upgrade hooks failed/ },
    ]),
    expectJob('migration', { failed: true, reason: 'DeadlineExceeded' }),
    // Never before the deadline; never later than deadline + grace (a shell that ignored SIGTERM would take all of it).
    expectHookDuration('migration', { outcome: 'failed', atLeastSeconds: deadline - early, atMostSeconds: deadline + grace + late }),
    // 143 = 128 + SIGTERM: the script's trap ended it. SIGKILL at the end of the grace period would show 137.
    expectHookRan('migration', { outcome: 'failed', exitCode: 143 }),
    expectAppVersion('1.0.0'),
  ],
});
