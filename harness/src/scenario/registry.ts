// Turning the names on the command line into scenarios.
import type { Scenario } from './types.js';

export class UnknownScenarioError extends Error {
  constructor(
    readonly unknown: string[],
    readonly known: string[],
  ) {
    super(`unknown scenario${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')}; known scenarios: ${known.join(', ')} (or "all")`);
    this.name = 'UnknownScenarioError';
  }
}

/** "all" with other names: the others would be silently ignored, so the line is refused. */
export class AllWithOthersError extends Error {
  constructor(readonly others: string[]) {
    super(`"all" already names every scenario; give it alone, or name scenarios without it (not also ${others.map((n) => `"${n}"`).join(', ')})`);
    this.name = 'AllWithOthersError';
  }
}

/**
 * Names in the order given, each once; "all" alone means every scenario. Unknown names fail
 * together, also beside "all", so that a typo never goes unnoticed.
 */
export function resolveScenarios(names: readonly string[], known: readonly Scenario[]): Scenario[] {
  const byName = new Map(known.map((s) => [s.name, s]));
  const unknown = names.filter((n) => n !== 'all' && !byName.has(n));
  if (unknown.length) throw new UnknownScenarioError(unknown, known.map((s) => s.name));
  if (names.includes('all')) {
    const others = [...new Set(names.filter((n) => n !== 'all'))];
    if (others.length) throw new AllWithOthersError(others);
    return [...known];
  }
  return [...new Set(names)].map((n) => byName.get(n) as Scenario);
}
