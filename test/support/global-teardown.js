// Jest global teardown: remove the run's private temporary folder (see global-setup.js).
const fs = require('fs');

module.exports = async function globalTeardown() {
  const dir = process.env.TRIBUTARY_TEST_TMPDIR;
  if (dir && fs.existsSync(dir)) fs.rmSync(dir, { recursive: true, force: true });
  // Said again at the very end, where it cannot scroll away unseen.
  if (process.env.TRIBUTARY_SKIP_E2E === '1') {
    process.stderr.write('\n!! TRIBUTARY_SKIP_E2E=1: the end-to-end test of the package (test/e2e) was SKIPPED. CI never skips it.\n');
  }
  if (process.env.TRIBUTARY_SKIP_PYTHON === '1') {
    process.stderr.write('\n!! TRIBUTARY_SKIP_PYTHON=1: the test of the Python bindings (test/examples/python) was SKIPPED. CI never skips it.\n');
  }
};
