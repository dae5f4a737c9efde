// `assertions [match=RE]`: the scenario's checks, ✔ or ✘, as its terminal report prints them.
import type { BlockKind, BlockSpec } from '../kind.js';
import { regexOption } from '../kind.js';
import { normaliser } from '../normalise.js';
import type { LabReport } from '../report.js';

function renderAssertions(r: LabReport, spec: BlockSpec): string[] {
  const norm = normaliser(r);
  const match = regexOption(spec, 'match');
  const rows = r.assertions.filter((a) => !match || match.test(a.name)).map((a) => `${a.passed ? '✔' : '✘'} ${norm(a.name).replace(/\s+/g, ' ')}`);
  return rows.length ? rows : ['(no assertions)'];
}

export const assertionsKind: BlockKind = {
  name: 'assertions',
  shows: 'the scenario\'s checks',
  minArgs: 0,
  maxArgs: 0,
  options: ['match'],
  harnessSummary: (r) => `(the checks of make scenario-${r.scenario.name}, as its report prints them)`,
  render: renderAssertions,
};
