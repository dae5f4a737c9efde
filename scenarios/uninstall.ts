import {
  defineScenario,
  expectAppVersion,
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
const quickAgain = { ...drainingApp, 'hooks.preDelete.enabled': false };

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
    'hooks, to be quick) and uninstalled with --wait, the same: Helm waits for the objects it deleted, and with the ' +
    'default background cascade the Deployment is gone before its pods. With --wait --cascade foreground (Helm 4: ' +
    '--wait=legacy, as its watcher may stop early) Helm waits ' +
    'until the Deployment, kept until its pods are gone, has gone, and only then creates the cleanup Job.',
  deadlineSeconds: 900,
  steps: [
    install({ name: 'install', set: drainingApp }),
    uninstall({ name: 'uninstall' }),
    expectHooksRan(['preDelete', 'cleanup'], { outcome: 'succeeded' }),
    expectHooksInOrder(['preDelete', 'cleanup']),
    expectHookCreatedBeforePodGone('cleanup', 'web'),
    expectReleaseGone(),
    expectNothingLeft(),

    // Again, quicker: no install hooks, and no pre-delete hook (it needs the backup volume, itself a hook).
    // --wait alone waits for the objects Helm deleted; with the default background cascade the
    // Deployment is gone at once, and its draining pod is not among them.
    install({ name: 'reinstall-for-wait', set: quickAgain, noHooks: true }),
    // Running, so that the pod drains (preStop) rather than being cut short while it initialises.
    expectAppVersion('1.0.0'),
    uninstall({ name: 'uninstall-wait', wait: true }),
    expectHookRan('cleanup', { outcome: 'succeeded' }),
    expectHookCreatedBeforePodGone('cleanup', 'web'),
    expectReleaseGone(),
    expectNothingLeft(),

    // With foreground deletion the Deployment stays until its pods are gone, and --wait waits for it.
    // Helm 4 with its legacy waiter, which polls each object until it is NotFound: its default watcher
    // stops once every object whose status it has seen is gone, skipping those still Unknown
    // (statusObserver in pkg/kube/statuswait.go), and one recorded run went on 18 s before the pod was gone.
    install({ name: 'reinstall-for-foreground', set: quickAgain, noHooks: true }),
    expectAppVersion('1.0.0'),
    uninstall({ name: 'uninstall-wait-foreground', wait: 'legacy', cascade: 'foreground' }),
    expectHookRan('cleanup', { outcome: 'succeeded' }),
    expectHookCreatedAfterPodGone('cleanup', 'web'),
    expectReleaseGone(),
    expectNothingLeft(),
  ],
});
