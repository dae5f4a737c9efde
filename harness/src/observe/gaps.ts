// When the observer could not see: its watches' gaps, and what they mean for a claim about an
// interval. Pure, so the rules have unit tests.
//
// Any gap that overlaps the judged interval makes a claim about it unprovable, even one closed
// by resuming from a resourceVersion: the changes replayed then carry the time they arrived, not
// the time they happened, so they cannot be placed inside or outside the interval.
import type { WatchGap } from '../kube/watch.js';
import type { ObservedKind } from './timeline.js';
import type { ObserverGap } from '../report-contract.js';

export type { ObserverGap };

/** The gaps that overlap [from, to] (ISO times); a gap without an end lasts until now. */
export function gapsOverlapping(gaps: readonly ObserverGap[], from: string, to: string): ObserverGap[] {
  const start = Date.parse(from);
  const end = Date.parse(to);
  return gaps.filter((g) => Date.parse(g.from) <= end && (g.to === undefined || Date.parse(g.to) >= start));
}

function describeGap(g: ObserverGap): string {
  const how = g.to === undefined ? 'and still is' : g.closedBy === 'relisted' ? 'then had to list again (410 Gone)' : 'then resumed';
  return `the observer's ${g.watch} watch was blind from ${g.from} to ${g.to ?? 'now'} (${g.reason}; ${how})`;
}

/**
 * Why a claim about [from, to] cannot be proven, or undefined when the observer saw all of it:
 * "the observer's Job watch was blind from T1 to T2 (...): cannot prove no hook ran".
 */
export function blindness(gaps: readonly ObserverGap[], from: string, to: string, claim: string): string | undefined {
  const overlapping = gapsOverlapping(gaps, from, to);
  if (overlapping.length === 0) return undefined;
  return `${overlapping.map(describeGap).join('; ')}: cannot prove ${claim}`;
}
