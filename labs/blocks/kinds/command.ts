// `command NAME`: the helm command of the step of that name (or, as older markers say, `command N`: the Nth) a step ran (install, upgrade, rollback …; the harness's own
// history and status reads are not counted), as the attendee types it, what it printed and its exit code.
import type { BlockKind } from '../kind.js';
import { helmRecording, RECORDING_OPTIONS, renderRecording } from '../recording.js';
import { actionCommand, helmCommandNumber } from '../report.js';
import { normaliseText, normaliser, runNames } from '../normalise.js';

export const commandKind: BlockKind = {
  name: 'command',
  shows: 'the `helm` command of the named step (or the Nth, history and status reads not counted), its output and exit code',
  minArgs: 1,
  maxArgs: 1,
  options: RECORDING_OPTIONS,
  render(r, spec) {
    const n = helmCommandNumber(r, spec.args[0] ?? '');
    return renderRecording(helmRecording(actionCommand(r, n), runNames(r), r.clusterValues), spec, normaliser(r), `command ${spec.args[0] ?? ''}`);
  },
  normalise: normaliseText,
  recording: (r, spec) => actionCommand(r, helmCommandNumber(r, spec.args[0] ?? '')),
};
