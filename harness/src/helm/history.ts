// `helm history -o json`: the same shape in Helm 3 and Helm 4
// (revision, updated, status, chart, app_version, description); Helm 4 adds rollback_revision.
import type { HistoryEntry, ReleaseHistory } from '../report-contract.js';

export type { HistoryEntry, ReleaseHistory };

export class HelmOutputError extends Error {
  constructor(what: string, detail: string, readonly output: string) {
    super(`cannot read ${what}: ${detail}`);
    this.name = 'HelmOutputError';
  }
}

export function parseHistory(stdout: string): ReleaseHistory {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch (err) {
    throw new HelmOutputError('helm history -o json', (err as Error).message, stdout);
  }
  if (!Array.isArray(json)) throw new HelmOutputError('helm history -o json', 'expected a JSON array', stdout);
  const entries = json.map((row: unknown, i): HistoryEntry => {
    if (!row || typeof row !== 'object') throw new HelmOutputError('helm history -o json', `row ${i} is not an object`, stdout);
    const r = row as Record<string, unknown>;
    if (typeof r.revision !== 'number') throw new HelmOutputError('helm history -o json', `row ${i} has no numeric revision`, stdout);
    return {
      revision: r.revision,
      ...(typeof r.updated === 'string' && r.updated !== '' ? { updated: r.updated } : {}),
      status: String(r.status ?? ''),
      chart: String(r.chart ?? ''),
      appVersion: String(r.app_version ?? ''),
      description: String(r.description ?? ''),
      ...(typeof r.rollback_revision === 'number' ? { rollbackRevision: r.rollback_revision } : {}),
    };
  });
  entries.sort((a, b) => a.revision - b.revision);
  return { stdout, json, entries };
}
