import * as fs from 'fs';
import * as path from 'path';
import { readTree, tempDir } from '../fixtures';
import { ERROR_NODES, ROOT, VALID_NODES, WARNING_NODES, cli, project, workflowApp } from '../support/cli';

test('synth writes every artifact of the reference platform to --out and says what it wrote', () => {
  // GIVEN an output folder
  const out = tempDir();

  // WHEN
  const result = cli(['synth', '--app', 'bin/app.ts', '--out', out], ROOT);

  // THEN exit 0, one line on stdout, nothing on stderr, the template and every workflow's folder
  expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  expect(result.stdout).toBe(`Synthesized 3 workflows to ${path.relative(ROOT, out)}/tributary/: commerce, clickstream, customer360\n`);
  const files = Object.keys(readTree(out));
  expect(files).toContain('DataPlatform.template.json');
  for (const id of ['commerce', 'clickstream', 'customer360']) expect(files).toContain(`tributary/${id}/graph.json`);
});

test('synth --json prints the workflows, their files and the diagnostics as one JSON object', () => {
  // GIVEN an app with one warning
  const dir = project(workflowApp(WARNING_NODES));

  // WHEN
  const result = cli(['synth', '--json'], dir);

  // THEN
  expect(result.status).toBe(0);
  const json = JSON.parse(result.stdout);
  expect(json).toEqual({
    ok: true,
    app: 'bin/app.ts',
    outdir: 'cdk.out',
    workflows: [{ id: 'pipeline', path: 'Data/Pipeline', directory: 'cdk.out/tributary/pipeline', files: ['graph.json', 'graph.mmd'] }],
    errors: [],
    warnings: [expect.objectContaining({ code: 'TRB018', severity: 'warning', path: 'Data/Pipeline/Payments', location: 'bin/app.ts:6:18' })],
    crash: null,
  });
  expect(Object.keys(json.warnings[0]).sort()).toEqual(['code', 'docs', 'fix', 'location', 'message', 'path', 'severity']);
});

test('synth writes to cdk.out/ of the project by default, for an App given no outdir, and reads the app file from cdk.json', () => {
  // GIVEN a project whose cdk.json names its app file, an App with no outdir
  const dir = project(workflowApp(VALID_NODES), { 'cdk.json': JSON.stringify({ app: 'npx ts-node --prefer-ts-exts src/main.ts' }) });
  fs.mkdirSync(path.join(dir, 'src'));
  fs.renameSync(path.join(dir, 'bin', 'app.ts'), path.join(dir, 'src', 'main.ts'));

  // WHEN
  const result = cli(['synth'], dir);

  // THEN
  expect(result.status).toBe(0);
  expect(Object.keys(readTree(path.join(dir, 'cdk.out', 'tributary')))).toEqual(['pipeline/graph.json', 'pipeline/graph.mmd']);
});

test('synth of an app with a validation error prints it compiler style with the fix and the docs link, exits 1 and writes nothing', () => {
  // GIVEN
  const dir = project(workflowApp(ERROR_NODES));

  // WHEN
  const result = cli(['synth'], dir);

  // THEN
  expect(result.status).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(/^bin\/app\.ts:7:1: error TRB006 column 'order_key' \(merge key\) is not in input 'orders'/);
  expect(result.stderr).toContain('\n  at: Data/Pipeline/Load\n');
  expect(result.stderr).toMatch(/\n {2}fix: use 'order_id'/);
  expect(result.stderr).toMatch(/\n {2}see: .*docs\/errors\.md#trb006\n/);
  expect(result.stderr).toContain('Tributary found 1 error, 0 warnings; nothing was written.');
  expect(readTree(path.join(dir, 'cdk.out', 'tributary'))).toEqual({});
});

test('synth --json of a broken app has ok false and the errors', () => {
  // GIVEN
  const dir = project(workflowApp(ERROR_NODES));

  // WHEN
  const result = cli(['synth', '--json'], dir);

  // THEN
  expect(result.status).toBe(1);
  const json = JSON.parse(result.stdout);
  expect({ ok: json.ok, workflows: json.workflows, codes: json.errors.map((e: { code: string }) => e.code) }).toEqual({ ok: false, workflows: [], codes: ['TRB006'] });
});

test('synth --strict turns warnings into errors: exit 1, nothing written', () => {
  // GIVEN an app whose only finding is a warning
  const dir = project(workflowApp(WARNING_NODES));

  // WHEN
  const result = cli(['synth', '--strict'], dir);

  // THEN
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/^bin\/app\.ts:6:18: error TRB018 /);
  expect(readTree(path.join(dir, 'cdk.out', 'tributary'))).toEqual({});
});

test('synth --workflow writes only that workflow; an unknown id is a usage error (exit 2)', () => {
  // GIVEN the reference platform
  const out = tempDir();

  // WHEN
  const one = cli(['synth', '--app', 'bin/app.ts', '--out', out, '--workflow', 'clickstream'], ROOT);
  const unknown = cli(['synth', '--app', 'bin/app.ts', '--out', tempDir(), '--workflow', 'nope'], ROOT);

  // THEN
  expect(one.status).toBe(0);
  expect(fs.readdirSync(path.join(out, 'tributary'))).toEqual(['clickstream']);
  expect(unknown.status).toBe(2);
  expect(unknown.stderr).toBe("tributary: no workflow 'nope' in bin/app.ts; its workflows: commerce, clickstream, customer360\n");
});

test('synth synthesizes an app that builds its App but does not call synth itself, once', () => {
  // GIVEN an app file that only builds the constructs
  const dir = project(workflowApp(WARNING_NODES, ''));

  // WHEN
  const result = cli(['synth'], dir);

  // THEN written, and the warning printed once
  expect(result.status).toBe(0);
  expect(fs.readdirSync(path.join(dir, 'cdk.out', 'tributary'))).toEqual(['pipeline']);
  expect(result.stderr.match(/warning TRB018/g)).toHaveLength(1);
});

test('synth of an app that throws reports what it threw and exits 1; a missing app file exits 2', () => {
  // GIVEN
  const dir = project("throw new Error('a bug in the app');");

  // WHEN
  const crash = cli(['synth'], dir);
  const missing = cli(['synth', '--app', 'nope.ts'], dir);

  // THEN
  expect(crash.status).toBe(1);
  expect(crash.stderr).toContain('bin/app.ts threw:\nError: a bug in the app');
  expect(crash.stderr).toContain('bin/app.ts:4:7');
  expect(missing.status).toBe(2);
  expect(missing.stderr).toContain('app file nope.ts not found');
});

test('under cdk synth (cdk.json runs tributary synth), each warning is printed once, at the user\'s line, and the template is written', () => {
  // GIVEN a project whose cdk.json app is the CLI
  const dir = project(workflowApp(WARNING_NODES), {
    'cdk.json': JSON.stringify({ app: `node -r ${require.resolve('sucrase/register/ts')} ${path.join(ROOT, 'bin', 'tributary.ts')} synth`, notices: false, versionReporting: false, context: { 'cli-telemetry': false } }),
  });
  const out = tempDir();

  // WHEN the AWS CDK CLI synthesizes it
  const result = require('child_process').spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'aws-cdk', 'bin', 'cdk'), 'synth', '--quiet', '--output', out], {
    cwd: dir, env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') }, encoding: 'utf8', timeout: 120_000,
  });

  // THEN
  const output = `${result.stdout}${result.stderr}`;
  expect({ status: result.status, output: result.status === 0 ? '' : output }).toEqual({ status: 0, output: '' });
  expect(output.match(/WARNING TRB018/g)).toHaveLength(1);
  expect(output).toMatch(/^bin\/app\.ts:6:18\nWARNING TRB018 /m);
  expect(output).toContain('fix: set partitionedRead');
  expect(output).not.toContain('Resources section');
  expect(fs.readdirSync(path.join(out, 'tributary'))).toEqual(['pipeline']);
});
