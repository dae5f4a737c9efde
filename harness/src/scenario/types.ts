// A scenario is the lab text as steps: Helm commands and what the cluster must show after them.
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
}

/** What a scenario file writes: steps, or parts of steps named like the lab's headings. */
export interface ScenarioDefinition extends Omit<Scenario, 'steps' | 'parts'> {
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
  title: string | ((helm: HelmMajor) => string);
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

/** A value that differs between Helm 3 and Helm 4, or one value for both. */
export type PerHelm<T> = T | { helm3: T; helm4: T };

export function forHelm<T>(value: PerHelm<T>, major: HelmMajor): T {
  if (value && typeof value === 'object' && !(value instanceof RegExp) && 'helm3' in value && 'helm4' in value) {
    return major === 3 ? value.helm3 : value.helm4;
  }
  return value as T;
}

export function stepTitle(step: Step, major: HelmMajor): string {
  return typeof step.title === 'function' ? step.title(major) : step.title;
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
  return { ...s, steps, parts };
}
