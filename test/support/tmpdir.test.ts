import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib/core';

const ROOT = path.resolve(__dirname, '..', '..');

test('tests run with the private temporary folder of the run, where an App given no outdir creates its folder', () => {
  // GIVEN the folder set up for this run
  const dir = process.env.TRIBUTARY_TEST_TMPDIR!;

  // WHEN an App is given no outdir
  const app = new App({ analyticsReporting: false });

  // THEN its folder is in the run's private temporary folder, which global-teardown.js removes
  expect(os.tmpdir()).toBe(dir);
  expect(path.dirname(fs.realpathSync(app.outdir))).toBe(fs.realpathSync(dir));
});

test('a jest run leaves nothing in the temporary folder', () => {
  // GIVEN an empty temporary folder
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tmpdir-check-'));

  // WHEN jest runs test files that create many Apps with no outdir and run the CLI, with TMPDIR set to that folder (about 20 s)
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), 'test/core/workflow.test.ts', 'test/cli/core.test.ts'], {
    cwd: ROOT, env: { ...process.env, TMPDIR: tmp, TRIBUTARY_TEST_TMPDIR: '' }, encoding: 'utf8', timeout: 300_000,
  });

  // THEN it passes and the folder is as empty as before
  expect({ status: result.status, tail: result.status === 0 ? '' : result.stderr.slice(-2000) }).toEqual({ status: 0, tail: '' });
  expect(fs.readdirSync(tmp)).toEqual([]);
  fs.rmdirSync(tmp);
});
