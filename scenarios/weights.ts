import { defineScenario, expectHooksInOrder, expectHooksRan, install, part, upgrade } from '../harness/src/scenario/dsl.js';

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

// Six post-upgrade hooks, all weight 0: the tie is broken by the objects' names.
const tiedWeights = {
  'hooks.backup.events': ['post-upgrade'],
  'hooks.migration.events': ['post-upgrade'],
  'hooks.dbSetup.events': ['post-upgrade'],
  'hooks.notify.events': ['post-upgrade'],
  'hooks.healthCheck.events': ['post-upgrade'],
  'hooks.cacheWarmup.events': ['post-upgrade'],
  ...Object.fromEntries(['backup', 'migration', 'dbSetup', 'notify', 'healthCheck', 'cacheWarmup'].map((h) => [`hooks.${h}.weight`, 0])),
};

export default defineScenario({
  name: 'weights',
  title: 'Hooks of one event run one at a time, lowest weight first',
  seedStep: '003 "Hook Weights (Execution Order)"',
  description:
    'Four pre-upgrade hooks weighted -2, -1, 0 and 1 start in exactly that order, each after the previous one finished; ' +
    'turning the weights around turns the order around. With equal weights Helm orders them by name ' +
    '(…-backup-4, …-cache-warmup, …-db-migration, …-db-setup, …-health-check, …-notify).',
  deadlineSeconds: 300,
  steps: [
    part('Weights: one hook at a time, lowest first', [
      install({ name: 'install', values: 'labs/values/quick-install.yaml' }),
      upgrade({ name: 'lab-weights', set: { 'app.version': '2.0.0', ...labWeights } }),
      expectHooksRan(['backup', 'migration', 'dbSetup', 'notify'], { outcome: 'succeeded' }),
      expectHooksInOrder(['backup', 'migration', 'dbSetup', 'notify']),

      upgrade({ name: 'reversed-weights', set: { 'app.version': '3.0.0', ...reversedWeights } }),
      expectHooksInOrder(['notify', 'dbSetup', 'migration', 'backup']),
    ]),

    part('Ties: equal weights run in name order', [
      upgrade({ name: 'tied-weights', set: { 'app.version': '4.0.0', ...tiedWeights } }),
      expectHooksInOrder(['backup', 'cacheWarmup', 'migration', 'dbSetup', 'healthCheck', 'notify']),
    ]),
  ],
});
