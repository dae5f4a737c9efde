// Scenario names on the command line, run names, and the scenario catalogue itself.
import { MAX_RELEASE_NAME, runName, shortId } from '../../../harness/src/scenario/names.js';
import { AllWithOthersError, resolveScenarios, UnknownScenarioError } from '../../../harness/src/scenario/registry.js';
import { recordedCounts, stepPlaces } from '../../../harness/src/scenario/step-names.js';
import { defineScenario, forHelm, part, stepTitle, type Scenario, type Step } from '../../../harness/src/scenario/types.js';
import { allScenarios } from '../../../scenarios/index.js';

const expectedNames = ['install', 'pre-fail', 'post-fail', 'atomic', 'recover', 'weights', 'delete-policies', 'rollback-hooks', 'pending-rollback', 'timeout', 'backoff-limit', 'active-deadline', 'ttl-hook', 'uninstall', 'uninstall-leftovers', 'install-fail', 'pre-delete-fail', 'post-delete-fail', 'killed-upgrade', 'install-atomic', 'leftover-hook', 'atomic-waits', 'no-hooks', 'init-container', 'dry-run', 'helm-test'];

describe('resolveScenarios', () => {
  it('finds scenarios by name, in the order given, each once', () => {
    expect(resolveScenarios(['atomic', 'pre-fail', 'atomic'], allScenarios).map((s) => s.name)).toEqual(['atomic', 'pre-fail']);
  });

  it('"all" means every scenario', () => {
    expect(resolveScenarios(['all'], allScenarios)).toHaveLength(allScenarios.length);
  });

  it('"all" with other names is refused, and an unknown name beside "all" is still found', () => {
    expect(() => resolveScenarios(['all', 'pre-fail'], allScenarios)).toThrow(AllWithOthersError);
    expect(() => resolveScenarios(['all', 'pre-fail'], allScenarios)).toThrow('"all" already names every scenario; give it alone, or name scenarios without it (not also "pre-fail")');
    expect(() => resolveScenarios(['all', 'nope'], allScenarios)).toThrow(UnknownScenarioError);
  });

  it('an unknown name fails with the list of known ones', () => {
    let error: unknown;
    try {
      resolveScenarios(['pre-fail', 'prefail', 'nope'], allScenarios);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UnknownScenarioError);
    expect((error as UnknownScenarioError).unknown).toEqual(['prefail', 'nope']);
    expect((error as Error).message).toBe(`unknown scenarios "prefail", "nope"; known scenarios: ${expectedNames.join(', ')} (or "all")`);
  });
});

describe('parts', () => {
  const step = (title: string): Step => ({ title, run: async () => undefined });
  const s = defineScenario({
    name: 'x',
    title: 'x',
    seedStep: '-',
    description: '-',
    steps: [step('a'), part('first', [step('b'), part('inner', [step('c')]), step('d')]), part('second', [step('e')]), step('f')],
  });

  it('flatten into the steps in the order written, so a part changes no index', () => {
    expect(s.steps.map((st) => stepTitle(st, 3))).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('are kept with where they start and how many steps they hold', () => {
    expect(s.parts).toEqual([
      { title: 'first', first: 1, count: 3 },
      { title: 'inner', first: 2, count: 1 },
      { title: 'second', first: 4, count: 1 },
    ]);
  });

  it('tell killed-upgrade\'s three stories', () => {
    const killed = allScenarios.find((k) => k.name === 'killed-upgrade')!;
    expect(killed.parts.map((p) => [p.first, p.count])).toEqual([[0, 12], [12, 9], [21, 6]]);
    expect(killed.steps).toHaveLength(27);
  });
});

describe('step names', () => {
  const step = (name: string, records: Step['records'] = {}): Step => ({ title: name, name, records, run: async () => undefined });
  const define = (steps: Parameters<typeof defineScenario>[0]['steps']) => defineScenario({ name: 'x', title: 'x', seedStep: '-', description: '-', steps });

  it('say where each named step\'s commands sit in the report, counted over the steps before it', () => {
    const s = define([step('install', { helm: 1 }), { title: 'a read', run: async () => undefined }, step('pods', { typed: 1 }), step('fails', { helm: 1 }), step('pods-again', { typed: 1 })]);
    expect([...stepPlaces(s.steps)].map(([n, p]) => [n, p.helm, p.typed])).toEqual([
      ['install', 1, undefined],
      ['pods', undefined, 1],
      ['fails', 2, undefined],
      ['pods-again', undefined, 2],
    ]);
    expect(recordedCounts(s)).toEqual({ helm: 2, typed: 2 });
  });

  it('are unique in their scenario, and never a number', () => {
    expect(() => define([step('a'), part('p', [step('a')])])).toThrow('step name "a" is given twice');
    expect(() => define([step('7')])).toThrow('step name "7": use lower case words joined by dashes, not a number');
    expect(() => define([step('Migration Fails')])).toThrow(/step name "Migration Fails"/);
  });
});

describe('the scenario catalogue', () => {
  it('holds every scenario of the lab, with unique names', () => {
    expect(allScenarios.map((s) => s.name)).toEqual(expectedNames);
  });

  it.each(allScenarios.map((s) => [s.name, s] as [string, Scenario]))('%s is complete and titles its steps for both Helm majors', (_, s) => {
    expect(s.title).not.toBe('');
    expect(s.seedStep).not.toBe('');
    expect(s.description.length).toBeGreaterThan(40);
    expect(s.steps.length).toBeGreaterThan(1);
    for (const step of s.steps) {
      expect(stepTitle(step, 3)).not.toBe('');
      expect(stepTitle(step, 4)).not.toBe('');
    }
  });

  it('spells the lab’s --atomic per Helm major in step titles', () => {
    const atomic = allScenarios.find((s) => s.name === 'atomic')!;
    expect(stepTitle(atomic.steps[1]!, 3)).toBe('helm upgrade --reset-values --set app.version=2.0.0 --set-string hooks.migration.upTo=003 --set hooks.migration.fail=true --atomic (expected to fail)');
    expect(stepTitle(atomic.steps[1]!, 4)).toContain('--rollback-on-failure');
  });

  it('every run name fits Helm’s release-name limit', () => {
    for (const s of allScenarios) for (const major of [3, 4] as const) expect(runName(s.name, major, 'a1b2c3').length).toBeLessThanOrEqual(28);
  });
});

describe('run names', () => {
  it('dh-<scenario>-h<major>-<id>', () => {
    expect(runName('pre-fail', 3, 'a1b2c3')).toBe('dh-pre-fail-h3-a1b2c3');
    expect(runName('delete-policies', 4, 'a1b2c3')).toBe('dh-delete-policies-h4-a1b2c3');
  });

  it('shortens long scenario names without leaving a dash at the cut', () => {
    const name = runName('fourteen-chars-then-more', 3, 'a1b2c3');
    expect(name).toBe('dh-fourteen-chars-h3-a1b2c3');
    expect(name.length).toBeLessThanOrEqual(MAX_RELEASE_NAME);
  });

  it('ids are 6 lowercase characters and differ between calls', () => {
    const ids = new Set(Array.from({ length: 50 }, shortId));
    expect([...ids].every((id) => /^[a-z0-9]{6}$/.test(id))).toBe(true);
    expect(ids.size).toBeGreaterThan(45);
  });
});

describe('per-Helm values', () => {
  it('forHelm picks the major’s value, and passes plain values and regexes through', () => {
    expect(forHelm({ helm3: 'a', helm4: 'b' }, 4)).toBe('b');
    expect(forHelm('same', 3)).toBe('same');
    expect(forHelm(/x/, 3)).toEqual(/x/);
  });
});
