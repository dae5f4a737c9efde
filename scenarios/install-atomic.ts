import {
  defineScenario,
  expectHookRan,
  expectHooksInOrder,
  expectHooksRan,
  expectNothingLeft,
  expectReleaseGone,
  install,
} from '../harness/src/scenario/dsl.js';

export default defineScenario({
  name: 'install-atomic',
  title: 'install --atomic (Helm 4: --rollback-on-failure) with a failing post-install hook uninstalls the release, delete hooks included',
  seedStep: 'issue #9 "install-atomic"',
  description:
    'A first install has no revision to roll back to, so --atomic / --rollback-on-failure uninstalls it instead ' +
    '(pkg/action/install.go, failRelease). That uninstall keeps the install\'s hook setting and drops the history: the ' +
    'pre-delete and post-delete hooks run, the cleanup hook removes the volumes and the hook Jobs, the failed one ' +
    'included, and Helm forgets the release. Nothing is left to read the failed hook\'s log from but Helm\'s own output.',
  deadlineSeconds: 300,
  steps: [
    install({
      name: 'atomic-install-fails',
      atomic: true,
      set: { 'hooks.healthCheck.fail': true },
      expectFailure: true,
      errorMatches: {
        helm3: /failed, and has been uninstalled due to atomic being set: failed post-install/,
        helm4: /failed, and has been uninstalled due to rollback-on-failure being set: failed post-install/,
      },
    }),
    expectHooksRan(['dbSetup', 'migration'], { outcome: 'succeeded' }),
    expectHookRan('healthCheck', { outcome: 'failed', exitCode: 1 }),
    expectHooksRan(['preDelete', 'cleanup'], { outcome: 'succeeded' }),
    expectHooksInOrder(['dbSetup', 'migration', 'healthCheck', 'preDelete', 'cleanup']),
    expectReleaseGone(),
    expectNothingLeft(),
  ],
});
