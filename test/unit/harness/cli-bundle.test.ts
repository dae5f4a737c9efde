// bin/cli-bundle.js: the CLI runs from a bundle only while every file it was built from is as it was.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { repoRoot } from '../../../harness/src/paths.js';

const cli = path.join(repoRoot, 'bin', 'demo-hooks.js');
const bundleModule = path.join(repoRoot, 'bin', 'cli-bundle.js');
const sha1 = (file: string) => createHash('sha1').update(readFileSync(path.join(repoRoot, file))).digest('hex');

/** currentBundle(dir) as the CLI calls it, in a node of its own (the module is plain JavaScript). */
async function currentBundle(dir: string): Promise<string> {
  const script = `const { currentBundle } = await import(${JSON.stringify(bundleModule)}); process.stdout.write(String(await currentBundle(${JSON.stringify(dir)})));`;
  return (await execa('node', ['--input-type=module', '-e', script])).stdout;
}

describe('the bundled CLI', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dh-bundle-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const manifest = (inputs: Record<string, string>) => writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ bundle: 'cli-test.mjs', inputs }));

  test('is used while every input has the hash it was built with', async () => {
    manifest({ 'package.json': sha1('package.json'), 'harness/src/cli.ts': sha1('harness/src/cli.ts') });
    expect(await currentBundle(dir)).toBe(path.join(dir, 'cli-test.mjs'));
  });

  test('is not used once an input changed, or is gone, or when there is no manifest', async () => {
    manifest({ 'package.json': sha1('package.json'), 'harness/src/cli.ts': sha1('package.json') });
    expect(await currentBundle(dir)).toBe('undefined');
    manifest({ 'package.json': sha1('package.json'), 'harness/src/no-such-file.ts': sha1('package.json') });
    expect(await currentBundle(dir)).toBe('undefined');
    rmSync(path.join(dir, 'manifest.json'));
    expect(await currentBundle(dir)).toBe('undefined');
  });

  test('the one the CLI runs was built from the sources as they are, scenarios, lock file and bundler included', async () => {
    // Exit 0 and the scenario list: the bundle works, and finds the repository from where it lies.
    const list = await execa('node', [cli, 'list'], { reject: false });
    expect(list.exitCode).toBe(0);
    expect(list.stdout).toMatch(/^pre-fail\s/m);
    const built = JSON.parse(readFileSync(path.join(repoRoot, '.tools', 'harness', 'manifest.json'), 'utf8')) as { bundle: string; inputs: Record<string, string> };
    const inputs = Object.keys(built.inputs);
    expect(inputs).toEqual(expect.arrayContaining(['harness/src/cli.ts', 'harness/src/commands/run.ts', 'scenarios/pre-fail.ts', 'package-lock.json', 'bin/cli-bundle.js']));
    expect(inputs.filter((f) => f.includes('node_modules'))).toEqual([]);
    for (const f of inputs) expect([f, built.inputs[f]]).toEqual([f, sha1(f)]);
  });

  test('loads the browser driver only in a command that opens a browser', async () => {
    expect((await execa('node', [cli, 'list'], { reject: false })).exitCode).toBe(0);
    const built = JSON.parse(readFileSync(path.join(repoRoot, '.tools', 'harness', 'manifest.json'), 'utf8')) as { bundle: string };
    const code = readFileSync(path.join(repoRoot, '.tools', 'harness', built.bundle), 'utf8');
    // A static import of it, anywhere in the bundle, would load it (about 0.2 s) before every command.
    expect(code).toMatch(/await import\("puppeteer-core"\)/);
    expect(code).not.toMatch(/^import\b[^;]*["']puppeteer-core["']/m);
  });
});
