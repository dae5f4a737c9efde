import {
  attendeeTypes,
  defineScenario,
  expectAppVersion,
  expectHistory,
  expectHookDidNotRun,
  expectHookRan,
  expectJob,
  install,
  upgrade,
} from '../harness/src/scenario/dsl.js';

export default defineScenario({
  name: 'post-fail',
  title: 'A failing post-upgrade hook fails the release after the app has already been upgraded',
  seedStep: '000 step 5',
  description:
    'The same failing migration, moved from pre-upgrade to post-upgrade. By the time it runs Helm has already ' +
    'applied the new manifests: 2.0.0 runs, yet revision 2 is marked failed. Hooks weighted after the failure ' +
    '(healthCheck, cacheWarmup, notify) never run.',
  deadlineSeconds: 240,
  steps: [
    install({ name: 'install', values: 'labs/values/quick-install.yaml' }),
    upgrade({
      name: 'post-upgrade-migration-fails',
      set: { 'app.version': '2.0.0', 'hooks.migration.events': ['post-upgrade'], 'hooks.migration.fail': true },
      expectFailure: true,
      errorMatches: /post-upgrade hooks failed/,
    }),
    expectHistory([
      // Helm marks the previous revision superseded only when an upgrade succeeds, so 1 stays "deployed".
      { revision: 1, status: 'deployed' },
      { revision: 2, status: 'failed', description: /post-upgrade hooks failed/ },
    ]),
    attendeeTypes('helm history demo -n demo', { name: 'history-after-failure' }),
    expectHookRan('backup', { outcome: 'succeeded' }),
    expectHookRan('migration', { outcome: 'failed', exitCode: 1 }),
    expectHookDidNotRun('healthCheck'),
    expectJob('migration', { failed: true, podPhase: 'Failed', exitCode: 1, logIncludes: 'failing on purpose' }),
    expectAppVersion('2.0.0'),
    attendeeTypes('kubectl rollout status deployment/demo-demo-hooks -n demo'),
    attendeeTypes('kubectl wait --for=delete pod -n demo -l demo-hooks.dev/app-version=1.0.0 --timeout=2m'),
    attendeeTypes('kubectl get pods -n demo -L demo-hooks.dev/app-version', { name: 'pods-with-versions' }),
  ],
});
