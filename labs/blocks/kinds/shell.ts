// `shell N`: the Nth of the guide's own commands the scenario typed into bash (attendeeTypes),
// exactly as the guide shows it, and what it printed. Ages and table alignment are normalised
// besides names and times (normaliseShellText).
import type { BlockKind } from '../kind.js';
import { RECORDING_OPTIONS, renderRecording } from '../recording.js';
import { typedCommand, typedCommandNumber } from '../report.js';
import { normaliseShellText, shellNormaliser } from '../normalise.js';

export const shellKind: BlockKind = {
  name: 'shell',
  shows: 'the guide’s own command the named step typed into bash (or the Nth), what it printed and its exit code',
  minArgs: 1,
  maxArgs: 1,
  options: RECORDING_OPTIONS,
  render(r, spec) {
    const c = typedCommand(r, typedCommandNumber(r, spec.args[0] ?? ''));
    const rec = { typed: c.command.split('\n'), exitCode: c.exitCode, stdout: c.stdout, stderr: c.stderr, ...(c.killedBecause ? { killedBecause: c.killedBecause } : {}) };
    return renderRecording(rec, spec, shellNormaliser(r), `shell command ${spec.args[0] ?? ''}`);
  },
  normalise: normaliseShellText,
  recording: (r, spec) => typedCommand(r, typedCommandNumber(r, spec.args[0] ?? '')),
};
