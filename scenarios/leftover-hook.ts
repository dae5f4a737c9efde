import {
  defineScenario,
  expectAppVersion,
  expectHistory,
  expectHookDidNotRun,
  expectHookRan,
  expectJob,
  hookJobIdentity,
  install,
  rollback,
  upgrade,
} from '../harness/src/scenario/dsl.js';

// notify keeps only hook-failed, so a Job that succeeded stays. It runs after install and after a
// rollback; a rollback to 1 renders it exactly as the install did, so the leftover Job and the new
// one are the same object, byte for byte.
const leftoverNotify = { 'hooks.notify.events': ['post-install', 'post-rollback'], 'hooks.notify.deletePolicy': ['hook-failed'] };
const notifyJob = hookJobIdentity('notify');

export default defineScenario({
  name: 'leftover-hook',
  title: 'A hook Job left by an earlier run: Helm 3 is refused, Helm 4 applies it onto the old one and takes its old result',
  seedStep: 'issue #9 "leftover-hook"',
  description:
    'notify (delete policy hook-failed only) succeeds on install and stays. A rollback to revision 1 runs it again with the ' +
    'very same manifest. Helm 3 creates hook objects (pkg/action/hooks.go, execHook: KubeClient.Create) and the API ' +
    'server answers "already exists": the post-rollback hooks fail and the release stays pending-rollback. Helm 4 ' +
    'applies hooks server-side (execHook with ClientCreateOptionServerSideApply): applying an unchanged Job changes ' +
    'nothing, Helm waits for it, finds it complete and counts the old run as this one. The same uid and start time ' +
    'before and after prove that nothing ran again. On Helm 3 the hook that succeeded before the refused one keeps ' +
    'its Job: Helm returns at a creation error before it applies hook-succeeded.',
  deadlineSeconds: 300,
  steps: [
    install({ name: 'install', set: leftoverNotify }),
    expectHookRan('notify', { outcome: 'succeeded' }),
    expectJob('notify', { succeeded: true, count: 1 }),
    notifyJob.note,

    upgrade({ name: 'upgrade', set: { ...leftoverNotify, 'app.version': '2.0.0' } }),
    expectHookDidNotRun('notify'),

    rollback({
      name: 'rollback-reruns-notify',
      to: 1,
      outcome: {
        helm3: { expectFailure: true, errorMatches: /warning: Hook post-rollback \S+notify\.yaml failed: .*jobs\.batch "\S+-notify" already exists/s },
        helm4: { outputMatches: /Rollback was a success/ },
      },
    }),
    expectHookRan('postRollback', { outcome: 'succeeded' }),
    expectHookDidNotRun('notify'),
    notifyJob.expectSame,
    expectHistory({
      helm3: [
        { revision: 1, status: 'superseded' },
        { revision: 2, status: 'deployed' },
        { revision: 3, status: 'pending-rollback', description: 'Rollback to 1' },
      ],
      helm4: [
        { revision: 1, status: 'superseded' },
        { revision: 2, status: 'superseded' },
        { revision: 3, status: 'deployed', description: 'Rollback to 1' },
      ],
    }),
    // Helm 3 stopped at the creation error before deleting the hooks that had succeeded; Helm 4 got to the end.
    expectJob('postRollback', { helm3: { succeeded: true }, helm4: { present: false } }),
    expectAppVersion('1.0.0'),
  ],
});
