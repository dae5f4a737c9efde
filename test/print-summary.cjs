// Prints jest's counts as the run's last line, `tests: N passed, N failed, N skipped`, which CI
// reads as the count. A test file that could not run at all counts as a failure; no results file
// at all (jest itself crashed) is one failure, never "nothing ran".
// usage: node test/print-summary.cjs RESULTS_JSON
const fs = require('node:fs');
let line = 'tests: 0 passed, 1 failed, 0 skipped';
try {
  const r = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
  line = `tests: ${r.numPassedTests} passed, ${failed} failed, ${r.numPendingTests + r.numTodoTests} skipped`;
} catch (err) {
  process.stderr.write(`no jest results in ${process.argv[2]}: ${err.message}\n`);
}
process.stdout.write(`\n${line}\n`);
