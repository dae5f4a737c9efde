// The command lines the harness gives Helm 3 and Helm 4, where the two spell things differently.
import { historyArgs, installArgs, rollbackArgs, shownArgs, statusArgs, testArgs, uninstallArgs, upgradeArgs } from '../../../harness/src/helm/args.js';
import { dryRunFlags, rollbackOnFailureFlag, waitFlags } from '../../../harness/src/helm/flags.js';
import { setArgs } from '../../../harness/src/helm/values.js';
import { changeOptions, commandTitle, install, outcomeOn, rollback, uninstall, upgrade } from '../../../harness/src/scenario/steps/helm-steps.js';
import { upgradeWhileHookJobDeleted } from '../../../harness/src/scenario/steps/delete-hook-job.js';
import { installInterrupted, upgradeInterrupted } from '../../../harness/src/scenario/steps/interrupt-helm.js';
import { stepTitle } from '../../../harness/src/scenario/types.js';

const target = { kubeconfig: '.cluster/kubeconfig', namespace: 'dh-x' };

describe('flags that differ between Helm 3 and Helm 4', () => {
  it('--atomic is --rollback-on-failure in Helm 4', () => {
    expect(rollbackOnFailureFlag(3)).toBe('--atomic');
    expect(rollbackOnFailureFlag(4)).toBe('--rollback-on-failure');
  });

  it('--wait is a boolean in Helm 3 and takes a strategy in Helm 4', () => {
    expect(waitFlags(3, true)).toEqual(['--wait']);
    expect(waitFlags(3, 'legacy')).toEqual(['--wait']);
    expect(waitFlags(4, true)).toEqual(['--wait=watcher']);
    expect(waitFlags(4, 'legacy')).toEqual(['--wait=legacy']);
    expect(waitFlags(3, false)).toEqual([]);
    expect(waitFlags(4, undefined)).toEqual([]);
  });

  it('bare --dry-run only for Helm 3 (deprecated in Helm 4); server mode spelled out in both', () => {
    expect(dryRunFlags(3, 'client')).toEqual(['--dry-run']);
    expect(dryRunFlags(4, 'client')).toEqual(['--dry-run=client']);
    expect(dryRunFlags(3, 'server')).toEqual(['--dry-run=server']);
    expect(dryRunFlags(4, 'server')).toEqual(['--dry-run=server']);
    expect(dryRunFlags(4, undefined)).toEqual([]);
  });
});

describe('argument arrays', () => {
  it('an atomic upgrade with a failing hook, Helm 3', () => {
    expect(upgradeArgs(3, 'rel', 'charts/demo-hooks', target, { rollbackOnFailure: true, set: { 'hooks.migration.fail': true }, timeout: '2m' })).toEqual([
      'upgrade', 'rel', 'charts/demo-hooks',
      '--kubeconfig', '.cluster/kubeconfig', '--namespace', 'dh-x',
      '--reset-values',
      '--set', 'hooks.migration.fail=true',
      '--atomic',
      '--timeout', '2m',
    ]);
  });

  it('the same upgrade, Helm 4', () => {
    const args = upgradeArgs(4, 'rel', 'charts/demo-hooks', target, { rollbackOnFailure: true, set: { 'hooks.migration.fail': true }, timeout: '2m' });
    expect(args).toContain('--rollback-on-failure');
    expect(args).not.toContain('--atomic');
  });

  it('always names the kubeconfig and the namespace', () => {
    for (const args of [
      installArgs(3, 'r', 'c', target),
      upgradeArgs(4, 'r', 'c', target),
      rollbackArgs(3, 'r', 1, target),
      uninstallArgs(4, 'r', target),
      historyArgs('r', target),
      statusArgs('r', target),
    ]) {
      expect(args.slice(args.indexOf('--kubeconfig'), args.indexOf('--kubeconfig') + 4)).toEqual(['--kubeconfig', '.cluster/kubeconfig', '--namespace', 'dh-x']);
    }
  });

  it('a dry run hides Secrets and adds the values files first', () => {
    expect(installArgs(4, 'r', 'c', target, { dryRun: 'client', debug: true, valuesFiles: ['v.yaml'] })).toEqual([
      'install', 'r', 'c', '--kubeconfig', '.cluster/kubeconfig', '--namespace', 'dh-x', '-f', 'v.yaml', '--debug', '--dry-run=client', '--hide-secret',
    ]);
  });

  it('an upgrade can keep the last values instead of resetting them', () => {
    const args = upgradeArgs(3, 'r', 'c', target, { reuseValues: true });
    expect(args).toContain('--reuse-values');
    expect(args).not.toContain('--reset-values');
  });

  it('upgrade --install: the flag follows release and chart', () => {
    expect(upgradeArgs(4, 'r', 'c', target, { install: true }).slice(0, 4)).toEqual(['upgrade', 'r', 'c', '--install']);
    expect(upgradeArgs(4, 'r', 'c', target)).not.toContain('--install');
  });

  it('rollback with and without a revision, uninstall with --no-hooks and a wait strategy', () => {
    expect(rollbackArgs(3, 'r', 1, target).slice(0, 3)).toEqual(['rollback', 'r', '1']);
    expect(rollbackArgs(3, 'r', undefined, target).slice(0, 3)).toEqual(['rollback', 'r', '--kubeconfig']);
    expect(uninstallArgs(4, 'r', target, { noHooks: true, wait: true })).toEqual(['uninstall', 'r', '--kubeconfig', '.cluster/kubeconfig', '--namespace', 'dh-x', '--no-hooks', '--wait=watcher']);
    expect(uninstallArgs(3, 'r', target, { wait: true, cascade: 'foreground' })).toEqual(['uninstall', 'r', '--kubeconfig', '.cluster/kubeconfig', '--namespace', 'dh-x', '--cascade', 'foreground', '--wait']);
  });

  it('reads history and status as JSON', () => {
    expect(historyArgs('r', target).slice(-2)).toEqual(['-o', 'json']);
    expect(statusArgs('r', target).slice(-2)).toEqual(['-o', 'json']);
  });
});

describe('values on the command line', () => {
  it('keeps every value the type the scenario gave it', () => {
    expect(
      setArgs({
        'app.version': '2.0.0',
        'hooks.migration.fail': true,
        'hooks.migration.sleepSeconds': 90,
        'hooks.migration.upTo': '003',
        'hooks.notify.enabled': 'true',
        'hooks.migration.events': ['post-upgrade'],
        'hooks.dbSetup.deletePolicy': [],
        'note': 'a,b',
      }),
    ).toEqual([
      '--set', 'app.version=2.0.0',
      '--set', 'hooks.migration.fail=true',
      '--set', 'hooks.migration.sleepSeconds=90',
      '--set-string', 'hooks.migration.upTo=003',
      '--set-string', 'hooks.notify.enabled=true',
      '--set-json', 'hooks.migration.events=["post-upgrade"]',
      '--set-json', 'hooks.dbSetup.deletePolicy=[]',
      '--set-json', 'note="a,b"',
    ]);
  });

  it('describes values as a step title shows them', () => {
    const title = (set?: Record<string, string | boolean>) => commandTitle(shownArgs((release, chart, t) => installArgs(3, release, chart, t, set ? { set } : {})));
    expect(title({ 'app.version': '2.0.0', 'hooks.migration.fail': true })).toBe('helm install --set app.version=2.0.0 --set hooks.migration.fail=true');
    expect(title(undefined)).toBe('helm install');
  });
});

describe("a step's own values file", () => {
  it('goes after the cluster values and before the files the user gave `run --values`', () => {
    const ctx = { valuesFiles: ['charts/demo-hooks/values-local.yaml', 'mine.yaml'] };
    expect(changeOptions(ctx, { values: 'labs/values/quick-install.yaml' }).valuesFiles).toEqual([
      'charts/demo-hooks/values-local.yaml', 'labs/values/quick-install.yaml', 'mine.yaml',
    ]);
    expect(changeOptions(ctx, {}).valuesFiles).toEqual(['charts/demo-hooks/values-local.yaml', 'mine.yaml']);
  });
});

describe('step titles come from the arguments Helm is given', () => {
  it('leave out only the release, the chart and where Helm points', () => {
    expect(shownArgs((release, chart, t) => upgradeArgs(3, release, chart, t, { install: true, timeout: '1m' }))).toEqual(['upgrade', '--install', '--reset-values', '--timeout', '1m']);
    expect(shownArgs((release, _chart, t) => rollbackArgs(4, release, 2, t, { wait: true }))).toEqual(['rollback', '2', '--wait=watcher']);
    expect(shownArgs((release, _chart, t) => uninstallArgs(3, release, t, { cascade: 'foreground' }))).toEqual(['uninstall', '--cascade', 'foreground']);
    expect(shownArgs((release, _chart, t) => testArgs(release, t, { timeout: '30s' }))).toEqual(['test', '--logs', '--timeout', '30s']);
  });

  it('an upgrade says --reset-values, which every upgrade passes', () => {
    expect(stepTitle(upgrade({ set: { 'app.version': '2.0.0' } }), 3)).toBe('helm upgrade --reset-values --set app.version=2.0.0');
    expect(stepTitle(upgrade({ install: true, outcome: { helm3: {}, helm4: { expectFailure: true } } }), 4)).toBe('helm upgrade --install --reset-values (expected to fail)');
  });

  it('a step shows its own values file, not the cluster’s', () => {
    expect(stepTitle(install({ values: 'labs/values/quick-install.yaml', atomic: true }), 4)).toBe('helm install -f labs/values/quick-install.yaml --rollback-on-failure');
  });

  it('a dry run shows the --hide-secret it is given', () => {
    expect(stepTitle(install({ dryRun: true, debug: true }), 3)).toBe('helm install --debug --dry-run --hide-secret');
  });

  it('rollback and uninstall titles are the flags their calls get', () => {
    expect(stepTitle(rollback({ to: 1, noHooks: true, expectFailure: true }), 3)).toBe('helm rollback 1 --no-hooks (expected to fail)');
    expect(stepTitle(uninstall({ cascade: 'foreground', wait: true }), 4)).toBe('helm uninstall --cascade foreground --wait=watcher');
  });

  it('interrupting and deleting a hook’s Job show the whole command line they run', () => {
    const interrupted = { set: { 'app.version': '2.0.0' }, values: 'labs/values/quick-install.yaml', timeout: '1m', signal: 'SIGINT', whileHookRuns: 'migration', exitCode: 1 } as const;
    expect(stepTitle(upgradeInterrupted(interrupted), 3)).toBe('helm upgrade --reset-values -f labs/values/quick-install.yaml --set app.version=2.0.0 --timeout 1m then SIGINT while hook migration runs');
    expect(stepTitle(installInterrupted({ ...interrupted, signal: 'SIGKILL' }), 4)).toBe('helm install -f labs/values/quick-install.yaml --set app.version=2.0.0 --timeout 1m then SIGKILL while hook migration runs');
    expect(stepTitle(upgradeWhileHookJobDeleted({ set: { 'app.version': '4.0.0' }, wait: true, deleteJobOf: 'migration' }), 4)).toBe(
      "helm upgrade --reset-values --set app.version=4.0.0 --wait=watcher and delete hook migration's Job while it runs",
    );
  });
});

describe('what a Helm step expects on each major', () => {
  it('is one outcome per major where they end differently', () => {
    const o = { outcome: { helm3: { expectFailure: true, errorMatches: /already exists/ }, helm4: { outputMatches: /success/ } } };
    expect(outcomeOn(o, 3)).toEqual({ expectFailure: true, errorMatches: /already exists/ });
    expect(outcomeOn(o, 4)).toEqual({ outputMatches: /success/ });
    expect(stepTitle(rollback({ to: 1, ...o }), 3)).toBe('helm rollback 1 (expected to fail)');
    expect(stepTitle(rollback({ to: 1, ...o }), 4)).toBe('helm rollback 1');
  });

  it('is the same failure on both, in each one\'s words, without it', () => {
    const o = { expectFailure: true, errorMatches: { helm3: /re-use/, helm4: /reuse/ } };
    expect(outcomeOn(o, 3)).toEqual({ expectFailure: true, errorMatches: /re-use/ });
    expect(outcomeOn(o, 4)).toEqual({ expectFailure: true, errorMatches: /reuse/ });
  });

  it('never both ways at once', () => {
    expect(() => outcomeOn({ expectFailure: true, outcome: { helm3: {}, helm4: {} } }, 3)).toThrow(/not both/);
  });
});
