// `helm status -o json`: the release object (name, info, hooks with last_run, config, manifest,
// chart, version, namespace). Only the parts the harness reasons about are typed; the report keeps
// a redacted copy of the rest.
import { HelmOutputError } from './history.js';
import { redactJsonValue } from './redact.js';
import type { HookRun, ReleaseStatus } from '../report-contract.js';

export type { HookRun, ReleaseStatus };

export function parseStatus(stdout: string): ReleaseStatus {
  let raw: unknown;
  try {
    raw = JSON.parse(stdout);
  } catch (err) {
    throw new HelmOutputError('helm status -o json', (err as Error).message, stdout);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new HelmOutputError('helm status -o json', 'expected a JSON object', stdout);
  const r = raw as Record<string, unknown>;
  const info = (r.info ?? {}) as Record<string, unknown>;
  const hooks = Array.isArray(r.hooks) ? r.hooks : [];
  return {
    name: str(r.name),
    namespace: str(r.namespace),
    revision: typeof r.version === 'number' ? r.version : 0,
    status: str(info.status),
    description: str(info.description),
    ...optionalString('firstDeployed', info.first_deployed),
    ...optionalString('lastDeployed', info.last_deployed),
    hooks: hooks.map(parseHook),
    config: r.config && typeof r.config === 'object' ? (redactJsonValue(r.config) as Record<string, unknown>) : {},
    json: redactJsonValue(withoutChartFiles(r)),
  };
}

function parseHook(h: unknown): HookRun {
  const o = (h ?? {}) as Record<string, unknown>;
  const last = (o.last_run ?? {}) as Record<string, unknown>;
  return {
    name: str(o.name),
    kind: str(o.kind),
    path: str(o.path),
    events: Array.isArray(o.events) ? o.events.map(String) : [],
    weight: typeof o.weight === 'number' ? o.weight : 0,
    deletePolicies: Array.isArray(o.delete_policies) ? o.delete_policies.map(String) : [],
    lastRun: {
      phase: str(last.phase),
      ...optionalString('startedAt', last.started_at),
      ...optionalString('completedAt', last.completed_at),
    },
  };
}

function withoutChartFiles(r: Record<string, unknown>): Record<string, unknown> {
  if (!r.chart || typeof r.chart !== 'object') return r;
  const chart = r.chart as Record<string, unknown>;
  return { ...r, chart: { metadata: chart.metadata } };
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

function optionalString<K extends string>(key: K, v: unknown): Partial<Record<K, string>> {
  return typeof v === 'string' && v !== '' ? ({ [key]: v } as Record<K, string>) : {};
}
