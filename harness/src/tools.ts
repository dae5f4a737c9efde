// The external binaries the harness drives. `make tools` puts them in .tools/bin;
// HELM3, HELM4 and KUBECTL point elsewhere when someone already has them. A Helm release besides
// the pinned two is built on first use (hack/tools.sh helm-v3.18.6) and linked beside them.
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { runStep, StepFailed } from './cluster/run-script.js';
import type { HelmRelease } from './helm/releases.js';
import { relativeToRepo, repoRoot, toolsBinDir } from './paths.js';
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

/** A pinned release runs the pinned build ($HELM3 or .tools/bin/helm3); any other, .tools/bin/helm-v3.18.6. */
export function helmReleaseBinary(release: HelmRelease, env: NodeJS.ProcessEnv = process.env): string {
  return release.pinned ? helmBinary(release.major, env) : path.join(toolsBinDir, `helm-${release.version}`);
}

/** The module proxy has no such version: a bad argument, not a broken machine. */
export class NotAHelmReleaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotAHelmReleaseError';
  }
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

/**
 * The release's binary. An exact release not built yet is built here (hack/tools.sh helm-v3.18.6:
 * minutes of Go, once per machine), its progress lines passed to progress; a pinned one must be
 * there already, as `make tools` leaves it.
 */
export async function requireHelmRelease(release: HelmRelease, progress: (message: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (release.pinned) return requireHelm(release.major, env);
  const binary = helmReleaseBinary(release, env);
  // A link whose build was removed from the cache is not executable: the script builds it again.
  if (!(await isExecutable(binary))) {
    try {
      await runStep('bash', [path.join(repoRoot, 'hack', 'tools.sh'), `helm-${release.version}`], progress);
    } catch (err) {
      // tools.sh exits 2 with one `error:` line when the version is not a release.
      if (err instanceof StepFailed && err.exitCode === 2 && err.errors[0]) throw new NotAHelmReleaseError(err.errors[0].replace(/^error: /, ''));
      throw err;
    }
  }
  return binary;
}

async function isExecutable(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(
    () => true,
    () => false,
  );
}

export async function requireKubectl(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const binary = kubectlBinary(env);
  await requireTool('kubectl', binary, 'KUBECTL');
  return binary;
}
