import { defineScenario, expectHistory, helmTest, install, upgrade } from '../harness/src/scenario/dsl.js';

export default defineScenario({
  name: 'helm-test',
  title: 'helm test runs the test hooks on demand; a failing test leaves the release deployed',
  seedStep: '003 "Testing Hooks"',
  description:
    'Only `helm test` runs the chart\'s test-connection pod (install and upgrade never do): it checks from inside the ' +
    'cluster that the app serves this revision\'s version and that the database answers, and --logs prints what it ' +
    'saw. A failing test makes `helm test` exit non-zero, but it changes neither the revision nor its status.',
  deadlineSeconds: 240,
  steps: [
    install({ name: 'install' }),
    helmTest({ name: 'test-passes', outputMatches: /Phase:\s+Succeeded[\s\S]*version=1\.0\.0[\s\S]*answers/ }),
    upgrade({ name: 'upgrade-with-failing-test', set: { 'app.version': '2.0.0', 'tests.fail': true } }),
    helmTest({
      name: 'test-fails',
      expectFailure: true,
      outputMatches: /Phase:\s+Failed[\s\S]*version=2\.0\.0/,
      errorMatches: {
        helm3: /Error: 1 error occurred:\s+\* pod \S+-test-connection failed/,
        helm4: /Error: resource Pod\/\S+-test-connection not ready\. status: Failed, message: pod \S+ failed/,
      },
    }),
    expectHistory([
      { revision: 1, status: 'superseded' },
      { revision: 2, status: 'deployed' },
    ]),
  ],
});
