// The hooks image as the cluster runs it: its /bin/sh and the small tools the chart's scripts call
// are busybox, as in the upstream images kind pulls, and busybox's ash parses every script the chart
// embeds, in every render. Scenario runs execute the scripts; this names the shell they ran under.
import { chartScripts } from '../../hack/chart-scripts.js';
import { selectProvider } from '../../harness/src/cluster/provider.js';
import { openTestCluster, toolboxPod, type TestCluster } from './support.js';

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await openTestCluster('toolbox');
}, 120_000);
afterAll(async () => {
  await cluster?.close();
}, 180_000);

/** Runs a pod of the hooks image to its end and returns its log (a pod that did not succeed throws). */
async function inHooksImage(name: string, script: string, volume?: { configMap: string; mountPath: string }): Promise<string> {
  const manifest = toolboxPod(cluster.toolboxImage, name, script, volume ? { volumeMounts: [{ name: 'scripts', mountPath: volume.mountPath }] } : {});
  if (volume) manifest.spec.volumes = [{ name: 'scripts', configMap: { name: volume.configMap } }];
  await cluster.kubectlOk(['apply', '-f', '-'], JSON.stringify(manifest));
  const ended = await cluster.kubectl(['wait', `pod/${name}`, '--for=jsonpath={.status.phase}=Succeeded', '--timeout=120s']);
  const log = await cluster.kubectlOk(['logs', name]);
  if (ended.exitCode !== 0) throw new Error(`pod ${name} did not succeed: ${ended.stderr}\n${log}`);
  return log;
}

test('/bin/sh is busybox ash, and the tools the scripts call are its applets', async () => {
  const log = await inHooksImage(
    'which-shell',
    [
      'echo "sh=$(readlink -f /bin/sh)"',
      'for tool in cat grep sed tr ls mv mkdir sleep; do echo "$tool=$(readlink -f "$(command -v "$tool")")"; done',
    ].join('\n'),
  );
  const resolved = Object.fromEntries(log.trim().split('\n').map((l) => l.split('=') as [string, string]));
  expect(resolved.sh).toMatch(/\/busybox$/);
  for (const tool of ['cat', 'grep', 'sed', 'tr', 'ls', 'mv', 'mkdir', 'sleep']) expect(resolved[tool]).toMatch(/\/busybox$/);
}, 180_000);

const onLocal = (await selectProvider()).name === 'local';

// The one tool that differs from kind's images, and why (cluster/local/images.sh).
(onLocal ? test : test.skip)('on the local cluster wget is GNU wget, because Debian busybox wget crashes on -T', async () => {
  const log = await inHooksImage(
    'which-wget',
    ['wget --version | head -n1', 'busybox wget -q -T 5 -O /dev/null http://127.0.0.1:9/ ; echo "busybox wget -T exit $?"'].join('\n'),
  );
  expect(log).toMatch(/^GNU Wget /);
  // 139: killed by SIGSEGV.
  expect(log).toContain('busybox wget -T exit 139');
}, 180_000);

test('busybox ash parses every script the chart embeds, and refuses a broken one', async () => {
  const scripts = await chartScripts();
  // One key per distinct script; a broken script proves the check can fail.
  const distinct = [...new Map(scripts.map((s) => [s.script, s])).values()];
  const data: Record<string, string> = { 'broken.sh': 'if true; then\n  echo never closed\n' };
  distinct.forEach((s, i) => {
    data[`s${String(i).padStart(3, '0')}.sh`] = s.script;
  });
  await cluster.kubectlOk(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'chart-scripts' }, data }));
  const log = await inHooksImage(
    'parse-scripts',
    'for f in /scripts/*.sh; do if sh -n "$f" 2>/dev/null; then echo "ok ${f##*/}"; else echo "refused ${f##*/}"; fi; done',
    { configMap: 'chart-scripts', mountPath: '/scripts' },
  );
  const refused = log.split('\n').filter((l) => l.startsWith('refused ')).map((l) => l.slice('refused '.length));
  const parsed = log.split('\n').filter((l) => l.startsWith('ok ')).length;
  expect(refused).toEqual(['broken.sh']);
  expect(parsed).toBe(distinct.length);
}, 240_000);
