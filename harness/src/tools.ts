// The external binaries the harness drives. `make tools` puts them in .tools/bin;
// HELM3, HELM4 and KUBECTL point elsewhere when someone already has them.
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { relativeToRepo, toolsBinDir } from './paths.js';
import type { HelmMajor } from './report-contract.js';

export type { HelmMajor };

export class MissingToolError extends Error {
  constructor(
    readonly tool: string,
    readonly binary: string,
    readonly envVar: string,
  ) {
    super(`${tool} not found at ${relativeToRepo(binary)}: run \`make tools\` (or set ${envVar}=/path/to/${tool})`);
    this.name = 'MissingToolError';
  }
}

export function helmBinary(major: HelmMajor, env: NodeJS.ProcessEnv = process.env): string {
  return env[`HELM${major}`] || path.join(toolsBinDir, `helm${major}`);
}

export function kubectlBinary(env: NodeJS.ProcessEnv = process.env): string {
  return env.KUBECTL || path.join(toolsBinDir, 'kubectl');
}

/** "3", "4" or "3,4" → [3], [4], [3, 4]; anything else is a usage error. */
export function parseHelmMajors(text: string): HelmMajor[] {
  const majors = text.split(',').map((part) => part.trim().replace(/^helm/i, ''));
  const parsed: HelmMajor[] = [];
  for (const m of majors) {
    if (m !== '3' && m !== '4') throw new Error(`unknown Helm version "${m}": use 3, 4 or 3,4`);
    const major = Number(m) as HelmMajor;
    if (!parsed.includes(major)) parsed.push(major);
  }
  return parsed;
}

export async function requireTool(tool: string, binary: string, envVar: string): Promise<void> {
  try {
    await access(binary, constants.X_OK);
  } catch {
    throw new MissingToolError(tool, binary, envVar);
  }
}

export async function requireHelm(major: HelmMajor, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const binary = helmBinary(major, env);
  await requireTool(`helm${major}`, binary, `HELM${major}`);
  return binary;
}

export async function requireKubectl(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const binary = kubectlBinary(env);
  await requireTool('kubectl', binary, 'KUBECTL');
  return binary;
}
