// `command N`: the Nth helm command a step ran (install, upgrade, rollback …; the harness's own
// history and status reads are not counted), as the attendee types it, what it printed and its exit code.
import type { BlockKind } from '../kind.js';
import { helmRecording, RECORDING_OPTIONS, renderRecording } from '../recording.js';
import { actionCommand, positiveInt } from '../report.js';
import { normaliseText, normaliser, runNames } from '../normalise.js';

export const commandKind: BlockKind = {
  name: 'command',
  shows: 'the Nth `helm` command (history and status reads are not counted), its output and exit code',
  minArgs: 1,
  maxArgs: 1,
  options: RECORDING_OPTIONS,
  render(r, spec) {
    const n = positiveInt(spec.args[0] ?? '', 'command');
    return renderRecording(helmRecording(actionCommand(r, n), runNames(r), r.clusterValues), spec, normaliser(r), `command ${n}`);
  },
  normalise: normaliseText,
  recording: (r, spec) => actionCommand(r, positiveInt(spec.args[0] ?? '', 'command')),
};
