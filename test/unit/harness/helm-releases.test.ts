// --helm and HELM_VERSION: majors and exact releases, what each is called, and which binary runs it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseVersions, versionsFile } from '../../../harness/src/cluster/versions.js';
import { helmTag, helmWords, namingOf, parseHelmReleases, pinnedHelm, pinnedMajors, type HelmRelease } from '../../../harness/src/helm/releases.js';
import { toolsBinDir } from '../../../harness/src/paths.js';
import { helmReleaseBinary, NotAHelmReleaseError, requireHelmRelease } from '../../../harness/src/tools.js';

const pinned = { 3: 'v3.22.0', 4: 'v4.3.1' } as const;
const parse = (text: string) => parseHelmReleases(text, pinned);
const h3: HelmRelease = { major: 3, version: 'v3.22.0', pinned: true };
const h4: HelmRelease = { major: 4, version: 'v4.3.1', pinned: true };
const exact = (major: 3 | 4, version: string): HelmRelease => ({ major, version, pinned: false });

describe('parseHelmReleases', () => {
  test.each<[string, HelmRelease[]]>([
    ['3', [h3]],
    ['4', [h4]],
    ['helm4', [h4]],
    ['3,4', [h3, h4]],
    [' 4 , 3 ', [h4, h3]],
    ['3,3', [h3]],
    ['3.18.6', [exact(3, 'v3.18.6')]],
    ['v3.18.6', [exact(3, 'v3.18.6')]],
    ['helm3.18.6', [exact(3, 'v3.18.6')]],
    ['v4.1.0', [exact(4, 'v4.1.0')]],
    ['4.0.0', [exact(4, 'v4.0.0')]],
    ['3.10.0', [exact(3, 'v3.10.0')]],
    // A major and a release of it, and two releases of one major: each its own run.
    ['3,4.1.0', [h3, exact(4, 'v4.1.0')]],
    ['3,3.18.6', [h3, exact(3, 'v3.18.6')]],
    ['3.18.6,v3.18.6,3.16.2', [exact(3, 'v3.18.6'), exact(3, 'v3.16.2')]],
    // The pinned release named exactly is the pinned build, and is not run twice.
    ['3.22.0', [h3]],
    ['3,v3.22.0', [h3]],
    ['v4.3.1,4', [h4]],
  ])('accepts %j', (text, releases) => {
    expect(parse(text)).toEqual(releases);
  });

  const ACCEPTED = 'use 3, 4, an exact release such as 3.18.6 or v4.1.0, or a list of them with commas (3,4.1.0)';

  test.each([
    '5',
    '2',
    '3.99',
    'v3.x',
    '3.18',
    '3.18.6.1',
    '5.0.0',
    '2.17.0',
    'v4.0.0-rc.1',
    '3.018.6',
    '+3',
    'three',
    'v',
    '',
  ])('refuses %j, saying what it takes', (text) => {
    expect(() => parse(text)).toThrow(new Error(ACCEPTED));
  });

  test.each([
    ['3,3.99', '"3.99" is not a Helm major or release: '],
    ['3.18.6,5', '"5" is not a Helm major or release: '],
    ['3,', '"" is not a Helm major or release: '],
  ])('in a list, names the entry it refuses: %j', (text, start) => {
    expect(() => parse(text)).toThrow(new Error(`${start}${ACCEPTED}`));
  });

  it('takes the pinned releases from hack/versions.env by default', () => {
    const versions = parseVersions(readFileSync(versionsFile, 'utf8'));
    expect(parseHelmReleases('3,4')).toEqual([
      { major: 3, version: versions.HELM3_VERSION, pinned: true },
      { major: 4, version: versions.HELM4_VERSION, pinned: true },
    ]);
    expect(pinnedHelm('HELM3_VERSION=v3.1.0\n# HELM4_VERSION=v4.9.9\nHELM4_VERSION=v4.0.1\n')).toEqual({ 3: 'v3.1.0', 4: 'v4.0.1' });
    expect(() => pinnedHelm('HELM3_VERSION=v3.1.0\n')).toThrow('hack/versions.env pins no HELM4_VERSION');
  });
});

describe('pinnedMajors: what hack/tools.sh is asked for (helm3, helm4)', () => {
  it('the majors of the pinned builds among the releases, none for an exact release', () => {
    expect(pinnedMajors(parse('3,4'))).toEqual([3, 4]);
    expect(pinnedMajors(parse('3.18.6,4'))).toEqual([4]);
    expect(pinnedMajors(parse('3.18.6,4.1.0'))).toEqual([]);
    expect(pinnedMajors(parse('3.22.0'))).toEqual([3]);
  });
});

describe('what a release is called', () => {
  it('by its major alone while it is the only release of that major, by its version beside another', () => {
    expect(namingOf(parse('3,4'))).toEqual([{ major: 3 }, { major: 4 }]);
    expect(namingOf(parse('3.18.6,4'))).toEqual([{ major: 3 }, { major: 4 }]);
    expect(namingOf(parse('3,3.18.6,4'))).toEqual([{ major: 3, versionInNames: 'v3.22.0' }, { major: 3, versionInNames: 'v3.18.6' }, { major: 4 }]);
  });

  it('helm3 and "helm 3", or helm-v3.18.6 and "helm v3.18.6"', () => {
    expect([helmTag({ major: 3 }), helmWords({ major: 3 })]).toEqual(['helm3', 'helm 3']);
    expect([helmTag({ major: 3, versionInNames: 'v3.18.6' }), helmWords({ major: 3, versionInNames: 'v3.18.6' })]).toEqual(['helm-v3.18.6', 'helm v3.18.6']);
  });
});

describe('the binary a release runs', () => {
  const [pinned3, pinned4, other3, pinnedByVersion] = parseHelmReleases(`3,4,3.18.6`).concat(parseHelmReleases(pinnedHelm()[3]));

  it('a pinned release runs the pinned build, which HELM3 and HELM4 may point elsewhere', () => {
    expect(helmReleaseBinary(pinned3!, {})).toBe(path.join(toolsBinDir, 'helm3'));
    expect(helmReleaseBinary(pinned4!, {})).toBe(path.join(toolsBinDir, 'helm4'));
    expect(helmReleaseBinary(pinned3!, { HELM3: '/opt/helm-3' })).toBe('/opt/helm-3');
    expect(helmReleaseBinary(pinnedByVersion!, {})).toBe(path.join(toolsBinDir, 'helm3'));
  });

  it('any other release runs .tools/bin/helm-<version>, whatever HELM3 says', () => {
    expect(helmReleaseBinary(other3!, {})).toBe(path.join(toolsBinDir, 'helm-v3.18.6'));
    expect(helmReleaseBinary(other3!, { HELM3: '/opt/helm-3' })).toBe(path.join(toolsBinDir, 'helm-v3.18.6'));
  });
});

describe('requireHelmRelease', () => {
  it('a well-formed version that is not a release: the script\'s one line, as a NotAHelmReleaseError (asks the module proxy)', async () => {
    const progress: string[] = [];
    const asked = requireHelmRelease({ major: 4, version: 'v4.99.0', pinned: false }, (m) => progress.push(m));
    await expect(asked).rejects.toBeInstanceOf(NotAHelmReleaseError);
    await expect(asked).rejects.toThrow(/^Helm v4\.99\.0 is not a release: go list -m helm\.sh\/helm\/v4@v4\.99\.0 says "[^"]+"; the releases are at https:\/\/github\.com\/helm\/helm\/releases$/);
    expect(progress).toEqual([]);
    expect(existsSync(path.join(toolsBinDir, 'helm-v4.99.0'))).toBe(false);
  }, 60_000);
});
