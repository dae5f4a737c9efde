// Every block kind, once. A new kind is a module in kinds/ and one line here.
import type { BlockKind } from './kind.js';
import { assertionsKind } from './kinds/assertions.js';
import { commandKind } from './kinds/command.js';
import { eventsKind } from './kinds/events.js';
import { historyKind } from './kinds/history.js';
import { hookLogKind } from './kinds/hook-log.js';
import { jobsKind } from './kinds/jobs.js';
import { podsKind } from './kinds/pods.js';
import { shellKind } from './kinds/shell.js';
import { timelineKind } from './kinds/timeline.js';
import { tookKind } from './kinds/took.js';

export const BLOCK_KINDS: readonly BlockKind[] = [shellKind, commandKind, tookKind, historyKind, hookLogKind, podsKind, jobsKind, timelineKind, eventsKind, assertionsKind];

export function blockKind(name: string): BlockKind | undefined {
  return BLOCK_KINDS.find((k) => k.name === name);
}

/** Options every fenced kind takes. */
export const COMMON_OPTIONS = ['width'] as const;

export function optionsOf(kind: BlockKind): readonly string[] {
  return kind.renderProse ? kind.options : [...kind.options, ...COMMON_OPTIONS];
}
