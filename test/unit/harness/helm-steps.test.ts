// What Helm steps give the driver: a step that interrupts Helm runs the same command line as the
// plain step with the same options, values file included.
import type { AssertionResult } from '../../../harness/src/assert/result.js';
import type { HelmSignal } from '../../../harness/src/helm/run.js';
import type { HelmCommandResult, InstallOptions, UpgradeOptions } from '../../../harness/src/helm/types.js';
import { install, upgrade } from '../../../harness/src/scenario/steps/helm-steps.js';
import { installInterrupted, upgradeInterrupted } from '../../../harness/src/scenario/steps/interrupt-helm.js';
import type { Step, StepContext } from '../../../harness/src/scenario/types.js';

interface Call {
  verb: 'install' | 'upgrade';
  options: InstallOptions | UpgradeOptions | undefined;
  sendSignal: HelmSignal | undefined;
}

/** A context whose Helm records each call and exits 1 at once; its pod list never answers, so no hook is seen running. */
function recordingContext(): { ctx: StepContext; calls: Call[]; checks: AssertionResult[] } {
  const calls: Call[] = [];
  const checks: AssertionResult[] = [];
  const exited = (args: string[]): HelmCommandResult => ({ args, exitCode: 1, stdout: '', stderr: '', durationMs: 0, startedAt: new Date(0).toISOString(), helmMajor: 3 });
  const helm = {
    install: async (_release: string, _chart: string, options?: InstallOptions, sendSignal?: HelmSignal) => {
      calls.push({ verb: 'install', options, sendSignal });
      return exited(['install']);
    },
    upgrade: async (_release: string, _chart: string, options?: UpgradeOptions, sendSignal?: HelmSignal) => {
      calls.push({ verb: 'upgrade', options, sendSignal });
      return exited(['upgrade']);
    },
  };
  const ctx = {
    helm,
    helmMajor: 3,
    kube: { core: { listNamespacedPod: () => new Promise(() => undefined) } },
    release: 'demo',
    namespace: 'dh-x',
    chart: 'charts/demo-hooks',
    valuesFiles: ['charts/demo-hooks/values-local.yaml', 'mine.yaml'],
    signal: new AbortController().signal,
    recordChange: () => undefined,
    check: (a: AssertionResult) => checks.push(a),
  } as unknown as StepContext;
  return { ctx, calls, checks };
}

async function optionsOf(step: Step): Promise<Call> {
  const { ctx, calls } = recordingContext();
  await step.run(ctx);
  expect(calls).toHaveLength(1);
  return calls[0]!;
}

const lab = { values: 'labs/values/quick-install.yaml', set: { 'hooks.migration.sleepSeconds': 8 }, timeout: '1m' };

describe('a step that interrupts Helm', () => {
  it('upgrades with the lab’s values file, like the plain upgrade step', async () => {
    const interrupted = await optionsOf(upgradeInterrupted({ ...lab, signal: 'SIGINT', whileHookRuns: 'migration', exitCode: 1 }));
    expect(interrupted.options?.valuesFiles).toEqual(['charts/demo-hooks/values-local.yaml', 'labs/values/quick-install.yaml', 'mine.yaml']);
    expect(interrupted.options).toEqual((await optionsOf(upgrade(lab))).options);
    expect(interrupted.sendSignal?.signal).toBe('SIGINT');
  });

  it('installs with the lab’s values file, like the plain install step', async () => {
    const interrupted = await optionsOf(installInterrupted({ ...lab, signal: 'SIGKILL', whileHookRuns: 'dbSetup', exitCode: 137 }));
    expect(interrupted.verb).toBe('install');
    expect(interrupted.options).toEqual((await optionsOf(install(lab))).options);
    expect(interrupted.sendSignal?.signal).toBe('SIGKILL');
  });

  it('reports that Helm ended before the hook ran', async () => {
    const { ctx, checks } = recordingContext();
    await upgradeInterrupted({ signal: 'SIGINT', whileHookRuns: 'migration', exitCode: 1 }).run(ctx);
    expect(checks[0]).toMatchObject({ name: 'Helm got SIGINT while hook migration ran', passed: false, actual: "Helm exited (1) before the hook's pod ran" });
    expect(checks[1]).toMatchObject({ name: 'helm upgrade exits 1', passed: true });
  });

  it('checks what Helm said, as the plain steps do', async () => {
    const { ctx, checks } = recordingContext();
    await upgradeInterrupted({ signal: 'SIGINT', whileHookRuns: 'migration', exitCode: 1, errorMatches: { helm3: /context canceled/, helm4: null }, outputMatches: /has been cancelled/ }).run(ctx);
    expect(checks.slice(2)).toMatchObject([
      { name: 'helm upgrade error has /context canceled/', passed: false, actual: '(empty)' },
      { name: 'helm upgrade output has /has been cancelled/', passed: false },
    ]);
  });
});
