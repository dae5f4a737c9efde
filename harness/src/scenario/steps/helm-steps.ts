// Steps that change the release: what an attendee types in the lab.
import { assertExit, assertOutput } from '../../assert/command.js';
import type { TextMatcher } from '../../assert/result.js';
import { dryRunFlags, rollbackOnFailureFlag, waitFlags } from '../../helm/flags.js';
import type { HelmCommandResult, HelmMajor, SetValues, UninstallOptions, WaitOption } from '../../helm/types.js';
import { describeSetValues } from '../../helm/values.js';
import { forHelm, type PerHelm, type Step, type StepContext } from '../types.js';

export interface HelmStepOptions {
  /** What the guides' markers call this step, e.g. `command migration-fails` (Step.name). */
  name?: string;
  /**
   * A values file of the lab's (a path from the repository's root, e.g. labs/values/x.yaml), passed
   * after the cluster's and before any the user gave `run --values`, so theirs still have the last word.
   */
  values?: string;
  set?: SetValues;
  noHooks?: boolean;
  /** The lab's `--atomic`; Helm 4 spells it `--rollback-on-failure`. */
  atomic?: boolean;
  wait?: WaitOption;
  /** Helm's --timeout, e.g. "20s". */
  timeout?: string;
  /** The lab expects Helm to exit non-zero; otherwise any non-zero exit fails the step. */
  expectFailure?: boolean;
  /** Something Helm's error output (stderr) must say, in each major's words; null: nothing to check on that major. */
  errorMatches?: PerHelm<TextMatcher | null>;
  /** Something Helm's standard output must say, in each major's words; null: nothing to check on that major. */
  outputMatches?: PerHelm<TextMatcher | null>;
  /**
   * Where Helm 3 and Helm 4 end differently (one fails, the other succeeds): each major's whole
   * outcome in one place, instead of the three fields above.
   */
  outcome?: { helm3: HelmOutcome; helm4: HelmOutcome };
}

/** How one Helm command ends on one major. */
export interface HelmOutcome {
  expectFailure?: boolean;
  errorMatches?: TextMatcher | null;
  outputMatches?: TextMatcher | null;
}

/** The outcome a step expects on this major, from `outcome` or from the fields beside it (never both). */
export function outcomeOn(o: Pick<HelmStepOptions, 'expectFailure' | 'errorMatches' | 'outputMatches' | 'outcome'>, major: HelmMajor): HelmOutcome {
  if (o.outcome) {
    if (o.expectFailure !== undefined || o.errorMatches !== undefined || o.outputMatches !== undefined) {
      throw new Error('give outcome: { helm3, helm4 } or expectFailure/errorMatches/outputMatches, not both');
    }
    return forHelm(o.outcome, major);
  }
  return {
    ...(o.expectFailure !== undefined ? { expectFailure: o.expectFailure } : {}),
    ...(o.errorMatches !== undefined ? { errorMatches: forHelm(o.errorMatches, major) } : {}),
    ...(o.outputMatches !== undefined ? { outputMatches: forHelm(o.outputMatches, major) } : {}),
  };
}

export interface UpgradeStepOptions extends HelmStepOptions {
  /** `helm upgrade --install`: installs when Helm knows no release of the name. */
  install?: boolean;
}

export interface InstallStepOptions extends HelmStepOptions {
  /** `--dry-run` (client side): render and print, create nothing. */
  dryRun?: boolean;
  debug?: boolean;
}

function title(verb: string, o: InstallStepOptions, extra: string[] = []): (major: HelmMajor) => string {
  return (major) =>
    [
      `helm ${verb}`,
      ...extra,
      o.values ? `-f ${o.values}` : '',
      describeSetValues(o.set),
      o.noHooks ? '--no-hooks' : '',
      o.atomic ? rollbackOnFailureFlag(major) : '',
      ...waitFlags(major, o.wait),
      o.timeout ? `--timeout ${o.timeout}` : '',
      ...dryRunFlags(major, o.dryRun ? 'client' : undefined),
      o.debug ? '--debug' : '',
      outcomeOn(o, major).expectFailure ? '(expected to fail)' : '',
    ]
      .filter(Boolean)
      .join(' ');
}

/** What every step that runs one Helm command carries besides its title and run. */
export function oneHelmCommand(o: { name?: string }): Pick<Step, 'name' | 'records'> {
  return { ...(o.name ? { name: o.name } : {}), records: { helm: 1 } };
}

export function checkOutcome(ctx: StepContext, result: HelmCommandResult, o: HelmStepOptions): void {
  const { expectFailure = false, errorMatches = null, outputMatches = null } = outcomeOn(o, ctx.helmMajor);
  ctx.check(assertExit(result, expectFailure));
  if (errorMatches !== null) ctx.check(assertOutput(result, 'stderr', errorMatches));
  if (outputMatches !== null) ctx.check(assertOutput(result, 'stdout', outputMatches));
}

export function changeOptions(ctx: Pick<StepContext, 'valuesFiles'>, o: InstallStepOptions) {
  return {
    // ctx.valuesFiles is the cluster's file, then the user's: the lab's own goes between them.
    valuesFiles: o.values ? [...ctx.valuesFiles.slice(0, 1), o.values, ...ctx.valuesFiles.slice(1)] : [...ctx.valuesFiles],
    ...(o.set ? { set: o.set } : {}),
    ...(o.noHooks ? { noHooks: true } : {}),
    ...(o.atomic ? { rollbackOnFailure: true } : {}),
    ...(o.wait ? { wait: o.wait } : {}),
    ...(o.timeout ? { timeout: o.timeout } : {}),
    ...(o.debug ? { debug: true } : {}),
  };
}

export function install(o: InstallStepOptions = {}): Step {
  return {
    ...oneHelmCommand(o),
    title: title('install', o),
    async run(ctx) {
      const result = await ctx.helm.install(ctx.release, ctx.chart, { ...changeOptions(ctx, o), ...(o.dryRun ? { dryRun: 'client' as const } : {}) });
      ctx.recordChange(result);
      checkOutcome(ctx, result, o);
    },
  };
}

export function upgrade(o: UpgradeStepOptions = {}): Step {
  return {
    ...oneHelmCommand(o),
    title: title('upgrade', o, o.install ? ['--install'] : []),
    async run(ctx) {
      const result = await ctx.helm.upgrade(ctx.release, ctx.chart, { ...changeOptions(ctx, o), ...(o.install ? { install: true } : {}) });
      ctx.recordChange(result);
      checkOutcome(ctx, result, o);
    },
  };
}

export interface RollbackStepOptions extends Omit<HelmStepOptions, 'set' | 'atomic'> {
  /** Revision to go back to; Helm's default is the previous one. */
  to?: number;
}

export function rollback(o: RollbackStepOptions = {}): Step {
  return {
    ...oneHelmCommand(o),
    title: title('rollback', o, o.to === undefined ? [] : [String(o.to)]),
    async run(ctx) {
      const result = await ctx.helm.rollback(ctx.release, o.to, {
        ...(o.noHooks ? { noHooks: true } : {}),
        ...(o.wait ? { wait: o.wait } : {}),
        ...(o.timeout ? { timeout: o.timeout } : {}),
      });
      ctx.recordChange(result);
      checkOutcome(ctx, result, o);
    },
  };
}

export interface UninstallStepOptions extends Omit<HelmStepOptions, 'set' | 'atomic'> {
  /** `--cascade foreground`: the release's objects stay until their dependents (a Deployment's pods) are gone. */
  cascade?: UninstallOptions['cascade'];
}

export function uninstall(o: UninstallStepOptions = {}): Step {
  return {
    ...oneHelmCommand(o),
    title: title('uninstall', o, o.cascade ? [`--cascade ${o.cascade}`] : []),
    async run(ctx) {
      const result = await ctx.helm.uninstall(ctx.release, {
        ...(o.cascade ? { cascade: o.cascade } : {}),
        ...(o.noHooks ? { noHooks: true } : {}),
        ...(o.wait ? { wait: o.wait } : {}),
        ...(o.timeout ? { timeout: o.timeout } : {}),
      });
      ctx.recordChange(result);
      checkOutcome(ctx, result, o);
    },
  };
}

export type TestStepOptions = Pick<HelmStepOptions, 'name' | 'timeout' | 'expectFailure' | 'errorMatches' | 'outputMatches' | 'outcome'>;

/** `helm test --logs`: runs the chart's test hooks against the deployed release. */
export function helmTest(o: TestStepOptions = {}): Step {
  return {
    ...oneHelmCommand(o),
    title: title('test', o, ['--logs']),
    async run(ctx) {
      const result = await ctx.helm.test(ctx.release, o.timeout ? { timeout: o.timeout } : {});
      ctx.recordChange(result);
      checkOutcome(ctx, result, o);
    },
  };
}
