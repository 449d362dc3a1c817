import { spawnSync } from 'child_process';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib/core';
import { DataPlatformStack } from '../../bin/platform';
import { runApp } from '../../bin/run';
import { ColumnType, DatabaseEngine, DatabaseSource, IngestMode, Secret, SparkTask, Testing } from '../../lib';
import { readTree, tempDir } from '../fixtures';
import { newWorkflow, ordersSource } from '../util';

const ROOT = path.resolve(__dirname, '..', '..');

/** What runApp wrote to stdout and stderr, and the exit code it set. */
interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number | string | undefined;
}

/** Call runApp with stdout and stderr captured and process.exitCode restored afterwards. */
function run(build: () => App, env: Record<string, string | undefined> = {}): RunResult {
  const saved = { exitCode: process.exitCode, env: { ...process.env } };
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => { stdout += String(chunk); return true; });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => { stderr += String(chunk); return true; });
  process.exitCode = undefined;
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  try {
    runApp(build);
    return { stdout, stderr, exitCode: process.exitCode };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = saved.exitCode;
    process.env = saved.env;
  }
}

/** An app in `outdir` whose one workflow has two validation errors (bad start date, unknown column). */
function invalidApp(outdir: string): App {
  const app = new App({ outdir, analyticsReporting: false, builtinCloudFormationValidation: false });
  const workflow = newWorkflow({ startDate: '2026-02-30' }, 'Pipeline', new Stack(app, 'Data'));
  const orders = ordersSource(workflow);
  new SparkTask(workflow, 'Clean', { script: 's3://jobs-bucket/c.py', inputs: [orders.output], requiredColumns: [{ name: 'order_idd', type: ColumnType.BIGINT }] });
  return app;
}

test('the main job synthesizes every workflow of the reference platform, from any working directory, time zone and locale', () => {
  // GIVEN an empty working directory, an output folder, and a time zone and locale unlike this process's
  const cwd = tempDir();
  const outdir = tempDir();

  // WHEN bin/app.ts runs as `cdk synth` runs it, with CDK_OUTDIR
  const child = spawnSync(process.execPath, [
    path.join(ROOT, 'node_modules', 'ts-node', 'dist', 'bin.js'),
    '--transpile-only', '--prefer-ts-exts', '-P', path.join(ROOT, 'tsconfig.dev.json'), path.join(ROOT, 'bin', 'app.ts'),
  ], { cwd, env: { ...process.env, CDK_OUTDIR: outdir, TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' }, encoding: 'utf8', timeout: 120_000 });

  // THEN it succeeds, with no warnings
  expect({ status: child.status, stderr: child.stderr }).toEqual({ status: 0, stderr: `Synthesized 1 stack(s) and their workflows to ${outdir}\n` });
  const files = readTree(path.join(outdir, 'tributary'));
  for (const id of ['commerce', 'clickstream', 'customer360']) {
    expect(files[`${id}/graph.json`]).toBeDefined();
    expect(files[`${id}/graph.mmd`]).toBeDefined();
  }
  // AND the files are byte-identical to an in-memory synth in this process
  const stack = new DataPlatformStack(new App(), 'DataPlatform');
  for (const workflow of stack.workflows) {
    for (const [file, content] of Object.entries(Testing.synth(workflow))) {
      expect({ file, same: files[`${workflow.workflowId}/${file}`] === content }).toEqual({ file, same: true });
    }
  }
  expect(readTree(cwd)).toEqual({});
});

test('runApp reports validation errors on stderr with their codes and fixes, sets exit code 1 and writes nothing', () => {
  // GIVEN
  const outdir = tempDir();

  // WHEN
  const result = run(() => invalidApp(outdir));

  // THEN
  expect(result.exitCode).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr).toContain('Tributary found 2 errors; nothing was written.');
  expect(result.stderr).toContain('error TRB012 [Data/Pipeline]');
  expect(result.stderr).toContain('error TRB006 [Data/Pipeline/Clean]');
  expect(result.stderr).toContain("  fix: use 'order_id'");
  expect(result.stderr.match(/^ {2}fix: /gm)).toHaveLength(2);
  expect(result.stderr).not.toMatch(/^ {4}at /m);
  expect(readTree(outdir)).toEqual({});
});

test('runApp reports an error thrown while building the app the same way', () => {
  // GIVEN a node given bad input (a construct error, thrown at once)
  const outdir = tempDir();
  const build = () => {
    const app = new App({ outdir, analyticsReporting: false });
    const workflow = newWorkflow({}, 'Pipeline', new Stack(app, 'Data'));
    new DatabaseSource(workflow, 'Orders', {
      engine: DatabaseEngine.POSTGRES,
      connection: Secret.fromSecretsManager('prod/db'),
      table: 'public.orders',
      ingest: IngestMode.fullTable(),
      partitionedRead: { column: 'order_id', numPartitions: 0 },
    });
    return app;
  };

  // WHEN
  const result = run(build);

  // THEN
  expect(result.exitCode).toBe(1);
  expect(result.stderr).toMatch(/^TRB104 \[Data\/Pipeline\/Orders\]/);
  expect(result.stderr).toContain('  fix: ');
  expect(result.stderr).not.toMatch(/^ {4}at /m);
  expect(readTree(outdir)).toEqual({});
});

test('runApp prints warnings after a successful synth and leaves the exit code alone', () => {
  // GIVEN a workflow with no sinks (TRB014, a warning)
  const outdir = tempDir();
  const build = () => {
    const app = new App({ outdir, analyticsReporting: false, builtinCloudFormationValidation: false });
    ordersSource(newWorkflow({}, 'Pipeline', new Stack(app, 'Data')));
    return app;
  };

  // WHEN
  const result = run(build, { CDK_OUTDIR: undefined });

  // THEN
  expect(result.exitCode).toBeUndefined();
  expect(result.stderr).toMatch(/^warning TRB014 \[Data\/Pipeline\]/);
  expect(result.stderr).toContain("workflow 'pipeline' has no sinks");
  expect(result.stderr).toContain('  fix: add a WarehouseSink');
  expect(result.stdout).toBe(`Synthesized 1 stack(s) and their workflows to ${outdir}\n`);
  expect(Object.keys(readTree(path.join(outdir, 'tributary')))).toEqual(['pipeline/graph.json', 'pipeline/graph.mmd', 'pipeline/stepfunctions/state-machine.asl.json']);
});

test('runApp rethrows errors that are not Tributary errors', () => {
  // GIVEN
  const build = (): App => {
    throw new Error('a bug in the app');
  };

  // THEN
  expect(() => run(build)).toThrow('a bug in the app');
});
