// hack/tools.sh run for real, with a cache and a bin directory of the test's own: which links each
// set makes and which builds it starts. A "build" in the cache is a fixture laid out as tools.sh
// leaves one (a .complete marker, bin/<tool> printing its version). The `go` on PATH records its
// arguments and fails, so a build that should not happen shows in the record and in the exit code.
// PATH holds only the test's fixtures and the few system commands the script uses, so a helm or
// kubectl this machine happens to have never takes part.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { toolSets } from '../../../harness/src/cli/set-up.js';
import { readVersions } from '../../../harness/src/cluster/versions.js';
import { repoRoot } from '../../../harness/src/paths.js';
import { scratchDir } from '../../support/scratch-dir.js';

const toolsScript = path.join(repoRoot, 'hack', 'tools.sh');
const versions = await readVersions();
const systemCommands = ['bash', 'sh', 'cat', 'chmod', 'cut', 'dirname', 'ln', 'mkdir', 'mv', 'readlink', 'rm', 'sed', 'sha256sum', 'sleep', 'timeout', 'touch', 'tr'];

interface Sandbox {
  cache: string;
  bin: string;
  /** First on PATH: the fixtures (go, helm, kubectl) go here. */
  fixtures: string;
  goLog: string;
  path: string;
  bash: string;
}

function script(file: string, body: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

function sandbox(): Sandbox {
  const dir = scratchDir('dh-tools-');
  const fixtures = path.join(dir, 'fixtures');
  const system = path.join(dir, 'system');
  mkdirSync(system, { recursive: true });
  for (const name of systemCommands) {
    symlinkSync(execFileSync('bash', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim(), path.join(system, name));
  }
  const goLog = path.join(dir, 'go.log');
  writeFileSync(goLog, '');
  script(path.join(fixtures, 'go'), `echo "go $*" >> '${goLog}'\nexit 1`);
  return { cache: path.join(dir, 'cache'), bin: path.join(dir, 'bin'), fixtures, goLog, path: `${fixtures}:${system}`, bash: path.join(system, 'bash') };
}

/** A go whose builds succeed: each leaves a script named after what it built. */
function goThatBuilds(sb: Sandbox): void {
  script(path.join(sb.fixtures, 'go'), `echo "go $*" >> '${sb.goLog}'\nprintf '#!/bin/sh\\necho built\\n' > "$GOBIN/helm"\nchmod +x "$GOBIN/helm"`);
}

/** A finished build in the cache, as build_once leaves it; its binary prints VERSION_OUTPUT. */
function seedBuild(sb: Sandbox, dirName: string, binary: string, versionOutput = 'fixture'): string {
  const dir = path.join(sb.cache, dirName);
  const file = script(path.join(dir, 'bin', binary), `printf '%s' '${versionOutput}'`);
  writeFileSync(path.join(dir, '.complete'), '');
  return file;
}

/** A helm that answers as a release of Helm does: .Version alone, --short with the commit. */
function helmFixture(file: string, version: string, template = version): string {
  return script(
    file,
    `case "$*" in
  "version --template {{.Version}}") printf '%s' '${template}' ;;
  "version --short") echo '${version}+g1234567' ;;
  *) echo "fixture helm: unexpected $*" >&2; exit 2 ;;
esac`,
  );
}

/** kubectl version --client -o json, as kubectl prints it. */
function kubectlFixture(file: string, version: string): string {
  return script(file, `printf '{\\n  "clientVersion": {\\n    "major": "1",\\n    "gitVersion": "%s"\\n  }\\n}\\n' '${version}'`);
}

/** module_key of hack/tools.sh: the cache key of a build from hack/MODULE. */
function moduleKey(module: string): string {
  const dir = path.join(repoRoot, 'hack', module);
  return execFileSync('bash', ['-c', `cat go.mod go.sum *.go | sha256sum | cut -c1-10`], { cwd: dir, encoding: 'utf8' }).trim();
}

function env(sb: Sandbox, extra: Record<string, string>): Record<string, string> {
  return { PATH: sb.path, HOME: path.dirname(sb.cache), DEMO_HOOKS_CACHE: sb.cache, DEMO_HOOKS_TOOLS_BIN: sb.bin, ...extra };
}

async function tools(sb: Sandbox, sets: string[], extra: Record<string, string> = {}) {
  const result = await execa(sb.bash, [toolsScript, ...sets], { reject: false, env: env(sb, extra), extendEnv: false });
  const links: Record<string, string> = {};
  for (const name of existsSync(sb.bin) ? await readdir(sb.bin) : []) links[name] = readlinkSync(path.join(sb.bin, name));
  return { exitCode: result.exitCode, stderr: result.stderr, links, goCalls: (await readFile(sb.goLog, 'utf8')).split('\n').filter(Boolean) };
}

describe('hack/tools.sh: the sets a command asks for', () => {
  it('helm3 links the cached Helm 3 and the labs\' helm to it, and builds nothing else', async () => {
    const sb = sandbox();
    const helm3 = seedBuild(sb, `helm-${versions.HELM3_VERSION}`, 'helm');
    const r = await tools(sb, ['helm3']);
    expect(r.exitCode).toBe(0);
    expect(r.links).toEqual({ helm3, helm: 'helm3' });
    expect(r.goCalls).toEqual([]);
  });

  it('run --helm 4 --up asks for Helm 4 alone, and builds it when the cache lacks it', async () => {
    const sb = sandbox();
    seedBuild(sb, `helm-${versions.HELM3_VERSION}`, 'helm');
    const kubectl = kubectlFixture(path.join(sb.fixtures, 'kubectl'), versions.KUBERNETES_VERSION!);
    goThatBuilds(sb);
    const r = await tools(sb, toolSets([4]), { DEMO_HOOKS_PROVIDER: 'existing' });
    expect(r.exitCode).toBe(0);
    expect(r.goCalls).toEqual([expect.stringContaining(`helm.sh/helm/v4/cmd/helm@${versions.HELM4_VERSION}`)]);
    // No helm: it is Helm 3 unless HELM_VERSION says 4, and this run did not provide Helm 3.
    expect(r.links).toEqual({ helm4: path.join(sb.cache, `helm-${versions.HELM4_VERSION}`, 'bin', 'helm'), kubectl });
  });

  it('a build that fails links nothing and leaves no build to trust', async () => {
    const sb = sandbox();
    const r = await tools(sb, ['helm4']);
    expect(r.goCalls).toEqual([expect.stringContaining(`helm.sh/helm/v4/cmd/helm@${versions.HELM4_VERSION}`)]);
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toContain(`error: building Helm ${versions.HELM4_VERSION} failed`);
    expect(r.links).toEqual({});
    expect(existsSync(path.join(sb.cache, `helm-${versions.HELM4_VERSION}`))).toBe(false);
  });

  it('HELM_VERSION=4 points the labs\' helm at Helm 4', async () => {
    const sb = sandbox();
    const helm4 = seedBuild(sb, `helm-${versions.HELM4_VERSION}`, 'helm');
    const r = await tools(sb, ['helm4'], { HELM_VERSION: '4' });
    expect(r.exitCode).toBe(0);
    expect(r.links).toEqual({ helm4, helm: 'helm4' });
  });

  it('run --up on an existing cluster: its Helm and kubectl, nothing of Kubernetes, kind or actionlint', async () => {
    const sb = sandbox();
    const helm3 = seedBuild(sb, `helm-${versions.HELM3_VERSION}`, 'helm');
    const kubectl = kubectlFixture(path.join(sb.fixtures, 'kubectl'), versions.KUBERNETES_VERSION!);
    const r = await tools(sb, toolSets([3]), { DEMO_HOOKS_PROVIDER: 'existing' });
    expect(r.exitCode).toBe(0);
    expect(r.links).toEqual({ helm3, helm: 'helm3', kubectl });
    expect(r.goCalls).toEqual([]);
  });

  it('run --up on the local cluster: the components, etcd and CoreDNS from the cache; no kind, no Helm 4, no actionlint', async () => {
    const sb = sandbox();
    seedBuild(sb, `helm-${versions.HELM3_VERSION}`, 'helm');
    const kube = seedBuild(sb, `kubernetes-${versions.KUBERNETES_VERSION}-${moduleKey('kube')}`, 'kube');
    const etcd = seedBuild(sb, `etcd-${versions.ETCD_VERSION}-${moduleKey('etcd')}`, 'etcd');
    const coredns = seedBuild(sb, `coredns-${versions.COREDNS_VERSION}-${moduleKey('coredns')}`, 'coredns');
    const r = await tools(sb, toolSets([3]), { DEMO_HOOKS_PROVIDER: 'local' });
    expect(r.exitCode).toBe(0);
    expect(r.goCalls).toEqual([]);
    const components = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubelet', 'kube-proxy', 'kubeadm', 'local-volume-provisioner', 'kubectl'];
    expect(Object.keys(r.links).sort()).toEqual([...components, 'coredns', 'etcd', 'helm', 'helm3'].sort());
    for (const c of components) expect(r.links[c]).toBe(kube);
    expect(r.links.etcd).toBe(etcd);
    expect(r.links.coredns).toBe(coredns);
  });

  it('CoreDNS is built from hack/coredns, in a cache directory keyed by its module', async () => {
    const sb = sandbox();
    seedBuild(sb, `kubernetes-${versions.KUBERNETES_VERSION}-${moduleKey('kube')}`, 'kube');
    seedBuild(sb, `etcd-${versions.ETCD_VERSION}-${moduleKey('etcd')}`, 'etcd');
    const r = await tools(sb, ['cluster']);
    const dir = `coredns-${versions.COREDNS_VERSION}-${moduleKey('coredns')}`;
    expect(r.goCalls).toEqual([`go build -ldflags -s -w  -o ${path.join(sb.cache, `${dir}.partial`, 'bin', 'coredns')} .`]);
    expect(r.stderr).toContain(`error: building CoreDNS ${versions.COREDNS_VERSION} (the plugins of its Corefiles) failed`);
  });

  it('all (make tools) still provides both Helms, kind and actionlint', async () => {
    const sb = sandbox();
    const helm3 = seedBuild(sb, `helm-${versions.HELM3_VERSION}`, 'helm');
    const helm4 = seedBuild(sb, `helm-${versions.HELM4_VERSION}`, 'helm');
    const kind = seedBuild(sb, `kind-${versions.KIND_VERSION}`, 'kind');
    const actionlint = seedBuild(sb, `actionlint-${versions.ACTIONLINT_VERSION}`, 'actionlint');
    const kubectl = kubectlFixture(path.join(sb.fixtures, 'kubectl'), versions.KUBERNETES_VERSION!);
    const r = await tools(sb, [], { DEMO_HOOKS_PROVIDER: 'existing' });
    expect(r.exitCode).toBe(0);
    expect(r.links).toEqual({ helm3, helm4, helm: 'helm3', kind, actionlint, kubectl });
    expect(r.goCalls).toEqual([]);
  });
});

describe('hack/tools.sh: what the machine already has', () => {
  // What Helm prints for --template '{{.Version}}': the release alone, or with build metadata.
  it.each([versions.HELM3_VERSION!, `${versions.HELM3_VERSION}+g1234567`])('a helm on PATH at the pinned version (.Version %s) is linked, not built', async (template) => {
    const sb = sandbox();
    const helm = helmFixture(path.join(sb.fixtures, 'helm'), versions.HELM3_VERSION!, template);
    const r = await tools(sb, ['helm3']);
    expect(r.exitCode).toBe(0);
    expect(r.links).toEqual({ helm3: helm, helm: 'helm3' });
    expect(r.stderr.split('\n')).toContain(`==> helm3: using ${helm} (${versions.HELM3_VERSION}, the pinned version)`);
    expect(r.goCalls).toEqual([]);
  });

  it('DEMO_HOOKS_IGNORE_PATH=1 (bench/run.sh --cold-tools) builds even where PATH has the pinned helm', async () => {
    const sb = sandbox();
    helmFixture(path.join(sb.fixtures, 'helm'), versions.HELM3_VERSION!);
    const r = await tools(sb, ['helm3'], { DEMO_HOOKS_IGNORE_PATH: '1' });
    expect(r.goCalls).toEqual([expect.stringContaining(`helm.sh/helm/v3/cmd/helm@${versions.HELM3_VERSION}`)]);
  });

  it('a helm on PATH of another version is named and left alone', async () => {
    const sb = sandbox();
    const helm = helmFixture(path.join(sb.fixtures, 'helm'), 'v3.19.0');
    const r = await tools(sb, ['helm3']);
    expect(r.stderr.split('\n')).toContain(`==> helm3: not using ${helm} (v3.19.0; the pinned version is ${versions.HELM3_VERSION})`);
    expect(r.goCalls).toEqual([expect.stringContaining(`helm.sh/helm/v3/cmd/helm@${versions.HELM3_VERSION}`)]);
    expect(r.links.helm3).toBeUndefined();
  });

  it("never takes a link of ours: .tools/bin on PATH, or a clone's labs/bin/helm", async () => {
    const sb = sandbox();
    // An earlier run linked a helm that is no longer on PATH; .tools/bin itself is (labs/setup.sh).
    const earlier = helmFixture(path.join(path.dirname(sb.cache), 'gone', 'helm'), versions.HELM3_VERSION!);
    mkdirSync(sb.bin, { recursive: true });
    symlinkSync(earlier, path.join(sb.bin, 'helm3'));
    symlinkSync('helm3', path.join(sb.bin, 'helm'));
    // Another clone: its labs/bin/helm calls that clone's .tools/bin back.
    const clone = path.join(path.dirname(sb.cache), 'clone');
    script(path.join(clone, 'hack', 'tools.sh'), 'exit 0');
    helmFixture(path.join(clone, 'labs', 'bin', 'helm'), versions.HELM3_VERSION!);
    sb.path = `${sb.bin}:${path.join(clone, 'labs', 'bin')}:${sb.path}`;
    const r = await tools(sb, ['helm3']);
    expect(r.stderr).not.toMatch(/helm3: (not )?using/);
    expect(r.goCalls).toEqual([expect.stringContaining(`helm.sh/helm/v3/cmd/helm@${versions.HELM3_VERSION}`)]);
  });

  it('a kubectl on PATH of another version does not stand in for the pinned one', async () => {
    const sb = sandbox();
    const kubectl = kubectlFixture(path.join(sb.fixtures, 'kubectl'), 'v1.32.4');
    const r = await tools(sb, ['provider'], { DEMO_HOOKS_PROVIDER: 'existing' });
    expect(r.stderr.split('\n')).toContain(`==> kubectl: not using ${kubectl} (v1.32.4; the pinned version is ${versions.KUBERNETES_VERSION})`);
    expect(r.goCalls).toEqual([expect.stringMatching(/^go build .* -o .*kubernetes-v[\d.]+-[0-9a-f]{10}\.partial\/bin\/kube \.$/)]);
    expect(r.links).toEqual({});
  });
});

describe('hack/tools.sh: a build in progress', () => {
  // Nothing here is timed: this only bounds a test whose awaited line or end never comes.
  const slowBuildTimeout = 30_000;

  /**
   * Starts `tools.sh helm4` with a `go` that waits for the test to release it, lines every second,
   * and a mark in the environment of every process it starts. Resolves `progress` at the first
   * progress line.
   */
  function slowBuild(sb: Sandbox) {
    const release = path.join(path.dirname(sb.cache), 'release');
    const mark = `dh-tools-test-${process.pid}-${Math.random().toString(36).slice(2)}`;
    script(
      path.join(sb.fixtures, 'go'),
      `while [ ! -e '${release}' ]; do sleep 0.1; done
printf '#!/bin/sh\\necho built\\n' > "$GOBIN/helm"
chmod +x "$GOBIN/helm"`,
    );
    const child = spawn(sb.bash, [toolsScript, 'helm4'], {
      env: { ...env(sb, { DEMO_HOOKS_PROGRESS_SECONDS: '1' }), DH_TOOLS_TEST_MARK: mark },
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    let stderr = '';
    let sawProgress: (line: string) => void;
    const progress = new Promise<string>((resolve) => (sawProgress = resolve));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const line = /^==> building Helm \S+: \d+ s.*$/m.exec(stderr)?.[0];
      if (line) sawProgress(line);
    });
    // 'close': the process has exited and every holder of its stderr (a progress reader left
    // running would be one) has let go.
    const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
    return { child, progress, closed, release: () => writeFileSync(release, ''), stderr: () => stderr, mark };
  }

  /** Processes still running with the mark in their environment. */
  function marked(mark: string): string[] {
    return readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .filter((p) => {
        try {
          return readFileSync(`/proc/${p}/environ`, 'utf8').includes(`DH_TOOLS_TEST_MARK=${mark}`);
        } catch {
          return false;
        }
      });
  }

  it('shows the elapsed time with the last build of the tool, records its seconds and leaves nothing running', async () => {
    const sb = sandbox();
    mkdirSync(path.join(sb.cache, 'build-seconds'), { recursive: true });
    writeFileSync(path.join(sb.cache, 'build-seconds', 'helm4'), '246\n');
    const build = slowBuild(sb);
    expect(await build.progress).toMatch(new RegExp(`^==> building Helm ${versions.HELM4_VERSION}: \\d+ s \\(last time 246 s\\)$`));
    build.release();
    expect(await build.closed).toEqual({ code: 0, signal: null });
    expect(build.stderr()).toContain(`==> building Helm ${versions.HELM4_VERSION} (once; cached in ${path.join(sb.cache, `helm-${versions.HELM4_VERSION}`)}; last time 246 s)`);
    const dir = path.join(sb.cache, `helm-${versions.HELM4_VERSION}`);
    expect(readlinkSync(path.join(sb.bin, 'helm4'))).toBe(path.join(dir, 'bin', 'helm'));
    expect(existsSync(path.join(dir, '.complete'))).toBe(true);
    const took = readFileSync(path.join(dir, '.build-seconds'), 'utf8').trim();
    expect(took).toMatch(/^\d+$/);
    expect(readFileSync(path.join(sb.cache, 'build-seconds', 'helm4'), 'utf8').trim()).toBe(took);
    expect(build.stderr()).toContain(`==> built Helm ${versions.HELM4_VERSION} in ${took} s`);
    expect(marked(build.mark)).toEqual([]);
  }, slowBuildTimeout);

  // As runStep passes on Ctrl-C or SIGTERM: to the script's whole process group. A shell without
  // job control starts its background processes with SIGINT ignored, so a progress loop that
  // waited for the signal would outlive a Ctrl-C.
  it.each(['SIGINT', 'SIGTERM'] as const)('stops with the build on %s, and trusts nothing of it', async (signal) => {
    const sb = sandbox();
    const build = slowBuild(sb);
    await build.progress;
    process.kill(-build.child.pid!, signal);
    expect((await build.closed).code).not.toBe(0);
    expect(marked(build.mark)).toEqual([]);
    expect(existsSync(path.join(sb.cache, `helm-${versions.HELM4_VERSION}`, '.complete'))).toBe(false);
    expect(existsSync(path.join(sb.cache, 'build-seconds', 'helm4'))).toBe(false);
    expect(existsSync(path.join(sb.bin, 'helm4'))).toBe(false);
  }, slowBuildTimeout);
});

describe('hack/tools.sh helm-vX.Y.Z: a Helm release besides the pinned two', () => {
  const realCache = path.join(os.homedir(), '.cache', 'demo-hooks');
  const pinned3 = versions.HELM3_VERSION!;

  it('links a release built before without asking Go anything, not even whether it exists', async () => {
    const sb = sandbox();
    const helm = seedBuild(sb, 'helm-v3.18.6', 'helm');
    const r = await tools(sb, ['helm-v3.18.6']);
    expect(r).toEqual({ exitCode: 0, stderr: '', links: { 'helm-v3.18.6': helm }, goCalls: [] });
  });

  it(`links one from the real cache (${pinned3}, which \`make test-unit\` provides) and it runs as that release`, async () => {
    const built = path.join(realCache, `helm-${pinned3}`);
    expect(existsSync(path.join(built, '.complete'))).toBe(true);
    const sb = sandbox();
    const r = await tools(sb, [`helm-${pinned3}`], { DEMO_HOOKS_CACHE: realCache });
    expect(r).toEqual({ exitCode: 0, stderr: '', links: { [`helm-${pinned3}`]: path.join(built, 'bin', 'helm') }, goCalls: [] });
    expect((await execa(path.join(sb.bin, `helm-${pinned3}`), ['version', '--short'])).stdout).toMatch(new RegExp(`^${pinned3.replaceAll('.', '\\.')}\\b`));
  }, 30_000);

  it('builds one not built yet with the ldflags of the pinned builds, and links it', async () => {
    const sb = sandbox();
    // go list answers (the version exists); go install builds. Only an install has a GOBIN to write to.
    script(path.join(sb.fixtures, 'go'), `echo "go $*" >> '${sb.goLog}'\n[ "$1" = install ] || exit 0\nprintf '#!/bin/sh\\necho built\\n' > "$GOBIN/helm"\nchmod +x "$GOBIN/helm"`);
    const r = await tools(sb, ['helm-v4.1.0']);
    expect(r.exitCode).toBe(0);
    expect(r.goCalls).toEqual(['go list -m helm.sh/helm/v4@v4.1.0', 'go install -ldflags -s -w -X helm.sh/helm/v4/internal/version.version=v4.1.0 helm.sh/helm/v4/cmd/helm@v4.1.0']);
    expect(r.stderr.split('\n')).toContain(`==> building Helm v4.1.0 (once; cached in ${path.join(sb.cache, 'helm-v4.1.0')})`);
    expect(r.links).toEqual({ 'helm-v4.1.0': path.join(sb.cache, 'helm-v4.1.0', 'bin', 'helm') });
    expect(existsSync(path.join(sb.cache, 'helm-v4.1.0', '.complete'))).toBe(true);
  });

  it('refuses a version the module proxy does not have: one line, exit 2, nothing built (the real go list)', async () => {
    const sb = sandbox();
    rmSync(path.join(sb.fixtures, 'go'));
    symlinkSync(execFileSync('bash', ['-c', 'command -v go'], { encoding: 'utf8' }).trim(), path.join(sb.fixtures, 'go'));
    const r = await tools(sb, ['helm-v3.99.0']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^error: Helm v3\.99\.0 is not a release: go list -m helm\.sh\/helm\/v3@v3\.99\.0 says "[^"\n]+"; the releases are at https:\/\/github\.com\/helm\/helm\/releases$/);
    expect(r.links).toEqual({});
    expect(existsSync(path.join(sb.cache, 'helm-v3.99.0'))).toBe(false);
  }, 60_000);

  it('says it in Go\'s words where the proxy answers "unknown revision"', async () => {
    const sb = sandbox();
    const answer = 'go: helm.sh/helm/v4@v4.9.0: reading https://proxy.golang.org/helm.sh/helm/v4/@v/v4.9.0.info: 404 Not Found\n\tserver response: not found: helm.sh/helm/v4@v4.9.0: invalid version: unknown revision v4.9.0';
    script(path.join(sb.fixtures, 'go'), `echo "go $*" >> '${sb.goLog}'\nprintf '%s\\n' '${answer}' >&2\nexit 1`);
    const r = await tools(sb, ['helm-v4.9.0']);
    expect(r).toEqual({
      exitCode: 2,
      stderr: 'error: Helm v4.9.0 is not a release: go list -m helm.sh/helm/v4@v4.9.0 says "unknown revision v4.9.0"; the releases are at https://github.com/helm/helm/releases',
      links: {},
      goCalls: ['go list -m helm.sh/helm/v4@v4.9.0'],
    });
  });

  it('takes any other failure of go list (no network) as no answer: the build tries, and fails as a build', async () => {
    const sb = sandbox();
    const r = await tools(sb, ['helm-v3.18.7']);
    expect(r.exitCode).toBe(1);
    expect(r.goCalls).toEqual(['go list -m helm.sh/helm/v3@v3.18.7', expect.stringContaining('go install -ldflags -s -w -X helm.sh/helm/v3/internal/version.version=v3.18.7 helm.sh/helm/v3/cmd/helm@v3.18.7')]);
    expect(r.stderr.split('\n').at(-1)).toBe('error: building Helm v3.18.7 failed (see the Go output above)');
    expect(r.links).toEqual({});
    expect(existsSync(path.join(sb.cache, 'helm-v3.18.7'))).toBe(false);
  });

  it.each(['v3.x', 'v3.18', 'v5.0.0', 'v3.18.6-rc.1', 'v03.18.6'])('refuses helm-%s before asking anything', async (version) => {
    const sb = sandbox();
    const r = await tools(sb, [`helm-${version}`]);
    expect(r).toEqual({ exitCode: 2, stderr: `error: ${version} is not a Helm release: give one as v3.18.6 or v4.1.0`, links: {}, goCalls: [] });
  });
});
