// harness/src/guide/read-ahead.ts: which typed commands may start before their turn, and that a row
// of them starts together while each result still comes back at its own step.
import { ReadAhead, readsAndReturns } from '../../../harness/src/guide/read-ahead.js';
import type { TypedCommandResult } from '../../../harness/src/guide/typed-command.js';

describe('readsAndReturns', () => {
  test.each([
    'helm history demo -n demo',
    'helm status demo -n demo',
    'kubectl get pods -n demo -L demo-hooks.dev/app-version',
    'kubectl get jobs,pods -n demo',
    'kubectl describe job -n demo demo-demo-hooks-db-migration',
    'kubectl logs -n demo job/demo-demo-hooks-db-migration',
  ])('%s reads and returns', (command) => expect(readsAndReturns(command)).toBe(true));

  test.each([
    'kubectl wait --for=delete pod -n demo -l demo-hooks.dev/app-version=1.0.0 --timeout=2m',
    'kubectl rollout status deployment/demo-demo-hooks -n demo',
    'kubectl get pods -n demo -w',
    'kubectl get pods -n demo --watch=true',
    'kubectl logs -f -n demo job/demo-demo-hooks-db-migration',
    'kubectl delete job -n demo demo-demo-hooks-db-migration',
    'helm rollback demo 1 -n demo',
    'helm upgrade demo charts/demo-hooks -n demo',
    'kubectl get pods -n demo | grep migration',
    'kubectl get pods -n demo; helm history demo -n demo',
    'helm history demo -n demo > history.txt',
    'kubectl get pods -n "$NS"',
    'jq . reports/pre-fail-helm3.json',
    '',
  ])('%s does not', (command) => expect(readsAndReturns(command)).toBe(false));
});

/** A command that ends when the test says so, and the order in which commands were started. */
function commands() {
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  const run = (command: string) =>
    new Promise<TypedCommandResult>((resolve) => {
      started.push(command);
      finish.set(command, () => resolve({ command, exitCode: 0, stdout: `out of ${command}`, stderr: '', startedAt: new Date().toISOString(), durationMs: 0 }));
    });
  return { started, run, finish: (command: string) => finish.get(command)!() };
}

describe('ReadAhead', () => {
  const history = 'helm history demo -n demo';
  const pods = 'kubectl get pods -n demo';
  const logs = 'kubectl logs -n demo job/demo-demo-hooks-db-migration';
  const wait = 'kubectl wait --for=delete pod -n demo -l app=x --timeout=2m';

  test('starts a row of reads together, and hands each result to its own step', async () => {
    const c = commands();
    const typing = new ReadAhead([undefined, history, pods, logs, undefined, pods], c.run);
    const first = typing.type(1, history);
    expect(c.started).toEqual([history, pods, logs]);
    c.finish(logs);
    c.finish(pods);
    c.finish(history);
    expect((await first).stdout).toBe(`out of ${history}`);
    expect((await typing.type(2, pods)).stdout).toBe(`out of ${pods}`);
    expect((await typing.type(3, logs)).stdout).toBe(`out of ${logs}`);
    // A step that types nothing ends the row: step 5 starts when its turn comes.
    expect(c.started).toEqual([history, pods, logs]);
    const last = typing.type(5, pods);
    expect(c.started).toEqual([history, pods, logs, pods]);
    c.finish(pods);
    await last;
  });

  test('never starts a command that waits early, and it ends the row', async () => {
    const c = commands();
    const typing = new ReadAhead([history, wait, pods], c.run);
    void typing.type(0, history);
    expect(c.started).toEqual([history]);
    void typing.type(1, wait);
    expect(c.started).toEqual([history, wait]);
    void typing.type(2, pods);
    expect(c.started).toEqual([history, wait, pods]);
  });

  test('settle waits for what was started for steps that never came', async () => {
    const c = commands();
    const typing = new ReadAhead([history, pods], c.run);
    void typing.type(0, history);
    let settled = false;
    const settling = typing.settle().then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    c.finish(history);
    c.finish(pods);
    await settling;
    expect(settled).toBe(true);
  });
});
