// What `make cluster` does when it is stopped half-way or finds the wreck of an earlier cluster:
// Ctrl-C removes everything it had started; a cluster killed mid-start or crashed while running is
// cleaned up by the next `make cluster`, which then comes up. Each case takes the real cluster
// down, so they run only when this test run owns it (global-setup.js started it) or in CI; the
// cluster is up again when they finish, for the files that follow.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { clusterDir, repoRoot } from '../../harness/src/paths.js';
import {
  clusterIsUp,
  clusterProcesses,
  finished,
  leftovers,
  lifecycleTest,
  make,
  nothingLeft,
  pidsOfComponents,
  provider,
  owned,
  startMake,
  kubectl,
  toolboxImage,
} from './local-cluster-support.js';

if (provider === 'local' && !owned) {
  process.stderr.write(
    'local-cluster-lifecycle: skipped, the cluster was up before this test run and these tests take it down ' +
      '(run `make cluster-down` first, or set CI=true)\n',
  );
}

// Whatever happens above, the files after this one get a running cluster.
afterAll(async () => {
  if (provider === 'local' && owned && !(await clusterIsUp())) await make('cluster');
}, 600_000);

lifecycleTest('Ctrl-C during `make cluster` stops it and removes everything it had started', async () => {
  expect((await make('cluster-down')).exitCode).toBe(0);
  expect(await leftovers()).toBe(nothingLeft);

  const run = startMake('cluster');
  // By then etcd, the API server, the controller manager and the scheduler are running.
  await run.waitForOutput(/kube-apiserver ready/, 120_000);
  run.signalGroup('SIGINT');
  const result = await finished(run.child, 120_000);

  expect(result.exitCode === 0 && !result.signal).toBe(false);
  expect(run.output()).toMatch(/interrupted/);
  expect(run.output()).toMatch(/cluster did not come up; removing what was started/);
  expect(run.output()).toMatch(/local cluster removed/);
  // make returns only after the clean-up: nothing is left the moment it has.
  expect(clusterProcesses()).toEqual([]);
  expect(await leftovers()).toBe(nothingLeft);
  expect(existsSync(clusterDir)).toBe(false);
}, 300_000);

lifecycleTest('`make cluster` killed outright half-way: the next `make cluster` cleans up and comes up', async () => {
  const run = startMake('cluster');
  await run.waitForOutput(/containerd ready/, 120_000);
  // SIGKILL cannot be trapped: the components started so far keep running, with nothing to stop them.
  run.signalGroup('SIGKILL');
  await finished(run.child, 30_000);
  const survivors = clusterProcesses();
  expect(survivors.length).toBeGreaterThan(0);

  const again = await make('cluster');
  expect(again.all).toMatch(/found a stopped or half-started cluster in \S+: cleaning it up first/);
  expect(again.exitCode).toBe(0);
  expect(await clusterIsUp()).toBe(true);
  // None of the half-started processes is among the running cluster's.
  const running = pidsOfComponents();
  for (const line of survivors) expect(running).not.toContain(Number(line.split(' ')[0]));
}, 600_000);

lifecycleTest('a crashed cluster (every component killed, a pod left running) is cleaned up by the next `make cluster`', async () => {
  const image = toolboxImage;
  // A pod gives the crash something to leave behind: its container, network namespace, veth and cgroup.
  await kubectl('run', 'crash-witness', '-n', 'default', `--image=${image}`, '--image-pull-policy=Never', '--restart=Never', '--command', '--', 'sleep', '3607');
  await kubectl('wait', '-n', 'default', '--for=condition=Ready', 'pod/crash-witness', '--timeout=120s');
  for (const pid of pidsOfComponents()) process.kill(pid, 'SIGKILL');
  expect(await leftovers()).not.toBe(nothingLeft);
  const witness = (await execa('pgrep', ['-f', '^sleep 3607$'], { reject: false })).stdout.trim();
  expect(witness).not.toBe('');

  const again = await make('cluster');
  expect(again.all).toMatch(/found a stopped or half-started cluster in \S+: cleaning it up first/);
  expect(again.exitCode).toBe(0);
  expect(await clusterIsUp()).toBe(true);
  // The old pod's process is gone, and the new cluster starts empty.
  expect((await execa('pgrep', ['-f', '^sleep 3607$'], { reject: false })).stdout.trim()).toBe('');
  expect((await kubectl('get', 'pods', '-A', '-o', 'name')).stdout.trim()).toBe('');
}, 600_000);
