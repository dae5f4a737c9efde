// The name of a run's namespace: one per run, so runs never see each other's objects. The release
// in it is always `demo`, as in the guides (runner.ts).
import { randomBytes } from 'node:crypto';
import type { HelmMajor } from '../tools.js';

export function shortId(): string {
  // 6 base-36 characters: enough that parallel and repeated runs never collide in practice.
  const n = randomBytes(4).readUInt32BE(0);
  return n.toString(36).padStart(6, '0').slice(-6);
}

/** Helm release names are capped at 53 characters and must be DNS-1123 labels. */
export const MAX_RELEASE_NAME = 53;

/**
 * `dh-<scenario>-h<major>-<id>`, the run's namespace. Long scenario names are shortened so that
 * the name also works as a release name (`demo-hooks observe` runs and older reports use it so),
 * with the chart's longest object name (`<release>-demo-hooks-post-rollback`) under 63.
 */
export function runName(scenario: string, major: HelmMajor, id: string): string {
  const budget = 28 - `dh--h${major}-${id}`.length;
  const part = scenario.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, Math.max(budget, 1)).replace(/-+$/, '');
  const name = `dh-${part}-h${major}-${id}`;
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) || name.length > MAX_RELEASE_NAME) throw new Error(`invalid run name ${name}`);
  return name;
}
