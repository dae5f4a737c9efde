// Choosing a provider, and what the kind provider says on a machine without a Docker engine.
import { kindProvider } from '../../../harness/src/cluster/kind.js';
import { selectProvider } from '../../../harness/src/cluster/provider.js';

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

describe('the kind provider without a Docker engine', () => {
  it('says how to go on, and never runs kind', async () => {
    const progress: string[] = [];
    // A kind binary that does not exist: had up() run it, the error would be kind's, not this one.
    const provider = kindProvider({ KIND: '/nonexistent/kind' }, async () => false);
    await expect(provider.up((m) => progress.push(m))).rejects.toThrow(
      "CLUSTER=kind needs a running Docker engine, and 'docker info' gets no answer: start Docker, or use CLUSTER=local (Linux, as root) or CLUSTER=existing",
    );
    expect(progress).toEqual([]);
  });
});

describe('what each provider advises when its cluster does not answer', () => {
  it('local and kind: make cluster starts it; existing: this project cannot, so check the kubeconfig', async () => {
    expect((await selectProvider({ CLUSTER: 'local' })).whenUnreachable()).toMatch(/^run `make cluster` to start the local cluster/);
    expect((await selectProvider({ CLUSTER: 'kind' })).whenUnreachable()).toMatch(/^run `make cluster` to create the kind cluster demo-hooks \(Docker must be running\)/);
    const existing = (await selectProvider({ CLUSTER: 'existing', KUBECONFIG: '/nowhere/config' })).whenUnreachable();
    expect(existing).toBe('check KUBECONFIG/KUBE_CONTEXT, or use CLUSTER=local or CLUSTER=kind');
    expect(existing).not.toContain('make cluster');
  });
});
