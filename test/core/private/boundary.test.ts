import { Duration, Size } from 'aws-cdk-lib/core';
import {
  ApiSink, CheckRule, ColumnType, DataFormat, DatabaseEngine, DatabaseSource, Errors, IngestMode, LogSource, QualityCheck, Schema, Secret,
  SparkTask, WarehouseSink, Workflow, WriteMode,
} from '../../../lib';
import { errorOf, newStack, newWorkflow, ordersSource, workflowProps } from '../../util';

/**
 * The wrong inputs issue 8 found, as a JavaScript caller passes them: each is refused at once with a
 * coded TributaryError that names the prop, instead of a bare TypeError or a silently wrong artifact.
 */
const CASES: Array<[string, (w: Workflow) => unknown, string, string]> = [
  ["severity 'ERROR' (wrong case) would stop the check gating its sinks",
    (w) => new QualityCheck(w, 'Check', { input: ordersSource(w).output, rules: [CheckRule.rowCountAtLeast(1)], severity: 'ERROR' as never }), 'TRB122', 'severity'],
  ["engine 'oracle'",
    (w) => new DatabaseSource(w, 'Db', { engine: 'oracle' as never, connection: Secret.fromSecretsManager('x'), table: 'public.t', ingest: IngestMode.fullTable() }), 'TRB122', 'engine'],
  ["format 'xml'", (w) => new LogSource(w, 'Logs', { location: 's3://l/dt={{ds}}/', format: 'xml' as never }), 'TRB122', 'format'],
  ["method 'DELETE'", (w) => new ApiSink(w, 'Push', { input: ordersSource(w).output, url: 'https://x.example.com/a', idempotencyKey: 'order_id', method: 'DELETE' as never }), 'TRB122', 'method'],
  ["writeMode 'merge' (a string) would become {} and skip the idempotency rule",
    (w) => new WarehouseSink(w, 'Load', { input: ordersSource(w).output, table: 'analytics.orders', writeMode: 'merge' as never }), 'TRB121', 'writeMode'],
  ['arguments as one string would be split into characters',
    (w) => new SparkTask(w, 'Job', { script: 's3://jobs-bucket/j.py', inputs: [ordersSource(w).output], arguments: '--ds {{ds}}' as never }), 'TRB121', 'arguments'],
  ['a column type given as a string would be dropped', () => Schema.of([{ name: 'id', type: 'bigint' as never }]), 'TRB121', 'columns[0].type'],
  ['a secret given as a string would crash the secrets rule at synth',
    (w) => new ApiSink(w, 'Push', { input: ordersSource(w).output, url: 'https://x.example.com/a', idempotencyKey: 'order_id', auth: 'crm-token' as never }), 'TRB121', 'auth'],
  ['a missing location', (w) => new LogSource(w, 'Logs', { format: DataFormat.PARQUET } as never), 'TRB120', 'location'],
  ['a missing connection', (w) => new DatabaseSource(w, 'Db', { engine: DatabaseEngine.MYSQL, table: 'public.t', ingest: IngestMode.fullTable() } as never), 'TRB120', 'connection'],
  ['a missing table would give warehouse://undefined',
    (w) => new WarehouseSink(w, 'Load', { input: ordersSource(w).output, writeMode: WriteMode.replaceTable() } as never), 'TRB120', 'table'],
  ['NaN retries would reach graph.json as null', (w) => ordersSource(w) && new LogSource(w, 'Logs', { location: 's3://l/dt={{ds}}/', format: DataFormat.PARQUET, retries: Number.NaN }), 'TRB101', 'retries'],
  ['a zero row count checks nothing', () => CheckRule.rowCountAtLeast(0), 'TRB104', 'minRows'],
  ['a zero poll interval', (w) => new LogSource(w, 'Logs', { location: 's3://l/dt={{ds}}/', format: DataFormat.PARQUET, pollInterval: Duration.seconds(0) }), 'TRB104', 'pollInterval'],
  ['a zero timeout', (w) => new LogSource(w, 'Logs', { location: 's3://l/dt={{ds}}/', format: DataFormat.PARQUET, timeout: Duration.seconds(0) }), 'TRB104', 'timeout'],
  ['a zero rate', (w) => new ApiSink(w, 'Push', { input: ordersSource(w).output, url: 'https://x.example.com/a', idempotencyKey: 'order_id', maxRequestsPerSecond: 0 }), 'TRB104', 'maxRequestsPerSecond'],
  ['a plain object for a Duration', (w) => new LogSource(w, 'Logs', { location: 's3://l/dt={{ds}}/', format: DataFormat.PARQUET, timeout: { seconds: 60 } as never }), 'TRB121', 'timeout'],
  ['a number for a Size', (w) => new LogSource(w, 'Logs', { location: 's3://l/dt={{ds}}/', format: DataFormat.PARQUET, output: { estimatedSize: 1024 as never } }), 'TRB121', 'output.estimatedSize'],
  ['zero executor memory', (w) => new SparkTask(w, 'Job', { script: 's3://jobs-bucket/j.py', inputs: [ordersSource(w).output], resources: { executorMemory: Size.bytes(0) } }), 'TRB104', 'resources.executorMemory'],
  ['a decimal of NaN precision', () => ColumnType.decimal(Number.NaN, 2), 'TRB104', 'precision'],
  ['a workflow without a scope would never be written', () => new Workflow(undefined as never, 'Lost', workflowProps()), 'TRB108', 'scope'],
  ['a workflow id that is not a string', () => new Workflow(newStack(), undefined as never, workflowProps()), 'TRB123', 'id'],
  ['null props', () => new Workflow(newStack(), 'Pipeline', null as never), 'TRB120', 'props'],
];

test.each(CASES)('%s: refused with a coded error that names the prop', (_, build, code, prop) => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  const error = errorOf(() => build(workflow));

  // THEN
  expect(Errors.isTributaryError(error)).toBe(true);
  expect(error.code).toBe(code);
  expect(error.location).toMatch(/^test\/core\/private\/boundary\.test\.ts:\d+:\d+$/);
  if (prop !== 'props' && prop !== 'scope' && prop !== 'id') expect(error.message).toContain(prop);
  expect(error.message).not.toMatch(/\bundefined\b|\bNaN\b|\[object Object\]/);
});
