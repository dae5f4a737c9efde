// Stopping Helm on purpose: the signal arrives when the scenario's moment comes, and the exit
// status is what a shell would report. A real child process stands in for Helm here (the
// plumbing is the same); the killed-upgrade scenario does it to Helm on a cluster.
import { runHelm } from '../../../harness/src/helm/run.js';

// Prints a line, then waits; on SIGINT it says so and exits 1, as Helm does after Ctrl-C.
const script = 'trap \'echo "cancelled"; exit 1\' INT; echo started; while :; do sleep 0.1; done';

function momentAfter(ms: number): Promise<string> {
  return new Promise((resolve) => setTimeout(() => resolve(`after ${ms} ms`), ms));
}

describe('runHelm with a signal sent on purpose', () => {
  it('SIGINT lets the process handle it and keeps its own exit code', async () => {
    const r = await runHelm('sh', 3, ['-c', script], { sendSignal: { signal: 'SIGINT', when: momentAfter(300) } });
    expect(r.signalledOnPurpose).toBe('SIGINT after 300 ms');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('started\ncancelled');
    expect(r.killedBecause).toBeUndefined();
  });

  it('SIGKILL reports 137, as `echo $?` would, with no error text made up', async () => {
    const r = await runHelm('sh', 3, ['-c', script], { sendSignal: { signal: 'SIGKILL', when: momentAfter(300) } });
    expect(r.signalledOnPurpose).toBe('SIGKILL after 300 ms');
    expect(r.exitCode).toBe(137);
    expect(r.stderr).toBe('');
  });

  it('a process that ends before the moment comes is not waited on, nor signalled', async () => {
    const never = new Promise<string>(() => undefined);
    const r = await runHelm('sh', 3, ['-c', 'exit 0'], { sendSignal: { signal: 'SIGKILL', when: never } });
    expect(r.exitCode).toBe(0);
    expect(r.signalledOnPurpose).toBeUndefined();
  }, 5000);
});
