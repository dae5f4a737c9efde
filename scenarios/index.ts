// Every scenario, in the order `demo-hooks list` and `demo-hooks run all` use: the lab's order first.
import type { Scenario } from '../harness/src/scenario/types.js';
import activeDeadline from './active-deadline.js';
import atomic from './atomic.js';
import atomicWaits from './atomic-waits.js';
import backoffLimit from './backoff-limit.js';
import deletePolicies from './delete-policies.js';
import dryRun from './dry-run.js';
import helmTest from './helm-test.js';
import initContainer from './init-container.js';
import install from './install.js';
import installAtomic from './install-atomic.js';
import installFail from './install-fail.js';
import killedUpgrade from './killed-upgrade.js';
import leftoverHook from './leftover-hook.js';
import noHooks from './no-hooks.js';
import pendingRollback from './pending-rollback.js';
import postDeleteFail from './post-delete-fail.js';
import postFail from './post-fail.js';
import preDeleteFail from './pre-delete-fail.js';
import preFail from './pre-fail.js';
import recover from './recover.js';
import rollbackHooks from './rollback-hooks.js';
import timeout from './timeout.js';
import ttlHook from './ttl-hook.js';
import uninstall from './uninstall.js';
import uninstallLeftovers from './uninstall-leftovers.js';
import weights from './weights.js';

export const allScenarios: readonly Scenario[] = [
  install,
  preFail,
  postFail,
  atomic,
  recover,
  weights,
  deletePolicies,
  rollbackHooks,
  pendingRollback,
  timeout,
  backoffLimit,
  activeDeadline,
  ttlHook,
  uninstall,
  uninstallLeftovers,
  installFail,
  preDeleteFail,
  postDeleteFail,
  killedUpgrade,
  installAtomic,
  leftoverHook,
  atomicWaits,
  noHooks,
  initContainer,
  dryRun,
  helmTest,
];
