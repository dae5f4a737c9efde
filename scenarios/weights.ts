import { defineScenario, expectHooksInOrder, expectHooksRan, install, upgrade } from '../harness/src/scenario/dsl.js';

// The lab's example: backup -2, migration -1, seed data 0 (the dbSetup hook here), notify 1, all pre-upgrade.
const labWeights = {
  'hooks.backup.weight': -2,
  'hooks.migration.weight': -1,
  'hooks.dbSetup.events': ['pre-upgrade'],
  'hooks.dbSetup.weight': 0,
  'hooks.notify.events': ['pre-upgrade'],
  'hooks.notify.weight': 1,
};

// The same four hooks with the weights turned around: only the weights decide the order.
const reversedWeights = {
  'hooks.backup.weight': 1,
  'hooks.migration.weight': 0,
  'hooks.dbSetup.events': ['pre-upgrade'],
  'hooks.dbSetup.weight': -1,
  'hooks.notify.events': ['pre-upgrade'],
  'hooks.notify.weight': -2,
};

export default defineScenario({
  name: 'weights',
  title: 'Hooks of one event run one at a time, lowest weight first',
  seedStep: '003 "Hook Weights (Execution Order)"',
  description:
    'Four pre-upgrade hooks weighted -2, -1, 0 and 1 start in exactly that order, each after the previous one finished; ' +
    'turning the weights around turns the order around.',
  deadlineSeconds: 300,
  steps: [
    install(),
    upgrade({ set: { 'app.version': '2.0.0', ...labWeights } }),
    expectHooksRan(['backup', 'migration', 'dbSetup', 'notify'], { outcome: 'succeeded' }),
    expectHooksInOrder(['backup', 'migration', 'dbSetup', 'notify']),

    upgrade({ set: { 'app.version': '3.0.0', ...reversedWeights } }),
    expectHooksInOrder(['notify', 'dbSetup', 'migration', 'backup']),
  ],
});
