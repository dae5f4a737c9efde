// Where a named step's commands sit in a run's report. A guide's marker names a step
// (`command migration-fails`); the report numbers its commands. Each step says how many it
// records (Step.records), so adding those up over the steps before a named one gives its place,
// from the definition alone: no report has to hold the names.
import type { Scenario, Step } from './types.js';

/** 1-based places in the report: among the Helm commands besides history/status reads, and among the typed commands. */
export interface StepPlace {
  step: Step;
  /** The step's first Helm command, when it runs one. */
  helm?: number;
  /** The step's first typed command, when it types one. */
  typed?: number;
}

/** A name a marker can use: lower case words and digits joined by dashes, never a number (a number is a count). */
export const STEP_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function isStepName(text: string): boolean {
  return STEP_NAME.test(text) && !/^\d+$/.test(text);
}

/** Every named step of the steps given, by name; a bad or repeated name throws. */
export function stepPlaces(steps: readonly Step[]): Map<string, StepPlace> {
  const places = new Map<string, StepPlace>();
  let helm = 0;
  let typed = 0;
  for (const step of steps) {
    const h = step.records?.helm ?? 0;
    const t = step.records?.typed ?? 0;
    if (step.name !== undefined) {
      if (!isStepName(step.name)) throw new Error(`step name "${step.name}": use lower case words joined by dashes, not a number`);
      if (places.has(step.name)) throw new Error(`step name "${step.name}" is given twice`);
      places.set(step.name, { step, ...(h ? { helm: helm + 1 } : {}), ...(t ? { typed: typed + 1 } : {}) });
    }
    helm += h;
    typed += t;
  }
  return places;
}

/** How many Helm commands (besides history/status reads) and typed commands a run of the scenario records. */
export function recordedCounts(scenario: Pick<Scenario, 'steps'>): { helm: number; typed: number } {
  return scenario.steps.reduce((n, s) => ({ helm: n.helm + (s.records?.helm ?? 0), typed: n.typed + (s.records?.typed ?? 0) }), { helm: 0, typed: 0 });
}
