import * as fs from 'fs';
import * as path from 'path';
import { ERROR_NODES, ROOT, VALID_NODES, WARNING_NODES, cli, project, workflowApp } from '../support/cli';

test('validate of the reference platform finds nothing: exit 0, a one-line summary', () => {
  // WHEN
  const result = cli(['validate', '--app', 'bin/app.ts'], ROOT);

  // THEN
  expect(result).toEqual({ status: 0, stdout: 'bin/app.ts: 0 errors, 0 warnings\n', stderr: '' });
});

test('validate prints a warning compiler style at the user\'s line, with the fix, how to acknowledge it and the docs link; exit 0', () => {
  // GIVEN
  const dir = project(workflowApp(WARNING_NODES));

  // WHEN
  const result = cli(['validate'], dir);

  // THEN
  expect(result.status).toBe(0);
  expect(result.stderr).toMatch(new RegExp([
    "^bin/app\\.ts:6:18: warning TRB018 'payments' reads 120\\.0 GiB a day from 'public\\.payments' over a single JDBC connection",
    '  at: Data/Pipeline/Payments',
    '  fix: set partitionedRead: .*',
    "  or acknowledge it: Annotations\\.of\\(<Payments>\\)\\.acknowledgeWarning\\('tributary:TRB018', '<why>'\\)",
    '  see: .*docs/errors\\.md#trb018',
  ].join('\n')));
  expect(result.stdout).toBe('bin/app.ts: 0 errors, 1 warning\n');
  // AND validate wrote nothing into the project
  expect(fs.readdirSync(dir)).toEqual(['bin']);
});

test('validate of an app with an error prints it and exits 1; --strict makes a warning an error', () => {
  // GIVEN
  const broken = project(workflowApp(ERROR_NODES));
  const warned = project(workflowApp(WARNING_NODES));

  // WHEN
  const error = cli(['validate'], broken);
  const strict = cli(['validate', '--strict'], warned);

  // THEN
  expect(error.status).toBe(1);
  expect(error.stderr).toMatch(/^bin\/app\.ts:7:1: error TRB006 /);
  expect(strict.status).toBe(1);
  expect(strict.stderr).toMatch(/^bin\/app\.ts:6:18: error TRB018 /);
});

test('validate reports an error thrown while the app is built (a construct error) at the user\'s line', () => {
  // GIVEN a Spark task whose script is not an s3:// URI (TRB104, thrown by the constructor on line 6)
  const dir = project(workflowApp("new t.SparkTask(w, 'Clean', { script: 'clean.py', inputs: [] });"));

  // WHEN
  const result = cli(['validate'], dir);

  // THEN
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/^bin\/app\.ts:6:1: error TRB1\d\d /);
  expect(result.stderr).toContain('at: Data/Pipeline/Clean');
});

test('validate --json prints ok, errors and warnings, each diagnostic with code, severity, path, location, message, fix and docs', () => {
  // GIVEN
  const dir = project(workflowApp(ERROR_NODES));

  // WHEN
  const result = cli(['validate', '--json'], dir);

  // THEN
  expect(result.status).toBe(1);
  const json = JSON.parse(result.stdout);
  expect(json).toEqual({
    ok: false,
    app: 'bin/app.ts',
    errors: [{
      code: 'TRB006', severity: 'error', path: 'Data/Pipeline/Load', location: 'bin/app.ts:7:1',
      message: expect.stringContaining("column 'order_key'"), fix: expect.stringContaining("use 'order_id'"), docs: expect.stringMatching(/docs\/errors\.md#trb006$/),
    }],
    warnings: [],
    crash: null,
  });
});

test('validate of a valid app prints no warning and exits 0, also when the warning is acknowledged with the standard API', () => {
  // GIVEN the warning app, acknowledged on the node
  const dir = project(workflowApp(`${WARNING_NODES}\nAnnotations.of(payments).acknowledgeWarning('tributary:TRB018', 'read at night, when the replica is idle');`));
  const valid = project(workflowApp(VALID_NODES));

  // WHEN
  const acknowledged = cli(['validate'], dir);
  const clean = cli(['validate'], valid);

  // THEN
  expect(acknowledged).toEqual({ status: 0, stdout: 'bin/app.ts: 0 errors, 0 warnings\n', stderr: '' });
  expect(clean).toEqual({ status: 0, stdout: 'bin/app.ts: 0 errors, 0 warnings\n', stderr: '' });
  expect(path.basename(dir)).toMatch(/^tributary-cli-/);
});
