import {
  defineScenario,
  expectHookCreatedAfterPodGone,
  expectHookCreatedBeforePodGone,
  expectHooksInOrder,
  expectHookRan,
  expectHooksRan,
  expectNothingLeft,
  expectReleaseGone,
  install,
  uninstall,
} from '../harness/src/scenario/dsl.js';

// A web pod that drains for 15 s once asked to stop (a preStop sleep), so it is certainly still
// Terminating when Helm, not waiting for it, starts the post-delete hook a second or two later.
const drainingApp = { 'app.shutdownDelaySeconds': 15 };

export default defineScenario({
  name: 'uninstall',
  title: 'helm uninstall runs pre-delete, asks for the release\'s deletion, then post-delete cleans up the rest',
  seedStep: '003 "Deletion Hooks" and "Cleanup Hook (Post-Delete)"',
  description:
    'preDelete dumps the database while it still runs; Helm asks the API server to delete the release objects and, ' +
    'without --wait, starts the post-delete hooks at once (Helm 3 skips WaitForDelete, Helm 4\'s default hookOnly ' +
    'waiter returns from it at once): the cleanup Job is created while the web pod, 15 s into draining, is still ' +
    'there. The cleanup hook removes what Helm does not own (the StatefulSet\'s volume, the backup volume), and ' +
    "nothing with the release's instance label, and no Helm release record, remains. Installed again (without " +
    'hooks, to be quick) and uninstalled with --wait --cascade foreground, Helm waits until the Deployment, kept ' +
    'by foreground deletion until its pods are gone, has gone, and only then creates the cleanup Job.',
  deadlineSeconds: 600,
  steps: [
    install({ set: drainingApp }),
    uninstall(),
    expectHooksRan(['preDelete', 'cleanup'], { outcome: 'succeeded' }),
    expectHooksInOrder(['preDelete', 'cleanup']),
    expectHookCreatedBeforePodGone('cleanup', 'web'),
    expectReleaseGone(),
    expectNothingLeft(),

    // Again, quicker: no install hooks, and no pre-delete hook (it needs the backup volume, itself a hook).
    install({ set: { ...drainingApp, 'hooks.preDelete.enabled': false }, noHooks: true }),
    uninstall({ wait: true, cascade: 'foreground' }),
    expectHookRan('cleanup', { outcome: 'succeeded' }),
    expectHookCreatedAfterPodGone('cleanup', 'web'),
    expectReleaseGone(),
    expectNothingLeft(),
  ],
});
