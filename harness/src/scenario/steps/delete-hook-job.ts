// A hook Job that disappears while Helm waits for it, as one does when something other than Helm
// deletes it: a person, a cleanup controller, or the TTL controller when Helm missed its end.
import { assertion } from '../../assert/result.js';
import { selector } from '../../kube/labels.js';
import { podSummaries } from '../../kube/resources.js';
import { waitFor } from '../../kube/wait.js';
import type { Step } from '../types.js';
import type { HookName } from '../hooks.js';
import { checkOutcome, commandTitle, oneHelmCommand, upgradeOptions, upgradeShown, type UpgradeStepOptions } from './helm-steps.js';

export interface HookJobDeletedOptions extends Omit<UpgradeStepOptions, 'install'> {
  /** The hook whose Job is deleted (propagation Background, as `kubectl delete job` does) once its container runs. */
  deleteJobOf: HookName;
}

/** `helm upgrade`, and while it waits for the hook, the hook's Job is deleted under it. */
export function upgradeWhileHookJobDeleted(o: HookJobDeletedOptions): Step {
  const hook = o.deleteJobOf;
  return {
    ...oneHelmCommand(o),
    title: (major) => `${commandTitle(upgradeShown(major, o))} and delete hook ${hook}'s Job while it runs`,
    async run(ctx) {
      const helmDone = new AbortController();
      const stopWaiting = () => helmDone.abort(ctx.signal.reason);
      ctx.signal.addEventListener('abort', stopWaiting, { once: true });
      const sel = selector.hook(ctx.release, hook);
      const deleted = waitFor<string>(ctx.kube, {
        waitingFor: `hook ${hook}'s container to run`,
        triggers: ctx.observer,
        timeoutMs: 120_000,
        signal: helmDone.signal,
        check: async () => {
          const running = (await podSummaries(ctx.kube, ctx.namespace, sel)).find((p) => !p.terminating && p.jobName && p.containers.some((c) => c.state === 'running'));
          return running?.jobName ? { done: true, value: running.jobName } : { done: false };
        },
      }).then(async (job) => {
        await ctx.kube.batch.deleteNamespacedJob({ name: job, namespace: ctx.namespace, propagationPolicy: 'Background' });
        return job;
      });
      const result = await ctx.helm.upgrade(ctx.release, ctx.chart, upgradeOptions(ctx, o));
      ctx.signal.removeEventListener('abort', stopWaiting);
      helmDone.abort();
      const job = await deleted.catch(() => undefined);
      ctx.recordChange(result);
      ctx.check(
        assertion(
          `hook ${hook}'s Job was deleted while Helm waited for it`,
          job !== undefined,
          `Job of ${hook} deleted while its pod ran`,
          job ? `deleted Job ${job}` : `Helm exited (${result.exitCode}) before the hook's pod ran`,
        ),
      );
      checkOutcome(ctx, result, o);
    },
  };
}
