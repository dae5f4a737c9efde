// Brings up the cluster the integration tests run on, through the same CLI a person uses.
// A cluster that cannot come up fails the run loudly; it is never skipped. If this run started
// the cluster, global-teardown.js removes it again (KEEP_CLUSTER=1 keeps it).
import { execa } from 'execa';
import { writeFile } from 'node:fs/promises';
import { markerFile, cli } from './cluster-marker.js';

export default async function globalSetup() {
  const wasUp = (await execa('node', [cli, 'cluster', 'status'], { reject: false })).exitCode === 0;
  if (!wasUp) {
    process.stdout.write('\nbringing up the cluster for the integration tests\n');
    const up = await execa('node', [cli, 'cluster', 'up'], { reject: false, stdout: 'inherit', stderr: 'inherit' });
    if (up.exitCode !== 0) throw new Error(`the integration tests need a cluster, and \`demo-hooks cluster up\` failed (exit ${up.exitCode})`);
    await writeFile(markerFile, 'started by the integration tests\n');
  }
}
