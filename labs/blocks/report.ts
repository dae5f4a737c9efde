// The reports blocks are rendered from: the harness's typed report (LabReport), keyed by
// scenario and Helm major, and the commands in it a guide can point at.
import { LabReport } from '../../harness/src/report-contract.js';
import { readReportAs, ReportShapeError } from '../../harness/src/report/read.js';
import { stepPlaces, type StepPlace } from '../../harness/src/scenario/step-names.js';
import { allScenarios } from '../../scenarios/index.js';

export type { LabReport } from '../../harness/src/report-contract.js';
export type ReportCommand = LabReport['commands'][number];
export type ReportTypedCommand = LabReport['typedCommands'][number];

/** Reports by `reportKey`, e.g. "pre-fail helm3". */
export type ReportSet = ReadonlyMap<string, LabReport>;

export function reportKey(scenario: string, major: number): string {
  return `${scenario} helm${major}`;
}

export class BlockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BlockError';
  }
}

/** Checks a parsed JSON report against the contract's LabReport; `source` names it in errors. */
export function asLabReport(json: unknown, source: string): LabReport {
  try {
    return readReportAs(LabReport, json, source);
  } catch (err) {
    throw err instanceof ReportShapeError ? new BlockError(err.message) : err;
  }
}

/** Helm calls the harness makes to read state; a guide's "command N" counts only the others. */
const READ_ONLY_VERBS = new Set(['history', 'status', 'get', 'list', 'version']);

export function isReadOnly(c: ReportCommand): boolean {
  return READ_ONLY_VERBS.has(c.args[0] ?? '');
}

/** The commands a scenario step ran on purpose (install, upgrade, rollback, uninstall …), in order. */
export function actionCommands(r: LabReport): ReportCommand[] {
  return r.commands.filter((c) => !isReadOnly(c));
}

export function positiveInt(text: string, what: string): number {
  if (!/^[1-9]\d*$/.test(text)) throw new BlockError(`${what} "${text}" is not a number from 1 up`);
  return Number(text);
}

export function actionCommand(r: LabReport, n: number): ReportCommand {
  const actions = actionCommands(r);
  const c = actions[n - 1];
  if (!c) throw new BlockError(`${reportKey(r.scenario.name, r.helm.major)} has ${actions.length} helm commands besides history/status, not ${n}`);
  return c;
}

/** The Nth command the scenario typed as the guide shows it (attendeeTypes). */
export function typedCommand(r: LabReport, n: number): ReportTypedCommand {
  const c = r.typedCommands[n - 1];
  if (!c) throw new BlockError(`${reportKey(r.scenario.name, r.helm.major)} typed ${r.typedCommands.length} of the guide's commands, not ${n}`);
  return c;
}

const placesByScenario = new Map<string, Map<string, StepPlace>>();

/** The named steps of a scenario's definition, and where their commands sit in its reports. */
export function namedSteps(scenario: string): Map<string, StepPlace> {
  let places = placesByScenario.get(scenario);
  if (!places) {
    const s = allScenarios.find((x) => x.name === scenario);
    if (!s) throw new BlockError(`no scenario "${scenario}"`);
    places = stepPlaces(s.steps);
    placesByScenario.set(scenario, places);
  }
  return places;
}

/**
 * Which of the report's commands a marker means: a step's name (`migration-fails`), resolved
 * through the scenario's definition, or, as older markers wrote it, a count from 1.
 */
function commandNumber(r: LabReport, ref: string, what: 'helm' | 'typed', words: string): number {
  if (/^\d+$/.test(ref)) return positiveInt(ref, words);
  const places = namedSteps(r.scenario.name);
  const place = places.get(ref);
  const fitting = [...places].filter(([, p]) => p[what] !== undefined).map(([n]) => n);
  const known = fitting.length ? `; its steps named for this are ${fitting.join(', ')}` : '';
  if (!place) throw new BlockError(`${words} "${ref}": scenario ${r.scenario.name} names no step so${known}`);
  const n = place[what];
  if (n === undefined) throw new BlockError(`${words} "${ref}": step ${ref} of ${r.scenario.name} ${what === 'helm' ? 'runs no helm command' : 'types no command'}${known}`);
  return n;
}

/** The number of the Helm command (besides history/status) a marker names, from 1. */
export function helmCommandNumber(r: LabReport, ref: string, words = 'command'): number {
  return commandNumber(r, ref, 'helm', words);
}

/** The number of the typed command a marker names, from 1. */
export function typedCommandNumber(r: LabReport, ref: string, words = 'shell command'): number {
  return commandNumber(r, ref, 'typed', words);
}

/** The window of command N: from its start to the start of the next command (or the run's end). */
export function commandWindow(r: LabReport, arg: string | undefined): { from: number; to: number } {
  if (arg === undefined) return { from: -Infinity, to: Infinity };
  const n = helmCommandNumber(r, arg);
  const c = actionCommand(r, n);
  const next = actionCommands(r)[n];
  return { from: Date.parse(c.startedAt), to: next ? Date.parse(next.startedAt) : Infinity };
}
