import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cli = path.join(root, 'bin', 'demo-hooks.js');
/** Present while a cluster started by the integration tests is up. */
export const markerFile = path.join(root, '.cluster-started-by-tests');
