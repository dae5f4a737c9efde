// A hook's log outlives its pod. Helm deletes a hook Job whose policy says hook-succeeded the
// moment it completes, and the pod goes with it, sometimes before the read at the container's end
// reaches the API server (CI saw a 404 for post-rollback on Helm 4). The log followed while the
// container ran is what the report keeps then.
import { readPodLog, followPodLog } from '../../harness/src/kube/logs.js';
import { NamespaceObserver } from '../../harness/src/observe/observer.js';
import { openTestCluster, toolboxPod, type TestCluster } from './support.js';

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await openTestCluster('log-follow');
}, 120_000);
afterAll(async () => {
  await cluster?.close();
}, 180_000);

// Lines over a couple of seconds, so that the container is seen running and followed.
const script = 'i=1; while [ $i -le 300 ]; do echo "line $i"; i=$((i+1)); if [ $((i % 100)) -eq 0 ]; then sleep 1; fi; done';
const expected = Array.from({ length: 300 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

async function runToEndThenDelete(name: string, annotations: Record<string, string> = {}): Promise<void> {
  const manifest = toolboxPod(cluster.toolboxImage, name, script);
  Object.assign(manifest.metadata, { annotations });
  await cluster.kubectlOk(['apply', '-f', '-'], JSON.stringify(manifest));
  await cluster.kubectlOk(['wait', `pod/${name}`, '--for=jsonpath={.status.phase}=Succeeded', '--timeout=120s']);
  await cluster.kubectlOk(['delete', 'pod', name, '--grace-period=0', '--wait=true']);
}

test('a followed log is whole after its pod is deleted, when a read then gets 404', async () => {
  const name = 'followed';
  const manifest = toolboxPod(cluster.toolboxImage, name, script);
  await cluster.kubectlOk(['apply', '-f', '-'], JSON.stringify(manifest));
  await cluster.kubectlOk(['wait', `pod/${name}`, '--for=jsonpath={.status.phase}=Running', '--timeout=120s']);
  const followed = followPodLog(cluster.kube, cluster.namespace, name, 'main');
  await cluster.kubectlOk(['wait', `pod/${name}`, '--for=jsonpath={.status.phase}=Succeeded', '--timeout=120s']);
  await cluster.kubectlOk(['delete', 'pod', name, '--grace-period=0', '--wait=true']);
  await expect(readPodLog(cluster.kube, cluster.namespace, name, 'main')).rejects.toThrow(/404|not found/);
  expect(await followed.ended(30_000)).toBe(true);
  expect(followed.error()).toBeUndefined();
  expect(followed.text()).toBe(expected);
}, 240_000);

test('the observer keeps the whole log of a hook pod deleted the moment it succeeded', async () => {
  const observer = new NamespaceObserver(cluster.kube, cluster.namespace);
  await observer.start();
  try {
    await runToEndThenDelete('hook-deleted', { 'helm.sh/hook': 'post-rollback' });
    await observer.settle();
    const logs = observer.hookLogs().filter((l) => l.pod === 'hook-deleted');
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ hook: 'hook-deleted', container: 'main', exitCode: 0, log: expected });
    expect(logs[0]?.error).toBeUndefined();
  } finally {
    await observer.stop();
  }
}, 240_000);

test('following a pod that does not exist ends at once with the API server’s answer', async () => {
  const followed = followPodLog(cluster.kube, cluster.namespace, 'no-such-pod', 'main');
  expect(await followed.ended(30_000)).toBe(true);
  expect(followed.error()).toMatch(/HTTP 404/);
  expect(followed.text()).toBe('');
}, 60_000);
