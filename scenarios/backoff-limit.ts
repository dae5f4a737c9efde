import { defineScenario, install, upgrade } from '../harness/src/scenario/dsl.js';
import { helmTimedOut, migrationOutlivedHelm } from './steps/helm-gave-up.js';

export default defineScenario({
  name: 'backoff-limit',
  title: "With the Job's default backoffLimit, a failing hook shows up as a timeout",
  seedStep: '003 "Best Practices: use timeouts for long-running hooks"',
  description:
    'The migration fails on purpose, with backoffLimit 6, the Job API default. Kubernetes retries it with growing ' +
    'pauses (10 s, 20 s, 40 s, …), so the Job has not failed when Helm\'s --timeout (30 s here, 5 min by default) ' +
    'runs out: Helm reports a timeout instead of the failure, and the Job keeps retrying after Helm has exited. ' +
    "The chart's default backoffLimit of 0 makes the same failure show within seconds (pre-fail).",
  deadlineSeconds: 240,
  steps: [
    install({ name: 'install', values: 'labs/values/quick-install.yaml' }),
    upgrade({
      name: 'retries-outlast-timeout',
      set: { 'app.version': '2.0.0', 'hooks.migration.fail': true, 'hooks.migration.backoffLimit': 6 },
      timeout: '30s',
      expectFailure: true,
      errorMatches: helmTimedOut,
    }),
    ...migrationOutlivedHelm(),
  ],
});
