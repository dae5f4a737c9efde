import { defineScenario, expectNamespaceEmpty, expectOutput, expectReleaseGone, install } from '../harness/src/scenario/dsl.js';

export default defineScenario({
  name: 'dry-run',
  title: 'helm install --dry-run --debug shows the hooks and creates nothing',
  seedStep: '003 "Testing Hooks" (dry run to see hooks)',
  description:
    'A client-side dry run renders the chart and prints a HOOKS section with every hook manifest and its annotations, ' +
    'then the MANIFEST section. Nothing reaches the cluster: no Job, no pod, no release record.',
  steps: [
    install({ name: 'dry-run', dryRun: true, debug: true, outputMatches: /^HOOKS:$/m }),
    expectOutput(/# Source: demo-hooks\/templates\/hooks\/db-migration\.yaml/),
    expectOutput(/helm\.sh\/hook: "pre-upgrade,post-install"/),
    expectOutput(/^MANIFEST:$/m),
    expectNamespaceEmpty(),
    expectReleaseGone(),
  ],
});
