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

/** Names in the order given, each once; "all" means every scenario. Unknown names fail together. */
export function resolveScenarios(names: readonly string[], known: readonly Scenario[]): Scenario[] {
  if (names.includes('all')) return [...known];
  const byName = new Map(known.map((s) => [s.name, s]));
  const unknown = names.filter((n) => !byName.has(n));
  if (unknown.length) throw new UnknownScenarioError(unknown, known.map((s) => s.name));
  return [...new Set(names)].map((n) => byName.get(n) as Scenario);
}
