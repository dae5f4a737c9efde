// Choosing a provider, and what the kind provider says on a machine without a Docker engine.
import path from 'node:path';
import { existingProvider } from '../../../harness/src/cluster/existing.js';
import { kindProvider } from '../../../harness/src/cluster/kind.js';
import { localProvider } from '../../../harness/src/cluster/local.js';
import { defaultOrder, selectProvider } from '../../../harness/src/cluster/provider.js';

describe('selectProvider', () => {
  it('CLUSTER names the provider', async () => {
    expect((await selectProvider({ CLUSTER: 'local' })).name).toBe('local');
    expect((await selectProvider({ CLUSTER: 'existing' })).name).toBe('existing');
    expect((await selectProvider({ CLUSTER: 'kind' })).name).toBe('kind');
  });

  it('an unknown CLUSTER lists the providers there are', async () => {
    await expect(selectProvider({ CLUSTER: 'minikube' })).rejects.toThrow('CLUSTER=minikube is not a provider: use one of kind, local, existing');
  });
});

describe('each provider decides whether it can run here', () => {
  it('kind: by default only where a Docker engine answers', async () => {
    expect(await kindProvider({}, { dockerAnswers: async () => true }).available()).toEqual({ ok: true });
    // Even as root, where CLUSTER=kind could start the project's dockerd: a default never starts one.
    expect(await kindProvider({}, { dockerAnswers: async () => false, canStartDockerd: () => true }).available()).toEqual({
      ok: false,
      reason: expect.stringMatching(/needs a running Docker engine/),
    });
  });

  it('kind, named by CLUSTER: also where the project may start its own dockerd (root on Linux)', async () => {
    expect(await kindProvider({}, { named: true, dockerAnswers: async () => false, canStartDockerd: () => true }).available()).toEqual({ ok: true });
    expect(await kindProvider({}, { named: true, dockerAnswers: async () => false, canStartDockerd: () => false }).available()).toEqual({
      ok: false,
      reason: expect.stringMatching(/run CLUSTER=kind as root \(the project then starts Debian's dockerd itself\)/),
    });
  });

  it('local: on Linux as root, and otherwise says why', async () => {
    const availability = await localProvider({}).available();
    if (process.platform === 'linux' && process.getuid?.() === 0) expect(availability).toEqual({ ok: true });
    else expect(availability).toEqual({ ok: false, reason: expect.stringMatching(/Linux only|need root/) });
  });

  it('existing: only with a kubeconfig that exists', async () => {
    expect(await existingProvider({ KUBECONFIG: '/nonexistent/kubeconfig' }).available()).toEqual({
      ok: false,
      reason: 'CLUSTER=existing needs a kubeconfig, and /nonexistent/kubeconfig does not exist: set KUBECONFIG (and KUBE_CONTEXT) to your cluster\'s',
    });
    expect(await existingProvider({ KUBECONFIG: '/dev/null' }).available()).toEqual({ ok: true });
  });

  it('without CLUSTER, the first available of kind then local is chosen; existing never by default', async () => {
    expect(defaultOrder).toEqual(['kind', 'local']);
    // No docker on this PATH, so kind says no; local decides by platform and user.
    const chosen = selectProvider({ PATH: '/nonexistent' });
    if (process.platform === 'linux' && process.getuid?.() === 0) expect((await chosen).name).toBe('local');
    else await expect(chosen).rejects.toThrow(/no cluster provider can run here \(kind: .*; local: .*\)/);
  });
});

describe('the kind provider without a Docker engine', () => {
  it('says how to go on, and never runs kind', async () => {
    const progress: string[] = [];
    // A kind binary that does not exist: had up() run it, the error would be kind's, not this one.
    const provider = kindProvider({ KIND: '/nonexistent/kind' }, { dockerAnswers: async () => false, canStartDockerd: () => false });
    await expect(provider.up((m) => progress.push(m))).rejects.toThrow(
      "CLUSTER=kind needs a running Docker engine, and 'docker info' gets no answer: start Docker, or run CLUSTER=kind as root (the project then starts Debian's dockerd itself), or use CLUSTER=local (Linux, as root) or CLUSTER=existing",
    );
    expect(progress).toEqual([]);
  });
});

describe('what each provider advises when its cluster does not answer', () => {
  it('local and kind: make cluster starts it; existing: this project cannot, so check the kubeconfig', async () => {
    expect((await selectProvider({ CLUSTER: 'local' })).whenUnreachable()).toMatch(/^run `make cluster` to start the local cluster/);
    expect((await selectProvider({ CLUSTER: 'kind' })).whenUnreachable()).toMatch(/^run `make cluster` to create the kind cluster demo-hooks \(Docker must be running, or CLUSTER=kind as root starts Debian's dockerd\)/);
    const existing = (await selectProvider({ CLUSTER: 'existing', KUBECONFIG: '/nowhere/config' })).whenUnreachable();
    expect(existing).toBe('check KUBECONFIG/KUBE_CONTEXT, or use CLUSTER=local or CLUSTER=kind');
    expect(existing).not.toContain('make cluster');
  });
});

describe('kind and the local cluster side by side', () => {
  // Both can run on one machine; kind once wrote its kubeconfig over the local cluster's, pointing
  // every later local command at kind, and its `down` then deleted the file.
  it('keep their kubeconfigs apart, and kind keeps nothing where the local cluster’s down removes all', async () => {
    const { clusterDir } = await import('../../../harness/src/paths.js');
    const kind = kindProvider({}).kubeconfigPath();
    const local = localProvider({}).kubeconfigPath();
    expect(kind).not.toBe(local);
    expect(path.relative(clusterDir, kind).startsWith('..')).toBe(true);
  });
});
