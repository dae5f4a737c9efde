import {
  defineScenario,
  expectHooksInOrder,
  expectHooksRan,
  expectNothingLeft,
  expectReleaseGone,
  install,
  uninstall,
} from '../harness/src/scenario/dsl.js';

export default defineScenario({
  name: 'uninstall',
  title: 'helm uninstall runs pre-delete, asks for the release\'s deletion, then post-delete cleans up the rest',
  seedStep: '003 "Deletion Hooks" and "Cleanup Hook (Post-Delete)"',
  description:
    'preDelete dumps the database while it still runs; Helm asks the API server to delete the release objects and, ' +
    'without --wait, starts the post-delete hooks at once, without waiting for them to be gone; the cleanup hook ' +
    'removes what Helm does not own (the StatefulSet\'s volume, the backup volume). Afterwards nothing with the ' +
    "release's instance label, and no Helm release record, remains.",
  deadlineSeconds: 240,
  steps: [
    install(),
    uninstall(),
    expectHooksRan(['preDelete', 'cleanup'], { outcome: 'succeeded' }),
    expectHooksInOrder(['preDelete', 'cleanup']),
    expectReleaseGone(),
    expectNothingLeft(),
  ],
});
