#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so the harness needs no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../harness/src/cli.ts');
// Exit explicitly: keep-alive sockets of the Kubernetes client must not hold the process open.
process.exit(await main(process.argv.slice(2)));
