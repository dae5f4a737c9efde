// The plain view of a running suite (CI logs, pipes): every line tagged with its run, the steps
// as they start, and each hook event as it comes, with the release's long prefix left out.
import { lineProgress } from '../../../harness/src/report/progress.js';
import { plain } from '../../../harness/src/report/style.js';

test('lineProgress tags every line with its run and shows hook events as they come', async () => {
  const lines: string[] = [];
  const progress = lineProgress((l) => lines.push(l), plain);
  const soon = new Date(Date.now() + 1500).toISOString();
  const results = await progress.run(
    [{ label: 'pre-fail h3', steps: ['helm install'] }],
    1,
    async (index, display) => {
      display.watcher.runStarted('dh-pre-fail-h3-abc123', 'dh-pre-fail-h3-abc123');
      display.watcher.stepStarted(0, 'helm install');
      const created = { at: soon, kind: 'Job' as const, name: 'dh-pre-fail-h3-abc123-demo-hooks-db-setup', hook: 'dbSetup', what: 'created' as const, hookEvents: ['post-install'], weight: 0 };
      display.watcher.timelineChanged([created]);
      // The timeline comes whole each time: what was shown is not shown again.
      display.watcher.timelineChanged([created, { ...created, kind: 'Pod' as const, name: 'dh-pre-fail-h3-abc123-demo-hooks-db-setup-x1', what: 'failed' as const, exitCode: 1, reason: 'Error' }]);
      display.line('  ✔ helm install succeeds');
      return index;
    },
    String,
  );
  expect(results).toEqual([0]);
  expect(lines).toEqual([
    '[pre-fail h3] ▶ helm install',
    expect.stringMatching(/^\[pre-fail h3\] {3}\+ {2}1\.\ds {2}Job …-demo-hooks-db-setup created \(post-install, weight 0\)$/),
    expect.stringMatching(/^\[pre-fail h3\] {3}\+ {2}1\.\ds {2}Pod …-demo-hooks-db-setup-x1 failed exit 1 Error$/),
    '[pre-fail h3]   ✔ helm install succeeds',
  ]);
});

test('a report is printed as soon as it is given', () => {
  const lines: string[] = [];
  lineProgress((l) => lines.push(l), plain).report('━━ pre-fail');
  expect(lines).toEqual(['━━ pre-fail']);
});
