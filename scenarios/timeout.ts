import { attendeeTypes, defineScenario, install, upgrade } from '../harness/src/scenario/dsl.js';
import { helmTimedOut, migrationOutlivedHelm } from './steps/helm-gave-up.js';

export default defineScenario({
  name: 'timeout',
  title: 'A hook slower than --timeout fails the upgrade, and keeps running',
  seedStep: '003 "Best Practices: use timeouts for long-running hooks"',
  description:
    'The migration sleeps 90 s; the upgrade allows 20 s. Helm gives up, marks revision 2 failed and leaves the app ' +
    'alone, but it does not stop the Job: the hook is still running after Helm has exited.',
  deadlineSeconds: 240,
  steps: [
    install({ name: 'install', values: 'labs/values/quick-install.yaml' }),
    upgrade({
      name: 'migration-outlasts-timeout',
      set: { 'app.version': '2.0.0', 'hooks.migration.sleepSeconds': 90 },
      timeout: '20s',
      expectFailure: true,
      errorMatches: helmTimedOut,
    }),
    // The guide's look after Helm has exited: the migration's Job and pod are still running.
    attendeeTypes('kubectl get jobs,pods -n demo -l app.kubernetes.io/component=hook', { name: 'hook-jobs-and-pods', outputMatches: /demo-demo-hooks-db-migration\s+Running/ }),
    ...migrationOutlivedHelm(),
  ],
});
