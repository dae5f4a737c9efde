import { defineScenario, expectAppVersion, expectHistory, expectJob, install, upgrade } from '../harness/src/scenario/dsl.js';

export default defineScenario({
  name: 'active-deadline',
  title: "A hook Job's activeDeadlineSeconds stops a hung hook, and Helm reports DeadlineExceeded",
  seedStep: '003 "Best Practices: use timeouts for long-running hooks"',
  description:
    'The migration hangs (sleeps 120 s) with activeDeadlineSeconds 10 on its Job. Kubernetes kills the pod after ' +
    '10 s and fails the Job with reason DeadlineExceeded; Helm, well inside its own --timeout, reports the failure ' +
    '(Helm 3 with the reason, Helm 4 without) and marks revision 2 failed. Unlike a --timeout (scenario timeout), nothing is left running.',
  deadlineSeconds: 240,
  steps: [
    install(),
    upgrade({
      set: { 'app.version': '2.0.0', 'hooks.migration.sleepSeconds': 120, 'hooks.migration.activeDeadlineSeconds': 10 },
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
    expectAppVersion('1.0.0'),
  ],
});
