// Which app version actually runs, and what the database says: what a rollback does not undo.
import { assertAppVersion, appRunsVersion } from '../../assert/app.js';
import { assertAppliedMigrations, assertBackupFile, assertSchemaVersion } from '../../assert/database.js';
import { listBackupFiles } from '../../kube/backup-files.js';
import { readAppliedMigrations } from '../../kube/database.js';
import { selector } from '../../kube/labels.js';
import { podSummaries } from '../../kube/resources.js';
import type { PodSummary } from '../../kube/summaries.js';
import { waitFor, WaitTimeoutError } from '../../kube/wait.js';
import { watchPaths } from '../../kube/watch.js';
import type { Step } from '../types.js';

/**
 * Without --wait Helm returns while the Deployment is still rolling, so the version is given
 * `timeoutSeconds` to settle; a version that settles immediately passes immediately.
 */
export function expectAppVersion(version: string, { timeoutSeconds = 120 } = {}): Step {
  return {
    title: `expect the app to run ${version}`,
    async run(ctx) {
      const sel = selector.appPods(ctx.release);
      let pods: PodSummary[] = [];
      try {
        await waitFor(ctx.kube, {
          waitingFor: `app pods to run ${version}`,
          triggers: [{ path: watchPaths.pods(ctx.namespace), labelSelector: sel }],
          timeoutMs: timeoutSeconds * 1000,
          signal: ctx.signal,
          check: async () => {
            pods = await podSummaries(ctx.kube, ctx.namespace, sel);
            return appRunsVersion(pods, version) ? { done: true, value: undefined } : { done: false };
          },
        });
      } catch (err) {
        if (!(err instanceof WaitTimeoutError)) throw err;
      }
      ctx.check(assertAppVersion(pods, version));
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
      const files = await listBackupFiles(ctx.kube, ctx.namespace, ctx.release, 120_000, ctx.signal);
      ctx.check(assertBackupFile(files, `${ctx.release}-rev${revision}.sql`, present));
    },
  };
}
