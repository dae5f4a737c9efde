// Database facts: what a rollback does not undo.
import type { DbRead } from '../kube/database.js';
import { lineDiff } from './diff.js';
import { assertion, oneLine, type AssertionResult } from './result.js';

/** The newest applied migration is `latest` (and, if given, exactly these were applied). */
export function assertSchemaVersion(read: DbRead<string[]>, latest: string): AssertionResult {
  const name = `schema at ${latest}`;
  if (!read.ok) return assertion(name, false, `latest migration ${latest}`, `cannot read schema_migrations: ${oneLine(read.error)}`);
  const newest = read.value.at(-1);
  return assertion(name, newest === latest, `latest migration ${latest}`, read.value.length ? `applied: ${read.value.join(', ')}` : 'no migration applied');
}

export function assertAppliedMigrations(read: DbRead<string[]>, expected: readonly string[]): AssertionResult {
  const name = `migrations applied: ${expected.join(', ') || 'none'}`;
  if (!read.ok) return assertion(name, false, expected.join(', '), `cannot read schema_migrations: ${oneLine(read.error)}`);
  const passed = read.value.length === expected.length && read.value.every((v, i) => v === expected[i]);
  return assertion(name, passed, expected.join(', '), read.value.join(', ') || 'none', lineDiff(expected, read.value));
}

export function assertBackupFile(read: DbRead<string[]>, file: string, present = true): AssertionResult {
  const name = present ? `backup ${file} exists` : `no backup ${file}`;
  if (!read.ok) return assertion(name, false, present ? `${file} on the backup volume` : `no ${file}`, `cannot list the backup volume: ${oneLine(read.error)}`);
  const found = read.value.includes(file);
  return assertion(name, found === present, present ? `${file} on the backup volume` : `no ${file}`, read.value.length ? read.value.join(', ') : 'backup volume is empty');
}

/** Whether a role exists: proof that the hook which creates it ran to its end (or never did). */
export function assertRole(read: DbRead<string[]>, role: string, present: boolean): AssertionResult {
  const name = present ? `database role ${role} exists` : `no database role ${role}`;
  if (!read.ok) return assertion(name, false, present ? `role ${role}` : `no role ${role}`, `cannot read pg_roles: ${oneLine(read.error)}`);
  const found = read.value.includes(role);
  return assertion(name, found === present, present ? `role ${role}` : `no role ${role}`, found ? `role ${role} exists` : `no role ${role}`);
}
