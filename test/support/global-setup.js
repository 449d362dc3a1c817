// Jest global setup: every test worker, and every process a test starts, gets a private temporary
// folder (TMPDIR), removed by global-teardown.js. A CDK App given no outdir creates a cdk.outXXXX
// folder there when it is constructed and removes it only when its process exits, which jest
// workers never do normally: without this, each run left hundreds of empty folders behind.
const fs = require('fs');
const os = require('os');
const path = require('path');

module.exports = async function globalSetup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-jest-'));
  // Readable by other users, so that a tool a test runs under another user (PostgreSQL refuses to
  // run as root) can reach its own folder inside this one.
  fs.chmodSync(dir, 0o755);
  process.env.TRIBUTARY_TEST_TMPDIR = dir;
  process.env.TMPDIR = dir;
};
