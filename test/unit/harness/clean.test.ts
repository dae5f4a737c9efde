// What `demo-hooks clean` removes: namespaces whose run is over (ended, or its lease expired),
// never one whose run is alive unless --force, and with names given only those.
import { planClean } from '../../../harness/src/commands/clean.js';
import { annotation } from '../../../harness/src/kube/labels.js';
import type { ManagedNamespace } from '../../../harness/src/kube/namespaces.js';
import { runState } from '../../../harness/src/kube/run-state.js';

const now = new Date('2026-11-28T20:00:00Z');
const alive: ManagedNamespace = {
  name: 'dh-pre-fail-h3-alive1',
  scenario: 'pre-fail',
  annotations: { [annotation.aliveUntil]: '2026-11-28T20:00:45Z', [annotation.runBy]: 'box pid 42' },
};
const expired: ManagedNamespace = { name: 'dh-atomic-h4-expir1', annotations: { [annotation.aliveUntil]: '2026-11-28T19:59:59Z' } };
const ended: ManagedNamespace = { name: 'dh-install-h3-ended1' };

describe('runState', () => {
  it('alive until the lease runs out, with who holds it', () => {
    expect(runState(alive.annotations, now)).toEqual({ alive: true, until: new Date('2026-11-28T20:00:45Z'), runBy: 'box pid 42' });
  });

  it('over once the lease has run out, exactly at its end too', () => {
    expect(runState(expired.annotations, now)).toEqual({ alive: false, why: 'its run stopped renewing its lease (expired 2026-11-28T19:59:59.000Z)' });
    expect(runState({ [annotation.aliveUntil]: now.toISOString() }, now).alive).toBe(false);
  });

  it('over when the run removed its lease (or never had one, as runs from before leases)', () => {
    expect(runState(undefined, now)).toEqual({ alive: false, why: 'its run ended' });
  });

  it('a lease that is not a time does not keep a namespace forever', () => {
    expect(runState({ [annotation.aliveUntil]: 'soon' }, now)).toEqual({ alive: false, why: `its ${annotation.aliveUntil} is not a time ("soon")` });
  });
});

describe('planClean', () => {
  const found = [alive, expired, ended];
  const names = (list: { namespace: ManagedNamespace }[]) => list.map((x) => x.namespace.name);

  it('removes runs that are over and skips live ones, saying whose run it is', () => {
    const plan = planClean(found, { names: [], force: false, now });
    expect(names(plan.remove)).toEqual([expired.name, ended.name]);
    expect(plan.skip).toEqual([{ namespace: alive, why: 'its run is alive (box pid 42) until 2026-11-28T20:00:45.000Z' }]);
    expect(plan.notOurs).toEqual([]);
  });

  it('--force removes live ones too', () => {
    const plan = planClean(found, { names: [], force: true, now });
    expect(names(plan.remove)).toEqual([alive.name, expired.name, ended.name]);
    expect(plan.skip).toEqual([]);
  });

  it('with names, only those, and names the harness did not make are reported', () => {
    const plan = planClean(found, { names: [ended.name, alive.name, 'kube-system', ended.name], force: false, now });
    expect(names(plan.remove)).toEqual([ended.name]);
    expect(names(plan.skip)).toEqual([alive.name]);
    expect(plan.notOurs).toEqual(['kube-system']);
  });
});
