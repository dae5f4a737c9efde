#!/usr/bin/env node
// Runs the TypeScript CLI: from its bundle (bin/cli-bundle.js), built on first use and after any
// change to the sources; through tsx when the bundle cannot be built (the TypeScript then says why).
const argv = process.argv.slice(2);
const bundle = await import('./cli-bundle.js').then((b) => b.bundledCli()).catch(() => undefined);
let main;
if (bundle) {
  ({ main } = await import(bundle));
} else {
  const { register } = await import('tsx/esm/api');
  // The Kubernetes client is hundreds of plain JavaScript modules. Loaded before tsx's hooks are
  // registered, they skip them (only the project's TypeScript needs tsx), and load seconds sooner.
  // --help and --version need none of it.
  if (argv.length > 0 && !argv.some((a) => a === '--help' || a === '-h' || a === '--version' || a === '-V')) {
    await import('@kubernetes/client-node');
  }
  register();
  ({ main } = await import('../harness/src/cli.ts'));
}
// Exit explicitly: keep-alive sockets of the Kubernetes client must not hold the process open.
process.exit(await main(argv));
