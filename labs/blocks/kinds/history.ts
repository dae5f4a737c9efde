// `history [after=N]`: the harness's summary of `helm history -o json`, at the end of the run or
// as read right after command N: REVISION, STATUS and the whole DESCRIPTION on one line. The
// guides show what `helm history` itself prints with a `shell` block.
import { table } from '../../../harness/src/report/style.js';
import type { BlockKind, BlockSpec } from '../kind.js';
import { normaliser } from '../normalise.js';
import { actionCommand, BlockError, helmCommandNumber, isReadOnly, reportKey, type LabReport } from '../report.js';

interface HistoryRow {
  revision: number;
  status: string;
  description: string;
}

function historyRows(json: unknown, where: string): HistoryRow[] {
  if (!Array.isArray(json)) throw new BlockError(`${where}: helm history output is not a JSON list`);
  return json
    .map((row: unknown): HistoryRow => {
      const o = (row ?? {}) as Record<string, unknown>;
      return { revision: Number(o.revision), status: String(o.status ?? ''), description: String(o.description ?? '') };
    })
    .sort((a, b) => a.revision - b.revision);
}

function renderHistory(r: LabReport, spec: BlockSpec): string[] {
  const key = reportKey(r.scenario.name, r.helm.major);
  let rows: HistoryRow[];
  if (spec.options.after !== undefined) {
    // `helm history` as the harness read it right after command N.
    const n = helmCommandNumber(r, spec.options.after, 'after');
    const action = actionCommand(r, n);
    const from = r.commands.indexOf(action);
    const next = r.commands.slice(from + 1).find((c) => c.args[0] === 'history' || !isReadOnly(c));
    if (!next || next.args[0] !== 'history') throw new BlockError(`${key}: no helm history was read between command ${n} and the next command`);
    if (next.exitCode !== 0) return [normaliser(r)(next.stderr)];
    try {
      rows = historyRows(JSON.parse(next.stdout), key);
    } catch (err) {
      throw new BlockError(`${key}: helm history after command ${n}: ${(err as Error).message}`);
    }
  } else {
    if (!r.history) return [normaliser(r)(r.historyError ?? 'no history')];
    rows = historyRows(r.history.json, key);
  }
  const norm = normaliser(r);
  const flat = (s: string) => norm(s).replace(/\s+/g, ' ').trim();
  return table(
    ['REVISION', 'STATUS', 'DESCRIPTION'],
    rows.map((h) => [String(h.revision), h.status, flat(h.description)]),
  );
}

export const historyKind: BlockKind = {
  name: 'history',
  shows: '`helm history` at the end, or `after=NAME`: right after the named step\'s command',
  minArgs: 0,
  maxArgs: 0,
  options: ['after'],
  harnessSummary: (r, spec) =>
    `(harness summary of helm history -o json${spec.options.after ? `, read after command ${helmCommandNumber(r, spec.options.after, 'after')}` : ' at the end'}: the full descriptions)`,
  render: renderHistory,
};
