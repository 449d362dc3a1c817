import * as fs from 'fs';
import * as path from 'path';
import { DataFormat, LogSource } from '../../lib';
import { captureSourceLocation } from '../../lib/private/source-location';
import { tempDir } from '../fixtures';
import { newWorkflow, thisLine } from '../util';

const THIS_FILE = 'test/private/source-location.test.ts';

/** A module under a `node_modules` folder that calls what it is given: a stand-in for a third-party library. */
function thirdPartyCaller(): { callNow: (f: () => unknown) => unknown; callLater: (f: () => unknown, done: (v: unknown) => void) => void } {
  const dir = path.join(tempDir(), 'node_modules', 'some-lib');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'index.js');
  fs.writeFileSync(file, [
    'exports.callNow = (f) => f();',
    'exports.callLater = (f, done) => setImmediate(() => done(f()));',
    '',
  ].join('\n'));
  return require(file);
}

test('the location is the calling line, relative to the working directory, with / separators', () => {
  // WHEN
  const line = thisLine();
  const location = captureSourceLocation();

  // THEN
  expect(location).toMatch(new RegExp(`^${THIS_FILE.replace(/\./g, '\\.')}:${line + 1}:\\d+$`));
});

test("frames inside the library are skipped: a construct records the user's line", () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  const line = thisLine();
  const events = new LogSource(workflow, 'Events', { location: 's3://logs/dt={{ds}}/', format: DataFormat.JSON_LINES });

  // THEN
  expect(events._sourceLocation).toMatch(new RegExp(`^test/private/source-location\\.test\\.ts:${line + 1}:\\d+$`));
});

test('frames inside node_modules are skipped', () => {
  // GIVEN a third-party module that calls captureSourceLocation directly
  const lib = thirdPartyCaller();

  // WHEN
  const line = thisLine();
  const location = lib.callNow(captureSourceLocation);

  // THEN the location is this file's line, not the third-party module's
  expect(location).toMatch(new RegExp(`^test/private/source-location\\.test\\.ts:${line + 1}:\\d+$`));
});

test('the location follows the working directory', () => {
  // GIVEN a different working directory
  const cwd = process.cwd();
  const elsewhere = tempDir();
  let location: string | undefined;
  let line: number;

  // WHEN
  process.chdir(elsewhere);
  try {
    line = thisLine();
    location = captureSourceLocation();
  } finally {
    process.chdir(cwd);
  }

  // THEN
  const expected = path.relative(fs.realpathSync(elsewhere), path.join(cwd, THIS_FILE)).split(path.sep).join('/');
  expect(location).toMatch(new RegExp(`^${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line + 1}:\\d+$`));
});

test('no location is found when every frame is in node_modules or in Node itself', async () => {
  // GIVEN a third-party module that calls captureSourceLocation from a timer, with no user frame on the stack
  const lib = thirdPartyCaller();

  // WHEN
  const location = await new Promise((resolve) => lib.callLater(captureSourceLocation, resolve));

  // THEN
  expect(location).toBeUndefined();
});

test('capturing a location leaves the stack trace limit as it was', () => {
  // GIVEN
  const limit = Error.stackTraceLimit;

  // WHEN
  captureSourceLocation();

  // THEN
  expect(Error.stackTraceLimit).toBe(limit);
});
