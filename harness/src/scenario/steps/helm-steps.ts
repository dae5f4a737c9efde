// Steps that change the release: what an attendee types in the lab.
import { assertExit, assertOutput } from '../../assert/command.js';
import type { TextMatcher } from '../../assert/result.js';
import { installArgs, rollbackArgs, shownArgs, testArgs, uninstallArgs, upgradeArgs } from '../../helm/args.js';
import type {
  HelmCommandResult,
  HelmMajor,
  InstallOptions,
  ReleaseChangeOptions,
  RollbackOptions,
  SetValues,
  TestOptions,
  UninstallOptions,
  UpgradeOptions,
  WaitOption,
} from '../../helm/types.js';
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
export function outcomeOn(o: Pick<HelmStepOptions, 'expectFailure' | 'errorMatches' | 'outputMatches' | 'outcome'>, major: HelmMajor, release?: string): HelmOutcome {
  if (o.outcome) {
    if (o.expectFailure !== undefined || o.errorMatches !== undefined || o.outputMatches !== undefined) {
      throw new Error('give outcome: { helm3, helm4 } or expectFailure/errorMatches/outputMatches, not both');
    }
    return forHelm(o.outcome, major, release);
  }
  return {
    ...(o.expectFailure !== undefined ? { expectFailure: o.expectFailure } : {}),
    ...(o.errorMatches !== undefined ? { errorMatches: forHelm(o.errorMatches, major, release) } : {}),
    ...(o.outputMatches !== undefined ? { outputMatches: forHelm(o.outputMatches, major, release) } : {}),
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

/** Where a step's values files come from: the cluster's file, then the user's (`run --values`). */
type ValuesContext = Pick<StepContext, 'valuesFiles'>;

/** A title shows the step's own values file; the cluster's and the user's are the same for every step. */
const ownValuesOnly: ValuesContext = { valuesFiles: [] };

/** "helm upgrade --reset-values --set app.version=2.0.0": a command line as a step title shows it. */
export function commandTitle(shown: string[]): string {
  return ['helm', ...shown].join(' ');
}

/** A Helm step's title: the command line its own builder gives Helm, and whether it should fail. */
function title(shown: (major: HelmMajor) => string[], o: HelmStepOptions): (major: HelmMajor, release?: string) => string {
  return (major, release) => [commandTitle(shown(major)), outcomeOn(o, major, release).expectFailure ? '(expected to fail)' : ''].filter(Boolean).join(' ');
}

/** What every step that runs one Helm command carries besides its title and run. */
export function oneHelmCommand(o: { name?: string }): Pick<Step, 'name' | 'records'> {
  return { ...(o.name ? { name: o.name } : {}), records: { helm: 1 } };
}

export function checkOutcome(ctx: StepContext, result: HelmCommandResult, o: HelmStepOptions): void {
  const { expectFailure = false } = outcomeOn(o, ctx.helmMajor, ctx.helmRelease);
  ctx.check(assertExit(result, expectFailure));
  checkOutput(ctx, result, o);
}

/** What Helm's error output and standard output must say, on this major. */
export function checkOutput(ctx: StepContext, result: HelmCommandResult, o: Pick<HelmStepOptions, 'expectFailure' | 'errorMatches' | 'outputMatches' | 'outcome'>): void {
  const { errorMatches = null, outputMatches = null } = outcomeOn(o, ctx.helmMajor, ctx.helmRelease);
  if (errorMatches !== null) ctx.check(assertOutput(result, 'stderr', errorMatches));
  if (outputMatches !== null) ctx.check(assertOutput(result, 'stdout', outputMatches));
}

export function changeOptions(ctx: ValuesContext, o: InstallStepOptions): ReleaseChangeOptions {
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

export function installOptions(ctx: ValuesContext, o: InstallStepOptions): InstallOptions {
  return { ...changeOptions(ctx, o), ...(o.dryRun ? { dryRun: 'client' as const } : {}) };
}

/** The install a step runs, as its title shows it; also for the steps that do more than install. */
export function installShown(major: HelmMajor, o: InstallStepOptions): string[] {
  return shownArgs((release, chart, target) => installArgs(major, release, chart, target, installOptions(ownValuesOnly, o)));
}

export function install(o: InstallStepOptions = {}): Step {
  return {
    ...oneHelmCommand(o),
    title: title((major) => installShown(major, o), o),
    async run(ctx) {
      const result = await ctx.helm.install(ctx.release, ctx.chart, installOptions(ctx, o));
      ctx.recordChange(result);
      checkOutcome(ctx, result, o);
    },
  };
}

export function upgradeOptions(ctx: ValuesContext, o: UpgradeStepOptions): UpgradeOptions {
  return { ...changeOptions(ctx, o), ...(o.install ? { install: true } : {}) };
}

/** The upgrade a step runs, as its title shows it; also for the steps that do more than upgrade. */
export function upgradeShown(major: HelmMajor, o: UpgradeStepOptions): string[] {
  return shownArgs((release, chart, target) => upgradeArgs(major, release, chart, target, upgradeOptions(ownValuesOnly, o)));
}

export function upgrade(o: UpgradeStepOptions = {}): Step {
  return {
    ...oneHelmCommand(o),
    title: title((major) => upgradeShown(major, o), o),
    async run(ctx) {
      const result = await ctx.helm.upgrade(ctx.release, ctx.chart, upgradeOptions(ctx, o));
      ctx.recordChange(result);
      checkOutcome(ctx, result, o);
    },
  };
}

/** Helm's rollback and uninstall take no values, so their steps take none either. */
export interface RollbackStepOptions extends Omit<HelmStepOptions, 'values' | 'set' | 'atomic'> {
  /** Revision to go back to; Helm's default is the previous one. */
  to?: number;
}

function rollbackOptions(o: RollbackStepOptions): RollbackOptions {
  return {
    ...(o.noHooks ? { noHooks: true } : {}),
    ...(o.wait ? { wait: o.wait } : {}),
    ...(o.timeout ? { timeout: o.timeout } : {}),
  };
}

export function rollback(o: RollbackStepOptions = {}): Step {
  return {
    ...oneHelmCommand(o),
    title: title((major) => shownArgs((release, _chart, target) => rollbackArgs(major, release, o.to, target, rollbackOptions(o))), o),
    async run(ctx) {
      const result = await ctx.helm.rollback(ctx.release, o.to, rollbackOptions(o));
      ctx.recordChange(result);
      checkOutcome(ctx, result, o);
    },
  };
}

export interface UninstallStepOptions extends Omit<HelmStepOptions, 'values' | 'set' | 'atomic'> {
  /** `--cascade foreground`: the release's objects stay until their dependents (a Deployment's pods) are gone. */
  cascade?: UninstallOptions['cascade'];
}

function uninstallOptions(o: UninstallStepOptions): UninstallOptions {
  return {
    ...(o.cascade ? { cascade: o.cascade } : {}),
    ...(o.noHooks ? { noHooks: true } : {}),
    ...(o.wait ? { wait: o.wait } : {}),
    ...(o.timeout ? { timeout: o.timeout } : {}),
  };
}

export function uninstall(o: UninstallStepOptions = {}): Step {
  return {
    ...oneHelmCommand(o),
    title: title((major) => shownArgs((release, _chart, target) => uninstallArgs(major, release, target, uninstallOptions(o))), o),
    async run(ctx) {
      const result = await ctx.helm.uninstall(ctx.release, uninstallOptions(o));
      ctx.recordChange(result);
      checkOutcome(ctx, result, o);
    },
  };
}

export type TestStepOptions = Pick<HelmStepOptions, 'name' | 'timeout' | 'expectFailure' | 'errorMatches' | 'outputMatches' | 'outcome'>;

/** `helm test --logs`: runs the chart's test hooks against the deployed release. */
export function helmTest(o: TestStepOptions = {}): Step {
  const options: TestOptions = o.timeout ? { timeout: o.timeout } : {};
  return {
    ...oneHelmCommand(o),
    title: title(() => shownArgs((release, _chart, target) => testArgs(release, target, options)), o),
    async run(ctx) {
      const result = await ctx.helm.test(ctx.release, options);
      ctx.recordChange(result);
      checkOutcome(ctx, result, o);
    },
  };
}
