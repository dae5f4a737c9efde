// `shell N`: the Nth of the guide's own commands the scenario typed into bash (attendeeTypes),
// exactly as the guide shows it, and what it printed. Ages and table alignment are normalised
// besides names and times (normaliseShellText).
import type { BlockKind } from '../kind.js';
import { RECORDING_OPTIONS, renderRecording } from '../recording.js';
import { positiveInt, typedCommand } from '../report.js';
import { normaliseShellText, shellNormaliser } from '../normalise.js';

export const shellKind: BlockKind = {
  name: 'shell',
  shows: 'the Nth of the guide’s own commands the scenario typed into bash, what it printed and its exit code',
  minArgs: 1,
  maxArgs: 1,
  options: RECORDING_OPTIONS,
  render(r, spec) {
    const n = positiveInt(spec.args[0] ?? '', 'shell command');
    const c = typedCommand(r, n);
    const rec = { typed: c.command.split('\n'), exitCode: c.exitCode, stdout: c.stdout, stderr: c.stderr, ...(c.killedBecause ? { killedBecause: c.killedBecause } : {}) };
    return renderRecording(rec, spec, shellNormaliser(r), `shell command ${n}`);
  },
  normalise: normaliseShellText,
  recording: (r, spec) => typedCommand(r, positiveInt(spec.args[0] ?? '', 'shell command')),
};
