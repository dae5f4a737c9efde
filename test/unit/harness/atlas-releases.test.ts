// atlas/releases.yaml holds what it says it holds: the newest patch of every minor from 3.12 to 3.22
// and 4.0 to 4.3, the pinned pair, and extra patches each naming the PRs it is there for.
import { readFileSync } from 'node:fs';
import { atlasHelmReleases, readAtlasReleases } from '../../../harness/src/atlas/releases.js';
import { parseVersions, versionsFile } from '../../../harness/src/cluster/versions.js';

const entries = readAtlasReleases();
const parts = (v: string) => v.slice(1).split('.').map(Number) as [number, number, number];
const minorOf = (v: string) => parts(v).slice(0, 2).join('.');
const compare = (a: string, b: string) => {
  const [x, y] = [parts(a), parts(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
};

describe('atlas/releases.yaml', () => {
  it('lists exact releases, each once, oldest first, each one --helm takes', () => {
    const versions = entries.map((e) => e.version);
    expect([...versions].sort(compare)).toEqual(versions);
    expect(new Set(versions).size).toBe(versions.length);
    expect(atlasHelmReleases(entries).map((r) => r.version)).toEqual(versions);
  });

  it('has the newest patch of every minor from 3.12 to 3.22 and from 4.0 to 4.3, and no other newest', () => {
    const minors = [...Array.from({ length: 11 }, (_, i) => `3.${12 + i}`), '4.0', '4.1', '4.2', '4.3'];
    const newest = entries.filter((e) => e.newest);
    expect(newest.map((e) => minorOf(e.version))).toEqual(minors);
    // "Newest" is at least the newest the file knows of its minor.
    for (const e of newest) {
      const sameMinor = entries.filter((o) => minorOf(o.version) === minorOf(e.version)).map((o) => o.version);
      expect(sameMinor.sort(compare).at(-1)).toBe(e.version);
    }
  });

  it('marks exactly the pinned pair of hack/versions.env as pinned', () => {
    const pinned = parseVersions(readFileSync(versionsFile, 'utf8'));
    expect(entries.filter((e) => e.pinned).map((e) => e.version)).toEqual([pinned.HELM3_VERSION, pinned.HELM4_VERSION]);
    expect(atlasHelmReleases(entries).filter((r) => r.pinned).map((r) => r.version)).toEqual([pinned.HELM3_VERSION, pinned.HELM4_VERSION]);
  });

  it('an extra patch names its PRs, and its line names each of them', () => {
    expect(entries.filter((e) => !e.newest && !e.pinned && !e.prs).map((e) => e.version)).toEqual([]);
    expect(entries.flatMap((e) => (e.prs ?? []).filter((pr) => !e.why.includes(`#${pr}`)).map((pr) => `${e.version} #${pr}`))).toEqual([]);
  });

  it('refuses a file of another shape, naming where', () => {
    expect(() => readAtlasReleases('releases:\n  - version: v3.18.6\n    why: x\n    because: y\n')).toThrow('atlas/releases.yaml: /releases/0/because: Unexpected property');
    expect(() => readAtlasReleases('releases:\n  - version: 3.18.6\n    why: x\n')).toThrow('atlas/releases.yaml: /releases/0/version: ');
    expect(() => readAtlasReleases('releases:\n  - version: v3.18.6\n')).toThrow('atlas/releases.yaml: /releases/0/why: ');
  });
});
