// The flags whose spelling differs between Helm 3 and Helm 4, in one place.
// Everything else (--set, --timeout, --no-hooks, --wait-for-jobs, ...) is spelled the same.
import type { DryRunMode, HelmMajor, WaitOption } from './types.js';

/**
 * Helm 3: `--atomic` (implies --wait).
 * Helm 4: `--rollback-on-failure` (defaults --wait to "watcher"); `--atomic` still parses but is deprecated.
 */
export function rollbackOnFailureFlag(major: HelmMajor): string {
  return major === 3 ? '--atomic' : '--rollback-on-failure';
}

/**
 * Helm 3: `--wait` is a boolean and there is only its polling waiter.
 * Helm 4: `--wait` takes a strategy; bare `--wait` means "watcher", and leaving it out means
 * "hookOnly" (wait for hook Jobs, not for the release's Deployments). We always spell the
 * strategy out so the report shows what Helm 4 was asked to do.
 */
export function waitFlags(major: HelmMajor, wait: WaitOption | undefined): string[] {
  if (!wait) return [];
  if (major === 3) return ['--wait'];
  return [`--wait=${wait === true ? 'watcher' : wait}`];
}

/**
 * Helm 3.13+: `--dry-run` alone means client; `--dry-run=server` asks the API server.
 * Helm 4: bare `--dry-run` still works but logs a deprecation warning, so we say `=client`.
 * Keeping Helm 3 on the bare form matches the lab text (`helm install --dry-run --debug`).
 */
export function dryRunFlags(major: HelmMajor, mode: DryRunMode | undefined): string[] {
  if (!mode) return [];
  if (mode === 'client' && major === 3) return ['--dry-run'];
  return [`--dry-run=${mode}`];
}
