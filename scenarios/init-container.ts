import {
  defineScenario,
  expectAppPodStuckInInit,
  expectAppServes,
  expectHistory,
  install,
  upgrade,
} from '../harness/src/scenario/dsl.js';

// Only the init container fails: the post-upgrade health check, which would notice, is off.
const failingInit = { 'app.initFail': true, 'hooks.healthCheck.enabled': false };

export default defineScenario({
  name: 'init-container',
  title: 'A failing init container fails nothing Helm sees, unless Helm waits for the pods',
  seedStep: '003 "Init Container vs Hook"',
  description:
    'The new app pods\' wait-for-db init container exits 1. Without --wait Helm records revision 2 as deployed while ' +
    'the new pod sits in Init:Error / Init:CrashLoopBackOff and the old pod keeps serving 1.0.0. With --wait Helm ' +
    'waits for the Deployment until --timeout and fails the revision with a timeout, never naming the init container.',
  deadlineSeconds: 300,
  steps: [
    install({ values: 'labs/values/quick-install.yaml' }),
    upgrade({ name: 'init-fails', set: { 'app.version': '2.0.0', ...failingInit } }),
    expectHistory([
      { revision: 1, status: 'superseded' },
      { revision: 2, status: 'deployed', description: 'Upgrade complete' },
    ]),
    expectAppPodStuckInInit('2.0.0'),
    expectAppServes('1.0.0'),

    upgrade({
      name: 'init-fails-with-wait',
      set: { 'app.version': '3.0.0', ...failingInit },
      wait: true,
      timeout: '30s',
      expectFailure: true,
      // Neither names the init container. Helm 4 adds the Deployment's kstatus message, which
      // depends on the moment it gave up, so only its frame is matched.
      errorMatches: {
        helm3: /^Error: UPGRADE FAILED: context deadline exceeded$/m,
        helm4: /^Error: UPGRADE FAILED: resource Deployment\/\S+ not ready\. status: InProgress, [\s\S]*context deadline exceeded$/m,
      },
    }),
    expectHistory([
      { revision: 1, status: 'superseded' },
      { revision: 2, status: 'deployed' },
      { revision: 3, status: 'failed' },
    ]),
    expectAppPodStuckInInit('3.0.0'),
    expectAppServes('1.0.0'),
  ],
});
