// The hook atlas's Helm releases (atlas/releases.yaml): the file's shape, written once, and a reader
// that checks it, so the atlas and CI get each release with why it is there, or a message naming
// what in the file is wrong.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { parse } from 'yaml';
import { parseHelmReleases, type HelmRelease } from '../helm/releases.js';
import { relativeToRepo, repoRoot } from '../paths.js';

export const atlasReleasesFile = path.join(repoRoot, 'atlas', 'releases.yaml');

export const AtlasRelease = Type.Object(
  {
    version: Type.String({ pattern: '^v[34]\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$', description: 'An exact release, as --helm takes it.' }),
    newest: Type.Optional(Type.Literal(true, { description: 'The newest patch of its minor.' })),
    pinned: Type.Optional(Type.Literal(true, { description: 'The build hack/versions.env pins.' })),
    prs: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, description: 'The helm/helm PRs that changed or broke hooks in, or just after, this patch.' })),
    why: Type.String({ minLength: 1, description: 'One line: why this release is in the set.' }),
  },
  { additionalProperties: false },
);
export type AtlasRelease = Static<typeof AtlasRelease>;

const AtlasReleases = Type.Object({ releases: Type.Array(AtlasRelease, { minItems: 1 }) }, { additionalProperties: false });

export function readAtlasReleases(text = readFileSync(atlasReleasesFile, 'utf8')): AtlasRelease[] {
  const json: unknown = parse(text);
  if (Value.Check(AtlasReleases, json)) return json.releases;
  const first = Value.Errors(AtlasReleases, json).First();
  throw new Error(`${relativeToRepo(atlasReleasesFile)}: ${first ? `${first.path || '/'}: ${first.message}` : 'not the shape harness/src/atlas/releases.ts gives'}`);
}

/** The set as `--helm` runs it: the pinned ones as the pinned builds. */
export function atlasHelmReleases(entries: readonly AtlasRelease[] = readAtlasReleases()): HelmRelease[] {
  return parseHelmReleases(entries.map((e) => e.version).join(','));
}
