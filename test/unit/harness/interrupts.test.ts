// Ctrl-C and SIGTERM: outside cleanup the CLI leaves at once with 130 / 143; inside, the first
// signal asks the work to stop and a second does what the work chose.
import { exitCodeForSignal } from '../../../harness/src/cli/exit-codes.js';
import { Interrupts } from '../../../harness/src/cli/interrupts.js';

describe('exitCodeForSignal', () => {
  it('is 128 + the signal number, as a shell reports it', () => {
    expect(exitCodeForSignal('SIGINT')).toBe(130);
    expect(exitCodeForSignal('SIGTERM')).toBe(143);
  });
});

describe('Interrupts', () => {
  let exits: number[];
  let interrupts: Interrupts;
  beforeEach(() => {
    exits = [];
    interrupts = new Interrupts((code) => exits.push(code)).install();
  });
  afterEach(() => interrupts.uninstall());

  it('with nothing to clean up, a signal exits at once with its code', () => {
    process.emit('SIGTERM', 'SIGTERM');
    expect(exits).toEqual([143]);
    expect(interrupts.exitCode()).toBe(143);
  });

  it('while work cleans up, the first signal only aborts; a second leaves when the work says so', async () => {
    const said: string[] = [];
    await interrupts.cleaningUp({ onFirst: (s) => said.push(`first ${s}`), again: 'leave', onAgain: (s) => said.push(`again ${s}`) }, async () => {
      process.emit('SIGINT', 'SIGINT');
      expect(interrupts.signal.aborted).toBe(true);
      expect(exits).toEqual([]);
      process.emit('SIGTERM', 'SIGTERM');
    });
    // The first signal decides the code.
    expect(exits).toEqual([130]);
    expect(said).toEqual(['first SIGINT', 'again SIGTERM']);
  });

  it("'wait' leaves a second signal to the work, which is still removing what it started", async () => {
    await interrupts.cleaningUp({ again: 'wait' }, async () => {
      process.emit('SIGTERM', 'SIGTERM');
      process.emit('SIGTERM', 'SIGTERM');
    });
    expect(exits).toEqual([]);
    expect(interrupts.received).toBe('SIGTERM');
    expect(interrupts.exitCode()).toBe(143);
  });
});
