// `hook-log HOOK[#N]`: the log of a hook's pod as the harness saved it when the container ended,
// before a delete policy could remove it. A guide shows a log with `kubectl logs` (a `shell`
// block) while the pod exists; this kind is for logs no command can show any more.
import type { BlockKind, BlockSpec } from '../kind.js';
import { head, intOption } from '../kind.js';
import { normaliser } from '../normalise.js';
import { BlockError, positiveInt, reportKey, type LabReport } from '../report.js';

function renderHookLog(r: LabReport, spec: BlockSpec): string[] {
  const m = /^([A-Za-z]+)(?:#(\d+))?$/.exec(spec.args[0] ?? '');
  if (!m || !m[1]) throw new BlockError(`hook-log "${spec.args[0] ?? ''}": use HOOK or HOOK#N, e.g. migration#2`);
  const hook = m[1];
  const logs = r.hookLogs.filter((l) => l.hook === hook);
  const key = reportKey(r.scenario.name, r.helm.major);
  if (!logs.length) throw new BlockError(`${key} saved no log of hook ${hook}`);
  const n = m[2] === undefined ? logs.length : positiveInt(m[2], 'log number');
  const log = logs[n - 1];
  if (!log) throw new BlockError(`${key} saved ${logs.length} log(s) of hook ${hook}, not ${n}`);
  const text = normaliser(r)(log.log);
  const lines = text ? text.split('\n') : [log.error ? `(no log: ${normaliser(r)(log.error)})` : '(empty log)'];
  return head(lines, intOption(spec, 'head', Number.MAX_SAFE_INTEGER));
}

export const hookLogKind: BlockKind = {
  name: 'hook-log',
  shows: 'the saved log of a hook\'s pod, the last one unless `#N` says which',
  minArgs: 1,
  maxArgs: 1,
  options: ['head'],
  harnessSummary: (r, spec) =>
    `(harness recording: the log of ${spec.args[0]}'s pod, saved when its container ended; reports/${r.scenario.name}-helm<3|4>.json keeps it under hookLogs)`,
  render: renderHookLog,
};
