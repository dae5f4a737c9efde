// Stopping Helm the way a person or a CI runner does: Ctrl-C (SIGINT) or `kill -9` (SIGKILL),
// at a chosen moment of the upgrade, here while a hook's pod is running.
import { assertion } from '../../assert/result.js';
import { selector } from '../../kube/labels.js';
import { podSummaries } from '../../kube/resources.js';
import { waitFor } from '../../kube/wait.js';
import type { Step } from '../types.js';
import type { HookName } from '../hooks.js';
import { checkOutput, commandTitle, installOptions, installShown, oneHelmCommand, upgradeOptions, upgradeShown, type UpgradeStepOptions } from './helm-steps.js';

export interface InterruptedOptions extends Omit<UpgradeStepOptions, 'expectFailure' | 'outcome' | 'install' | 'atomic' | 'wait' | 'noHooks'> {
  signal: 'SIGINT' | 'SIGKILL';
  /** Helm gets the signal once this hook's container is running. */
  whileHookRuns: HookName;
  /** The exit status a shell would report: Helm's own exit code after SIGINT, 137 after SIGKILL. */
  exitCode: number;
  /** How long the hook may take to start before the step gives up; Helm then runs on to its end. */
  startTimeoutSeconds?: number;
}

export function installInterrupted(o: InterruptedOptions): Step {
  return interrupted('install', o);
}

export function upgradeInterrupted(o: InterruptedOptions): Step {
  return interrupted('upgrade', o);
}

function interrupted(verb: 'install' | 'upgrade', o: InterruptedOptions): Step {
  const { signal, whileHookRuns: hook } = o;
  return {
    ...oneHelmCommand(o),
    title: (major) => `${commandTitle(verb === 'install' ? installShown(major, o) : upgradeShown(major, o))} then ${signal} while hook ${hook} runs`,
    async run(ctx) {
      // Stops the wait when Helm ends first or the run is cut; the listener goes with the step.
      const helmDone = new AbortController();
      const stopWaiting = () => helmDone.abort(ctx.signal.reason);
      ctx.signal.addEventListener('abort', stopWaiting, { once: true });
      const sel = selector.hook(ctx.release, hook);
      const hookRunning = waitFor<string>(ctx.kube, {
        waitingFor: `hook ${hook}'s container to run`,
        triggers: ctx.observer,
        timeoutMs: (o.startTimeoutSeconds ?? 120) * 1000,
        signal: helmDone.signal,
        check: async () => {
          const pods = await podSummaries(ctx.kube, ctx.namespace, sel);
          const running = pods.find((p) => !p.terminating && p.containers.some((c) => c.state === 'running'));
          return running ? { done: true, value: `while pod ${running.name} of hook ${hook} was running` } : { done: false };
        },
      });
      const stop = { signal, when: hookRunning };
      const result =
        verb === 'install'
          ? await ctx.helm.install(ctx.release, ctx.chart, installOptions(ctx, o), stop)
          : await ctx.helm.upgrade(ctx.release, ctx.chart, upgradeOptions(ctx, o), stop);
      ctx.signal.removeEventListener('abort', stopWaiting);
      helmDone.abort();
      hookRunning.catch(() => undefined);
      ctx.recordChange(result);
      ctx.check(
        assertion(
          `Helm got ${signal} while hook ${hook} ran`,
          result.signalledOnPurpose !== undefined,
          `${signal} sent while the ${hook} pod was running`,
          result.signalledOnPurpose ?? `Helm exited (${result.exitCode}) before the hook's pod ran`,
        ),
      );
      ctx.check(assertion(`helm ${verb} exits ${o.exitCode}`, result.exitCode === o.exitCode, `exit code ${o.exitCode}`, `exit code ${result.exitCode}`));
      checkOutput(ctx, result, o);
    },
  };
}
