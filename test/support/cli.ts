import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tempDir } from '../fixtures';

export const ROOT = path.resolve(__dirname, '..', '..');
const SUCRASE = require.resolve('sucrase/register/ts');
const ENTRY = path.join(ROOT, 'bin', 'tributary.ts');
/** Lets an app in a temporary project import aws-cdk-lib and constructs from this checkout. */
const NODE_PATH = path.join(ROOT, 'node_modules');

/** What a CLI run printed and its exit code. */
export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The arguments that run the CLI from this checkout's sources. */
export function cliArgs(args: string[]): string[] {
  return ['-r', SUCRASE, ENTRY, ...args];
}

/** Run `tributary <args>` in `cwd` and wait for it. */
export function cli(args: string[], cwd: string, env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, cliArgs(args), {
    cwd, env: { ...process.env, NODE_PATH, ...env }, encoding: 'utf8', timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Start `tributary <args>` in `cwd` without waiting. */
export function cliSpawn(args: string[], cwd: string) {
  return spawn(process.execPath, cliArgs(args), { cwd, env: { ...process.env, NODE_PATH }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The import line that gives an app in a temporary project this checkout's library. */
export const LIB = JSON.stringify(path.join(ROOT, 'lib'));

/**
 * A temporary project with `bin/app.ts` = `body` (after the imports of aws-cdk-lib's App, Stack,
 * Size, Annotations and of the whole library as `t`), and the line numbers of the body known:
 * line 1 of `body` is line 4 of the file.
 */
export function project(body: string, files: Record<string, string> = {}): string {
  const dir = tempDir('tributary-cli-');
  const app = [
    "import { Annotations, App, Duration, Size, Stack } from 'aws-cdk-lib/core';",
    `import * as t from ${LIB};`,
    '',
    body,
  ].join('\n');
  for (const [file, content] of Object.entries({ 'bin/app.ts': app, ...files })) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

/** The body of an app with one workflow: `nodes` are statements where `w` is the workflow. */
export function workflowApp(nodes: string, end = 'app.synth();'): string {
  return [
    'const app = new App({ analyticsReporting: false });',
    // Only the graph target: the CLI synthesizes whatever targets a workflow has, and the file lists
    // these tests expect should not change when a target is added to the built-in ones.
    "const w = new t.Workflow(new Stack(app, 'Data'), 'Pipeline', { schedule: t.Schedule.daily({ hour: 2 }), startDate: '2026-01-01', owner: 'me@example.com', warehouse: { database: 'analytics', workgroupName: 'etl' }, lakeLocation: 's3://acme-lake/pipeline', targets: [new t.GraphTarget()] });",
    nodes,
    end,
  ].join('\n');
}

/** A valid workflow: logs → Spark → completion event (line 3 of the body creates the source). */
export const VALID_NODES = [
  "const logs = new t.LogSource(w, 'Logs', { location: 's3://logs/dt={{ds}}/', format: t.DataFormat.JSON_LINES });",
  "const clean = new t.SparkTask(w, 'Clean', { script: 's3://acme-jobs/clean.py', inputs: [logs.output] });",
  "new t.EventSink(w, 'Done', { inputs: [clean.output], bus: t.EventBus.eventBridge('bus'), source: 'com.example.app', detailType: 'Done' });",
].join('\n');

/**
 * A workflow whose database read warns (TRB018, line 3 of the body = line 6 of bin/app.ts, column 18)
 * and is otherwise valid.
 */
export const WARNING_NODES = [
  "const payments = new t.DatabaseSource(w, 'Payments', { engine: t.DatabaseEngine.POSTGRES, connection: t.Secret.fromSecretsManager('prod/payments/reader'), table: 'public.payments', ingest: t.IngestMode.incremental({ cursorColumn: 'updated_at' }), estimatedSize: Size.gibibytes(120) });",
  "new t.EventSink(w, 'Done', { inputs: [payments.output], bus: t.EventBus.eventBridge('bus'), source: 'com.example.app', detailType: 'Done' });",
].join('\n');

/** A workflow with a validation error: a merge key not in the input (TRB006, the sink on line 7 of bin/app.ts). */
export const ERROR_NODES = [
  "const orders = new t.DatabaseSource(w, 'Orders', { engine: t.DatabaseEngine.POSTGRES, connection: t.Secret.fromSecretsManager('prod/db'), table: 'public.orders', ingest: t.IngestMode.incremental({ cursorColumn: 'updated_at' }), schema: t.Schema.of([{ name: 'order_id', type: t.ColumnType.BIGINT, nullable: false }, { name: 'updated_at', type: t.ColumnType.TIMESTAMP, nullable: false }]) });",
  "new t.WarehouseSink(w, 'Load', { input: orders.output, table: 'analytics.orders', writeMode: t.WriteMode.merge(['order_key']) });",
].join('\n');
