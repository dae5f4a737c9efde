// Ends the run with one plain line, `tests: N passed, N failed, N skipped`, that CI reads as the
// count. A test file that could not run at all counts as a failure, never as nothing. Written at
// exit so it comes after jest's own summary, as the last line.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `tests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`;
    process.once('exit', () => process.stdout.write(line));
  }
}
module.exports = SummaryReporter;
