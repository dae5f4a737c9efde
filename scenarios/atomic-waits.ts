import {
  defineScenario,
  expectAppServes,
  expectHistory,
  expectHookDidNotRun,
  expectHookRan,
  expectHooksRan,
  install,
  upgrade,
} from '../harness/src/scenario/dsl.js';

// 2.0.0 pods that run but never become Ready.
const neverReady = { 'app.version': '2.0.0', 'app.readinessFail': true };

export default defineScenario({
  name: 'atomic-waits',
  title: '--atomic (Helm 4: --rollback-on-failure) also waits for the release\'s objects: every hook succeeds, the app never gets Ready, and it is rolled back',
  seedStep: 'issue #9 "atomic-waits"',
  description:
    'Helm 3 turns --wait on with --atomic (pkg/action/upgrade.go, RunWithContext: Wait = Wait || Atomic); Helm 4 switches ' +
    'its hookOnly wait strategy to watcher with --rollback-on-failure. So an upgrade whose hooks all succeed but whose ' +
    'new pods never become Ready waits until --timeout, after the pre-upgrade hooks and before any post-upgrade hook, ' +
    'then fails and is rolled back. Without the flag Helm waits for nothing but hooks: the post-upgrade hooks run at ' +
    'once while the new pod is not Ready, and the upgrade is deployed, with 1.0.0 still serving.',
  deadlineSeconds: 360,
  steps: [
    install({ name: 'install', values: 'labs/values/quick-install.yaml' }),
    upgrade({
      name: 'atomic-waits-for-readiness',
      atomic: true,
      timeout: '30s',
      set: neverReady,
      expectFailure: true,
      errorMatches: { helm3: /has been rolled back due to atomic being set/, helm4: /has been rolled back due to rollback-on-failure being set/ },
    }),
    expectHooksRan(['backup', 'migration'], { outcome: 'succeeded' }),
    // The wait for the Deployment failed first: no post-upgrade hook started.
    expectHookDidNotRun('healthCheck'),
    expectHistory([
      { revision: 1, status: 'superseded' },
      { revision: 2, status: 'failed' },
      { revision: 3, status: 'deployed', description: 'Rollback to 1' },
    ]),
    expectAppServes('1.0.0'),

    // Without the flag; the health check, which waits for 2.0.0 to answer, is left out.
    upgrade({ set: { ...neverReady, 'hooks.healthCheck.enabled': false } }),
    expectHookRan('cacheWarmup', { outcome: 'succeeded' }),
    expectHookRan('notify', { outcome: 'succeeded' }),
    expectHistory([
      { revision: 1, status: 'superseded' },
      { revision: 2, status: 'failed' },
      { revision: 3, status: 'superseded' },
      { revision: 4, status: 'deployed', description: 'Upgrade complete' },
    ]),
    expectAppServes('1.0.0'),
  ],
});
