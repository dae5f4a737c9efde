// Prints each hook's story to the terminal as the observer sees it: created, started, succeeded
// or failed with its exit code, deleted by its policy, and the warnings about it. Names, reasons
// and messages are the cluster's: they are printed visible (report/cluster-text.ts), never raw.
import { shownStrings } from '../report/cluster-text.js';
import type { TimelineEntry } from './timeline.js';
import type { Style } from '../report/style.js';

export function describeLiveEntry(
  e: TimelineEntry,
  sinceMs: number,
  style: Style,
  deletePolicies?: readonly string[],
  shortName: (name: string) => string = (name) => name,
): string | undefined {
  if (!e.hook) return undefined;
  if (e.kind === 'Event' && !e.warning) return undefined;
  const at = style.dim(`${sinceMs < 0 ? '-' : '+'}${(Math.abs(sinceMs) / 1000).toFixed(1).padStart(5)}s`);
  const who = `${e.kind} ${shortName(e.name)}`;
  switch (e.what) {
    case 'created': {
      if (e.existedBefore) return `${at}  ${who} ${style.dim('was there before this command')}`;
      const detail = [e.hookEvents?.join(','), e.weight === undefined ? undefined : `weight ${e.weight}`].filter(Boolean).join(', ');
      return `${at}  ${who} created${detail ? style.dim(` (${detail})`) : ''}`;
    }
    case 'started':
      return `${at}  ${who} started`;
    case 'succeeded':
      // Helm waits only for Jobs and Pods; a ConfigMap or Role hook is done once it exists.
      return e.kind === 'Job' || e.kind === 'Pod' ? `${at}  ${who} ${style.ok('succeeded')}` : undefined;
    case 'failed':
      return `${at}  ${who} ${style.bad('failed')}${e.exitCode === undefined ? '' : ` exit ${e.exitCode}`}${e.reason ? ` ${e.reason}` : ''}`;
    case 'deleted':
      return `${at}  ${who} deleted${deletePolicies ? style.dim(` (delete policy ${deletePolicies.length ? deletePolicies.join(',') : 'before-hook-creation, Helm\'s default'})`) : ''}`;
    case 'event':
      // An event, not the object's state: "Pod x Warning Failed: …" on a pod still Pending.
      return `${at}  ${e.involvedKind ?? 'Event'} ${shortName(e.name)} ${style.warn(`Warning ${e.reason ?? ''}`.trimEnd())}: ${e.message ?? ''}`;
  }
}

/**
 * Hands out the entries not printed yet; the timeline is rebuilt on every event, so count what was shown.
 * shortName may shorten object names (a scenario run drops its release's long prefix).
 */
export function liveEventPrinter(
  startedAt: number,
  print: (line: string) => void,
  style: Style,
  shortName?: (name: string) => string,
): (timeline: readonly TimelineEntry[]) => void {
  const shown = new Set<string>();
  const policies = new Map<string, string[]>();
  // Objects from before the command: only their deletion is news.
  const existing = new Set<string>();
  return (timeline) => {
    for (const e of timeline) {
      const key = `${e.at}|${e.kind}|${e.name}|${e.what}|${e.reason ?? ''}|${e.message ?? ''}`;
      if (shown.has(key)) continue;
      shown.add(key);
      const object = `${e.kind}/${e.name}`;
      if (e.what === 'created' && e.deletePolicies) policies.set(object, shownStrings(e.deletePolicies));
      if (e.what === 'created') {
        if (e.existedBefore) existing.add(object);
        else existing.delete(object);
      } else if (existing.has(object) && e.what !== 'deleted') {
        continue;
      }
      const line = describeLiveEntry(shownStrings(e), Date.parse(e.at) - startedAt, style, policies.get(object), shortName);
      if (line) print(line);
    }
  };
}
