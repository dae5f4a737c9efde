// Whether the run that made a namespace is still going, read from the lease annotations that
// run-lease.ts keeps on it. Pure, so `demo-hooks clean` and `cluster status` can judge without I/O.
import { annotation } from './labels.js';

/** How long a renewal keeps a run alive: three renewals (every 15 s) may fail in a row before clean may take it. */
export const LEASE_SECONDS = 60;

export type RunState = { alive: true; until: Date; runBy?: string } | { alive: false; why: string };

/**
 * Whether the run that made a namespace is still going, read from its annotations. The time is
 * compared with this machine's clock, so two machines whose clocks differ by more than a few
 * seconds should not share runs and clean.
 */
export function runState(annotations: Readonly<Record<string, string>> | undefined, now: Date): RunState {
  const until = annotations?.[annotation.aliveUntil];
  if (!until) return { alive: false, why: 'its run ended' };
  const at = new Date(until);
  if (Number.isNaN(at.getTime())) return { alive: false, why: `its ${annotation.aliveUntil} is not a time ("${until}")` };
  if (at.getTime() <= now.getTime()) return { alive: false, why: `its run stopped renewing its lease (expired ${at.toISOString()})` };
  const runBy = annotations[annotation.runBy];
  return { alive: true, until: at, ...(runBy ? { runBy } : {}) };
}
