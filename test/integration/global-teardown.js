// Removes the cluster if global-setup.js started it, unless KEEP_CLUSTER=1.
import { execa } from 'execa';
import { existsSync, rmSync } from 'node:fs';
import { markerFile, cli } from './cluster-marker.js';

export default async function globalTeardown() {
  if (!existsSync(markerFile)) return;
  rmSync(markerFile);
  if (process.env.KEEP_CLUSTER === '1') return;
  await execa('node', [cli, 'cluster', 'down'], { reject: false, stdout: 'inherit', stderr: 'inherit' });
}
