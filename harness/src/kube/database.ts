// Facts from the release's PostgreSQL, read through `kubectl exec` into its pod. The password
// stays in the pod: the shell there expands $POSTGRES_PASSWORD, the harness never sees it.
import type { Kube } from './client.js';
import { execInPod } from './exec.js';
import { chartFullname } from './labels.js';

export type DbRead<T> = { ok: true; value: T } | { ok: false; error: string };

export function postgresPodName(release: string): string {
  return `${chartFullname(release)}-postgresql-0`;
}

async function query(kube: Kube, kubectl: string, namespace: string, release: string, sql: string, signal?: AbortSignal): Promise<DbRead<string[]>> {
  const script = 'PGPASSWORD="$POSTGRES_PASSWORD" psql -v ON_ERROR_STOP=1 -U "${POSTGRES_USER:-postgres}" -d "${POSTGRES_DB:-webapp}" -tA -c "$1"';
  const result = await execInPod(kube, { kubectl, namespace, pod: postgresPodName(release) }, ['sh', '-c', script, 'psql', sql], signal);
  if (result.exitCode !== 0) return { ok: false, error: (result.stderr || result.stdout).trim() || `exit code ${result.exitCode}` };
  return { ok: true, value: result.stdout.split('\n').map((l) => l.trim()).filter(Boolean) };
}

/** Versions recorded in schema_migrations, ascending, e.g. ["001", "002"]. */
export function readAppliedMigrations(kube: Kube, kubectl: string, namespace: string, release: string, signal?: AbortSignal): Promise<DbRead<string[]>> {
  return query(kube, kubectl, namespace, release, 'SELECT version FROM schema_migrations ORDER BY version', signal);
}

/** The roles of that name that exist (none or one): the db setup hook creates app_reader. */
export function readRole(kube: Kube, kubectl: string, namespace: string, release: string, role: string, signal?: AbortSignal): Promise<DbRead<string[]>> {
  if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`role name "${role}" is not a plain PostgreSQL identifier`);
  return query(kube, kubectl, namespace, release, `SELECT rolname FROM pg_roles WHERE rolname = '${role}'`, signal);
}
