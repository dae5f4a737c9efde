// Expectations by range of Helm releases: each run's exact release takes exactly one range, a
// release no range declares is an error that names it, and the plan's titles follow the release.
import preFail from '../../../scenarios/pre-fail.js';
import { pinnedHelm } from '../../../harness/src/helm/releases.js';
import { byRelease, forHelm, stepTitle, UndeclaredReleaseError } from '../../../harness/src/scenario/types.js';

const backupGone = byRelease('helm/helm#30673 (v3.19.0, v4.0.0)', { '<3.19.0': 'kept', '>=3.19.0': 'gone' });

test('each release takes the value of the one range it is in, with or without its v', () => {
  expect(forHelm(backupGone, 3, 'v3.18.6')).toBe('kept');
  expect(forHelm(backupGone, 3, '3.12.3')).toBe('kept');
  expect(forHelm(backupGone, 3, 'v3.19.0')).toBe('gone');
  expect(forHelm(backupGone, 4, 'v4.3.1')).toBe('gone');
});

test('without an exact release, the major’s pinned release stands in', () => {
  const pinned = pinnedHelm();
  const byPin = byRelease('test', { [`<${pinned[3].slice(1)}`]: 'older', [`>=${pinned[3].slice(1)} <4.0.0`]: 'pinned 3', '>=4.0.0': 'helm 4' });
  expect(forHelm(byPin, 3)).toBe('pinned 3');
  expect(forHelm(byPin, 4)).toBe('helm 4');
});

test('a release in no range, or in two, is an error naming it and the change', () => {
  const gapped = byRelease('helm/helm#1', { '<3.19.0': 'a', '>=4.0.0': 'b' });
  expect(() => forHelm(gapped, 3, 'v3.20.0')).toThrow(UndeclaredReleaseError);
  expect(() => forHelm(gapped, 3, 'v3.20.0')).toThrow('Helm 3.20.0 is in no of the declared ranges (<3.19.0, >=4.0.0; helm/helm#1): declare what it does');
  const overlapping = byRelease('helm/helm#2', { '<3.20.0': 'a', '>=3.19.0': 'b' });
  expect(() => forHelm(overlapping, 3, 'v3.19.5')).toThrow('Helm 3.19.5 is in 2 of the declared ranges');
});

test('a range that is not semver is refused where the scenario is written', () => {
  expect(() => byRelease('x', { 'before 3.19': 1 })).toThrow('byRelease: "before 3.19" is not a semver range');
});

test('pre-fail says what its release does with the backup: kept before v3.19.0, gone from it', () => {
  const step = preFail.steps.find((s) => stepTitle(s, 3).startsWith('expect job backup'))!;
  expect(stepTitle(step, 3, 'v3.18.6')).toBe('expect job backup: succeeded');
  expect(stepTitle(step, 3, 'v3.22.0')).toBe('expect job backup: gone');
  expect(stepTitle(step, 4, 'v4.3.1')).toBe('expect job backup: gone');
});
