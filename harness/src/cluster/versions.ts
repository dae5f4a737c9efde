// Reads hack/versions.env, the one file that pins every tool version.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from '../paths.js';

export const versionsFile = path.join(repoRoot, 'hack', 'versions.env');

export async function readVersions(): Promise<Record<string, string>> {
  return parseVersions(await readFile(versionsFile, 'utf8'));
}

/** KEY=value lines, in file order; comments and blank lines are skipped. */
export function parseVersions(text: string): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match?.[1] && match[2] !== undefined) versions[match[1]] = match[2];
  }
  return versions;
}
