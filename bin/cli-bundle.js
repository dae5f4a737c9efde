// The CLI as one JavaScript file: the harness, the scenarios and their packages, bundled by
// esbuild (which tsx brings). Node loads it in about half the time it takes to load the same
// modules one by one through tsx, and every `make scenario-NAME` waits for that load.
//
// The bundle lives in .tools/harness/, two directories below the repository like
// harness/src/paths.ts, so the repository root it computes from its own location is the same.
// manifest.json names the bundle and the hash of every project file in it, and of the npm lock
// file for the packages; a bundle whose sources changed is built again before it is used.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(repoRoot, '.tools', 'harness');
const manifestFile = path.join(dir, 'manifest.json');
const lockFile = 'package-lock.json';

const sha1 = (data) => createHash('sha1').update(data).digest('hex');

/** The hash of each file as it is now; a missing file has none, so it never matches. */
async function hashes(files) {
  const entries = await Promise.all(files.map(async (f) => [f, await readFile(path.join(repoRoot, f)).then(sha1, () => 'missing')]));
  return Object.fromEntries(entries);
}

/** The bundle in bundleDir if it was built from the sources as they are now, else undefined. */
export async function currentBundle(bundleDir = dir) {
  let manifest;
  try {
    manifest = JSON.parse(await readFile(path.join(bundleDir, 'manifest.json'), 'utf8'));
  } catch {
    return undefined;
  }
  const now = await hashes(Object.keys(manifest.inputs));
  const same = Object.entries(manifest.inputs).every(([f, h]) => now[f] === h);
  return same ? path.join(bundleDir, manifest.bundle) : undefined;
}

async function build() {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: repoRoot,
    entryPoints: ['harness/src/cli.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    metafile: true,
    outfile: path.join(dir, 'cli.mjs'),
    // The packages written as CommonJS call require(); an ES module has none of its own.
    banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
    // The browser driver for pictures: large, loaded by few commands, found in node_modules as it is.
    external: ['puppeteer-core'],
    logLevel: 'silent',
  });
  const projectFiles = Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules/'));
  // This file too: its build options make the bundle what it is.
  const inputs = await hashes([...projectFiles, lockFile, 'bin/cli-bundle.js']);
  const code = result.outputFiles[0].contents;
  const bundle = `cli-${sha1(code).slice(0, 12)}.mjs`;
  await mkdir(dir, { recursive: true });
  // Written aside and renamed, so a CLI started meanwhile sees the old files or the new, whole.
  const tmp = `.${process.pid}.tmp`;
  await writeFile(path.join(dir, bundle + tmp), code);
  await rename(path.join(dir, bundle + tmp), path.join(dir, bundle));
  await writeFile(manifestFile + tmp, JSON.stringify({ bundle, inputs }, null, 1));
  await rename(manifestFile + tmp, manifestFile);
  // Bundles of earlier sources; one still being loaded by another CLI is read already.
  for (const f of await readdir(dir)) {
    if (f.startsWith('cli-') && f !== bundle && !f.endsWith('.tmp')) await rm(path.join(dir, f), { force: true });
  }
  return path.join(dir, bundle);
}

/** The bundled CLI's path, built first when the sources changed since the last build. */
export async function bundledCli() {
  return (await currentBundle()) ?? (await build());
}
