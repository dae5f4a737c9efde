// A scenario is the lab text as steps: Helm commands and what the cluster must show after them.
import semver from 'semver';
import { pinnedHelm } from '../helm/releases.js';
import type { AssertionResult } from '../assert/result.js';
import type { HelmDriver } from '../helm/driver.js';
import type { TypedCommandResult } from '../guide/typed-command.js';
import type { HelmCommandResult, HelmMajor } from '../helm/types.js';
import type { Kube } from '../kube/client.js';
import type { NamespaceObserver } from '../observe/observer.js';
import { stepPlaces } from './step-names.js';

export interface Scenario {
  /** Command-line name, e.g. "pre-fail"; also part of the namespace name. */
  name: string;
  title: string;
  /** Which part of which lab text this proves, e.g. "000 steps 1-4". */
  seedStep: string;
  description: string;
  /** Whole-scenario deadline; a scenario still running then is cut and reported "timed out". */
  deadlineSeconds?: number;
  /** Every step, in the order they run, with the parts they were written in flattened away. */
  steps: Step[];
  /** The parts the steps were written in (`part(title, steps)`), each a heading of the lab. */
  parts: ScenarioPart[];
  /** Where its Helm releases differ (its byRelease values): the atlas's table of changes lists them. */
  differences: ReleaseDifference[];
}

/** One byRelease declaration, as the atlas lists it. */
export interface ReleaseDifference {
  because: string;
  ranges: string[];
}

/** What a scenario file writes: steps, or parts of steps named like the lab's headings. */
export interface ScenarioDefinition extends Omit<Scenario, 'steps' | 'parts' | 'differences'> {
  steps: (Step | Part)[];
}

/** A named group of steps, as a lab heading groups its commands. */
export interface Part {
  part: string;
  steps: (Step | Part)[];
}

/** Where a part sits among a scenario's flattened steps. */
export interface ScenarioPart {
  title: string;
  /** Index of its first step in `Scenario.steps`. */
  first: number;
  /** How many steps it holds, those of parts inside it included. */
  count: number;
}

export interface Step {
  /** What the terminal report shows; may differ per Helm major (e.g. --atomic vs --rollback-on-failure). */
  title: string | ((helm: HelmMajor, release?: string) => string);
  run(ctx: StepContext): Promise<void>;
  /** The guide's command this step types, known before it runs (so a row of reads can start together). */
  types?: string;
  /**
   * What the guides' markers call this step (`command migration-fails`, `shell pods-after`),
   * unique in its scenario: a marker names a step, never counts to it.
   */
  name?: string;
  /**
   * How many Helm commands the step runs besides the history and status reads (an install, an
   * upgrade …), and how many of the guide's commands it types: a name is resolved to the place
   * its commands take in the report by adding these up over the steps before it.
   */
  records?: { helm?: number; typed?: number };
}

/** Everything a step may use. Steps never create namespaces, clean up or gather diagnostics: the runner does. */
export interface StepContext {
  readonly helm: HelmDriver;
  readonly helmMajor: HelmMajor;
  /** The exact release this run's Helm is, e.g. v3.18.6: what a byRelease expectation is resolved by. */
  readonly helmRelease: string;
  readonly kube: Kube;
  readonly kubectl: string;
  readonly release: string;
  readonly namespace: string;
  readonly chart: string;
  /** Extra -f files the cluster provider needs (e.g. local images). */
  readonly valuesFiles: readonly string[];
  readonly observer: NamespaceObserver;
  /** Aborts on the scenario deadline and on Ctrl-C. */
  readonly signal: AbortSignal;
  /** The latest install/upgrade/rollback/uninstall; hook expectations look at what happened since it started. */
  lastChange(): HelmCommandResult | undefined;
  recordChange(result: HelmCommandResult): void;
  /** Runs a command exactly as the guide shows it, in bash with the guide's set-up; the report keeps it. */
  typeCommand(command: string): Promise<TypedCommandResult>;
  check(result: AssertionResult): void;
  progress(message: string): void;
}

/**
 * What each range of Helm releases does where they differ (semver ranges: '<3.19.0', '>=3.19.0'),
 * and the Helm change that made the difference, for the reader and the atlas.
 */
export interface ByRelease<T> {
  readonly because: string;
  readonly releases: Readonly<Record<string, T>>;
}

/** A value that differs between Helm 3 and Helm 4, or between ranges of releases, or one value for all. */
export type PerHelm<T> = T | { helm3: T; helm4: T } | ByRelease<T>;

/** byRelease('helm/helm#30673 (v3.19.0, v4.0.0): …', { '<3.19.0': a, '>=3.19.0': b }) */
export function byRelease<T>(because: string, releases: Record<string, T>): ByRelease<T> {
  for (const range of Object.keys(releases)) {
    if (!semver.validRange(range)) throw new Error(`byRelease: "${range}" is not a semver range (e.g. '<3.19.0', '>=3.19.0 <4.0.0')`);
  }
  declared.push({ because, ranges: Object.keys(releases) });
  return { because, releases };
}

// A scenario file's byRelease calls run while its definition is written, just before
// defineScenario receives it: defineScenario takes the ones made since the last scenario.
let declared: ReleaseDifference[] = [];

let pinnedOnce: ReturnType<typeof pinnedHelm> | undefined;
const pinned = () => (pinnedOnce ??= pinnedHelm());

export class UndeclaredReleaseError extends Error {}

function isByRelease<T>(value: PerHelm<T>): value is ByRelease<T> {
  return !!value && typeof value === 'object' && !(value instanceof RegExp) && 'because' in value && 'releases' in value;
}

/**
 * The value for a run's Helm. A byRelease value needs the exact release (without one, the major's
 * pinned release stands in, as for the titles of a plan); a release that no range, or more than
 * one, takes is an error that names it: a difference must be declared, not guessed.
 */
export function forHelm<T>(value: PerHelm<T>, major: HelmMajor, release?: string): T {
  if (isByRelease(value)) {
    const version = semver.coerce(release || pinned()[major])?.version ?? '';
    const matching = Object.entries(value.releases).filter(([range]) => semver.satisfies(version, range));
    if (matching.length !== 1) {
      throw new UndeclaredReleaseError(
        `Helm ${version} is in ${matching.length === 0 ? 'no' : `${matching.length}`} of the declared ranges (${Object.keys(value.releases).join(', ')}; ${value.because}): declare what it does`,
      );
    }
    return matching[0]![1];
  }
  if (value && typeof value === 'object' && !(value instanceof RegExp) && 'helm3' in value && 'helm4' in value) {
    return major === 3 ? value.helm3 : value.helm4;
  }
  return value as T;
}

export function stepTitle(step: Step, major: HelmMajor, release?: string): string {
  return typeof step.title === 'function' ? step.title(major, release) : step.title;
}

export function part(title: string, steps: (Step | Part)[]): Part {
  return { part: title, steps };
}

function isPart(s: Step | Part): s is Part {
  return 'part' in s;
}

/**
 * The scenario the runner, the reports and the task list see: its steps flattened in the order
 * written, so a part changes no step's title, index or count; the parts are kept beside them.
 */
export function defineScenario(s: ScenarioDefinition): Scenario {
  const steps: Step[] = [];
  const parts: ScenarioPart[] = [];
  const walk = (items: readonly (Step | Part)[]) => {
    for (const item of items) {
      if (!isPart(item)) {
        steps.push(item);
        continue;
      }
      const at = parts.push({ title: item.part, first: steps.length, count: 0 }) - 1;
      walk(item.steps);
      parts[at]!.count = steps.length - parts[at]!.first;
    }
  };
  walk(s.steps);
  stepPlaces(steps); // a bad or repeated step name fails where the scenario is defined
  const differences = declared;
  declared = [];
  return { ...s, steps, parts, differences };
}
