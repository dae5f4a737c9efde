// What `demo-hooks --version` prints: the project's version and every tool version it pins.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseVersions, versionsFile } from '../cluster/versions.js';
import { relativeToRepo, repoRoot } from '../paths.js';
import { table } from '../report/style.js';

export function versionText(): string {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string };
  const pinned = parseVersions(readFileSync(versionsFile, 'utf8'));
  // HELM3_VERSION → helm3, KIND_NODE_IMAGE → kind-node-image: the names the README uses.
  const rows = Object.entries(pinned).map(([key, value]) => [`  ${key.replace(/_VERSION$/, '').toLowerCase().replaceAll('_', '-')}`, value]);
  return [`${pkg.name} ${pkg.version}`, `pinned in ${relativeToRepo(versionsFile)}:`, ...table(['', ''], rows).slice(1)].join('\n');
}
