// Which app version actually runs, and what the database says: what a rollback does not undo.
import { assertAppServes, assertAppVersion, assertStuckInInit, appRunsVersion, appServesVersion, stuckInInit } from '../../assert/app.js';
import { assertAppliedMigrations, assertBackupFile, assertRole, assertSchemaVersion } from '../../assert/database.js';
import { listBackupFiles } from '../../kube/backup-files.js';
import { readAppliedMigrations, readRole } from '../../kube/database.js';
import { selector } from '../../kube/labels.js';
import { podSummaries } from '../../kube/resources.js';
import type { PodSummary } from '../../kube/summaries.js';
import { waitFor, WaitTimeoutError } from '../../kube/wait.js';
import { watchPaths } from '../../kube/watch.js';
import type { Step, StepContext } from '../types.js';

/** The app pods once `holds` is true of them, or as they are when `timeoutSeconds` runs out. */
async function settledAppPods(ctx: StepContext, waitingFor: string, holds: (pods: PodSummary[]) => boolean, timeoutSeconds: number): Promise<PodSummary[]> {
  const sel = selector.appPods(ctx.release);
  let pods: PodSummary[] = [];
  try {
    await waitFor(ctx.kube, {
      waitingFor,
      triggers: [{ path: watchPaths.pods(ctx.namespace), labelSelector: sel }],
      timeoutMs: timeoutSeconds * 1000,
      signal: ctx.signal,
      check: async () => {
        pods = await podSummaries(ctx.kube, ctx.namespace, sel);
        return holds(pods) ? { done: true, value: undefined } : { done: false };
      },
    });
  } catch (err) {
    if (!(err instanceof WaitTimeoutError)) throw err;
  }
  return pods;
}

/**
 * Without --wait Helm returns while the Deployment is still rolling, so the version is given
 * `timeoutSeconds` to settle; a version that settles immediately passes immediately.
 */
export function expectAppVersion(version: string, { timeoutSeconds = 120 } = {}): Step {
  return {
    title: `expect the app to run ${version}`,
    async run(ctx) {
      const pods = await settledAppPods(ctx, `app pods to run ${version}`, (p) => appRunsVersion(p, version), timeoutSeconds);
      ctx.check(assertAppVersion(pods, version));
    },
  };
}

/** Only ready pods get traffic: a new pod that never becomes ready does not change what is served. */
export function expectAppServes(version: string, { timeoutSeconds = 120 } = {}): Step {
  return {
    title: `expect the app's ready pods to serve ${version}`,
    async run(ctx) {
      const pods = await settledAppPods(ctx, `ready app pods to run ${version}`, (p) => appServesVersion(p, version), timeoutSeconds);
      ctx.check(assertAppServes(pods, version));
    },
  };
}

/** A new app pod that never starts because its init container fails: invisible to Helm without --wait. */
export function expectAppPodStuckInInit(version: string, { timeoutSeconds = 120 } = {}): Step {
  return {
    title: `expect a ${version} app pod stuck in its init container`,
    async run(ctx) {
      const pods = await settledAppPods(ctx, `a ${version} app pod to fail its init container`, (p) => stuckInInit(p, version), timeoutSeconds);
      ctx.check(assertStuckInInit(pods, version));
    },
  };
}

/** The newest row of schema_migrations. */
export function expectSchemaVersion(latest: string): Step {
  return {
    title: `expect the database schema at ${latest}`,
    async run(ctx) {
      ctx.check(assertSchemaVersion(await readAppliedMigrations(ctx.kube, ctx.kubectl, ctx.namespace, ctx.release, ctx.signal), latest));
    },
  };
}

export function expectMigrationsApplied(versions: string[]): Step {
  return {
    title: `expect migrations ${versions.join(', ')} applied`,
    async run(ctx) {
      ctx.check(assertAppliedMigrations(await readAppliedMigrations(ctx.kube, ctx.kubectl, ctx.namespace, ctx.release, ctx.signal), versions));
    },
  };
}

/** The backup hook dumps to `<release>-rev<N>.sql`, N being the revision being installed. */
export function expectBackupFile({ revision, present = true }: { revision: number; present?: boolean }): Step {
  return {
    title: `expect ${present ? 'a' : 'no'} backup of revision ${revision}`,
    async run(ctx) {
      const files = await listBackupFiles(ctx.kube, ctx.kubectl, ctx.namespace, ctx.release, 120_000, ctx.signal);
      ctx.check(assertBackupFile(files, `${ctx.release}-rev${revision}.sql`, present));
    },
  };
}

/** A database role, e.g. app_reader, which only the post-install db setup hook creates. */
export function expectDatabaseRole(role: string, { present = true }: { present?: boolean } = {}): Step {
  return {
    title: `expect ${present ? 'the' : 'no'} database role ${role}`,
    async run(ctx) {
      ctx.check(assertRole(await readRole(ctx.kube, ctx.kubectl, ctx.namespace, ctx.release, role, ctx.signal), role, present));
    },
  };
}
