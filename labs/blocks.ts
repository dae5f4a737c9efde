// The expected-output blocks of the lab guides, rendered from scenarios' JSON reports so that
// they are the same on every run of the same behaviour. Pure: labs/render.ts reads and writes
// the files, the unit tests and the paste test feed it. The parts live in labs/blocks/:
//
//   report.ts       the harness's typed report (LabReport), keyed by scenario and Helm major
//   normalise.ts    names, times, ids, ages and table alignment, for blocks and for a real shell
//   kind.ts         what a block kind is; kinds/ holds one module per kind, registry.ts lists them
//   recording.ts    a recorded command as typed, its output cut with `… (N more lines)`, its exit code
//   spec.ts         the markers: <!-- expected: SCENARIO HELM KIND [ARGS] [key=value…] -->
//   guide.ts        every block of a guide rendered, updated or checked
//   fixtures.ts     reports slimmed for the committed test fixtures
//
// labs/CONTRIBUTING.md lists the kinds for whoever writes a guide.
export * from './blocks/report.js';
export * from './blocks/normalise.js';
export * from './blocks/kind.js';
export * from './blocks/recording.js';
export * from './blocks/registry.js';
export * from './blocks/spec.js';
export * from './blocks/guide.js';
export * from './blocks/fixtures.js';
export { LONG_COMMAND_MS } from './blocks/kinds/took.js';
export { unifiedDiff } from '../harness/src/assert/diff.js';
