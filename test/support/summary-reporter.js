// A jest reporter that ends the run with one plain line, `N passed, N failed` (and `, N skipped`
// when some were), after jest's own summary: a closing line that any CI log reader understands.
'use strict';

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
    // Jest prints its own summary after the reporters' onRunComplete; this line comes last.
    process.once('exit', () => process.stderr.write(`\n${line}\n`));
  }
}

module.exports = SummaryReporter;
