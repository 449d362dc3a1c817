// Jest global teardown: remove the run's private temporary folder (see global-setup.js).
const fs = require('fs');

module.exports = async function globalTeardown() {
  const dir = process.env.TRIBUTARY_TEST_TMPDIR;
  if (dir && fs.existsSync(dir)) fs.rmSync(dir, { recursive: true, force: true });
};
