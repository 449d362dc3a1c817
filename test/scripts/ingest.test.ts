import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Duration, Size } from 'aws-cdk-lib/core';
import {
  ColumnType, DataFormat, DatabaseEngine, DatabaseSource, IngestMode, LogSource, Schema, Secret, SparkTask, Workflow,
} from '../../lib';
import { nodeArgument, startJobRunSpec } from '../../lib/targets/emr';
import { pythonEnv } from '../support/python';
import { newWorkflow } from '../util';

// Cost: one spark-submit run in local mode per test (inputs written, the job, then a read of its output,
// all in the same driver): about 10 s each on 2 idle cores, 40 s for the file (more on a loaded machine).
jest.setTimeout(240_000);

const ROOT = path.resolve(__dirname, '..', '..');
const SCRIPTS = path.join(ROOT, 'scripts');
const DS = '2026-03-01';
const env = pythonEnv();

/**
 * Settings of a spec that only EMR Serverless understands, left out of the local run:
 * - `spark.emr-serverless.*` (worker disk size and type): read by EMR Serverless's resource
 *   manager when it starts workers; local mode starts none.
 * - `spark.jars.packages` (the Postgres/MySQL JDBC driver from Maven Central): the test runs
 *   offline against SQLite, whose driver it passes with `--jars` instead.
 * Everything else of `sparkSubmitParameters` and of the spark-defaults classification is passed
 * as written; `${TributaryScriptsLocation}` becomes the checkout's scripts/ folder. The driver and
 * executor sizes apply (the driver JVM gets its heap); dynamic allocation is inert in local mode.
 */
function localConf(spec: any): string[] {
  const submit: string = spec.jobDriver.sparkSubmit.sparkSubmitParameters;
  const pairs: Array<[string, string]> = submit.split(/\s*--conf\s+/).filter(Boolean).map((kv) => {
    const at = kv.indexOf('=');
    return [kv.slice(0, at), kv.slice(at + 1)];
  });
  for (const c of spec.configurationOverrides.applicationConfiguration ?? []) {
    if (c.classification === 'spark-defaults') pairs.push(...Object.entries<string>(c.properties));
  }
  return pairs
    .filter(([k]) => !k.startsWith('spark.emr-serverless.') && k !== 'spark.jars.packages')
    .flatMap(([k, v]) => ['--conf', `${k}=${v.split('${TributaryScriptsLocation}').join(SCRIPTS)}`]);
}

/**
 * Run one job as its spec says, under the venv's spark-submit in local mode, and read back the
 * Parquet dataset it wrote at `output` (test/scripts/run_and_read.py, in the same driver).
 */
function submit(spec: any, output: string, extra: string[] = [], childEnv: Record<string, string> = {}, setup = '-'): {
  stdout: string; schema: Array<[string, string, boolean]>; rows: any[];
} {
  // The lake is a folder on this machine: the workflow's s3:// lake location is mapped onto it.
  spec = JSON.parse(JSON.stringify(spec).split(LAKE).join(localLake));
  const entry: string = spec.jobDriver.sparkSubmit.entryPoint.split('${TributaryScriptsLocation}').join(SCRIPTS);
  // {{ds}} is replaced in every argument, the --node JSON included, as Airflow renders a templated
  // argument list: the scripts accept locations already resolved for the day.
  const args: string[] = spec.jobDriver.sparkSubmit.entryPointArguments.map((a: string) => a.split('{{ds}}').join(DS));
  const run = spawnSync(env.bin('spark-submit'), [
    '--master', 'local[2]', '--conf', 'spark.log.level=WARN', '--conf', 'spark.ui.enabled=false', ...extra, ...localConf(spec),
    path.join(__dirname, 'run_and_read.py'), output, setup, entry, ...args,
  ], {
    encoding: 'utf-8',
    env: { ...process.env, PYSPARK_PYTHON: env.python, PYSPARK_DRIVER_PYTHON: env.python, SPARK_LOCAL_IP: '127.0.0.1', ...childEnv },
  });
  if (run.status !== 0) {
    const lines = `${run.stdout}\n${run.stderr}`.split('\n').filter((l) => !/ INFO /.test(l));
    throw new Error(`spark-submit failed (${run.status}):\n${lines.join('\n').slice(-6000)}`);
  }
  const result = JSON.parse(run.stdout.split('\n').find((l) => l.startsWith('RESULT'))!.slice('RESULT'.length));
  return { stdout: run.stdout, ...result };
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-ingest-'));
}

/** The lake location the test workflows declare; `submit` maps it onto the test's folder. */
const LAKE = 's3://local-lake/run';
let localLake = '';

/** A workflow whose lake is the folder `dir` when its jobs run here. */
function workflowAt(dir: string): Workflow {
  localLake = dir;
  return newWorkflow({ lakeLocation: LAKE });
}

test('the incremental JDBC ingest reads only the day plus its lookback, split over connections, and writes the declared schema', () => {
  // GIVEN a SQLite table through the sqlite-jdbc driver (a real JDBC read: the same Spark JDBC
  // source, partitioned read and bounds query as against PostgreSQL), with rows around the day
  const jar = execFileSync('bash', [path.join(ROOT, 'python', 'ensure-sqlite-jdbc.sh')], { encoding: 'utf-8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  const dir = tempDir();
  const db = path.join(dir, 'orders.db');
  execFileSync(env.python, ['-c', [
    'import sqlite3, sys',
    'c = sqlite3.connect(sys.argv[1])',
    'c.execute("CREATE TABLE orders (order_id INTEGER, customer_id INTEGER, amount TEXT, note TEXT, updated_at TEXT)")',
    'rows = [(1, 10, "5.00", "x", "2026-02-28 21:59:59"), (2, 11, "6.10", "x", "2026-02-28 22:00:00"),',
    '        (3, 12, "7.25", "x", "2026-03-01 00:00:00"), (4, 13, "8.00", "x", "2026-03-01 12:30:00"),',
    '        (5, 14, "9.99", "x", "2026-03-01 23:59:59"), (6, 15, "1.00", "x", "2026-03-02 00:00:00"),',
    '        (7, 16, "2.00", "x", "2026-03-05 08:00:00")]',
    'c.executemany("INSERT INTO orders VALUES (?, ?, ?, ?, ?)", rows)',
    'c.commit()',
  ].join('\n'), db]);
  const secrets = path.join(dir, 'secrets.json');
  fs.writeFileSync(secrets, JSON.stringify({ 'test/orders-db': { url: `jdbc:sqlite:${db}` } }));
  // AND an incremental DatabaseSource with a 2-hour lookback, split over 2 connections
  const workflow = workflowAt(dir);
  new DatabaseSource(workflow, 'Orders', {
    engine: DatabaseEngine.POSTGRES,
    connection: Secret.fromSecretsManager('test/orders-db'),
    table: 'main.orders',
    ingest: IngestMode.incremental({ cursorColumn: 'updated_at', lookback: Duration.hours(2) }),
    partitionedRead: { column: 'order_id', numPartitions: 2 },
    schema: Schema.of([
      { name: 'order_id', type: ColumnType.BIGINT, nullable: false },
      { name: 'customer_id', type: ColumnType.BIGINT, nullable: false },
      { name: 'amount', type: ColumnType.decimal(18, 2) },
      { name: 'updated_at', type: ColumnType.TIMESTAMP, nullable: false },
    ]),
    estimatedSize: Size.gibibytes(20),
  });
  const spec = startJobRunSpec(workflow.toGraph(), 'orders');

  // WHEN the job runs as its spec says
  const out = submit(spec, path.join(dir, 'orders', `ds=${DS}`), ['--jars', jar], { TRIBUTARY_LOCAL_SECRETS_FILE: secrets });

  // THEN the day's partition holds exactly the rows from 22:00 the day before (lookback) to midnight
  expect(out.stdout).toContain(`ingest_jdbc: wrote ${dir}/orders/ds=${DS}/`);
  // AND the read was split into the declared 2 JDBC partitions (2 queries, at most 2 connections)
  expect(out.stdout).toContain('ingest_jdbc: reading main.orders in 2 JDBC partitions');
  expect(out.rows.map((r) => Number(r.order_id)).sort()).toEqual([2, 3, 4, 5]);
  // AND it has the declared schema: declared columns only, in order, with their types
  expect(out.schema).toEqual([
    ['order_id', 'bigint', true], ['customer_id', 'bigint', true], ['amount', 'decimal(18,2)', true], ['updated_at', 'timestamp', true],
  ]);
  expect(out.rows.find((r) => r.order_id === '3')).toEqual({ order_id: '3', customer_id: '12', amount: '7.25', updated_at: '2026-03-01 00:00:00' });
});

test('the log partition read takes only the ds partition, in the declared format and schema', () => {
  // GIVEN JSON-lines logs of three days, with a field the schema does not declare
  const dir = tempDir();
  const logs = path.join(dir, 'logs');
  const day = (ds: string, lines: object[]) => {
    fs.mkdirSync(path.join(logs, `dt=${ds}`), { recursive: true });
    fs.writeFileSync(path.join(logs, `dt=${ds}`, 'part-0.json'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  };
  day('2026-02-28', [{ event_id: 'old', user_id: 1, amount: 1.5, at: '2026-02-28T10:00:00', extra: 'x' }]);
  day(DS, [
    { event_id: 'a', user_id: 1, amount: 2.5, at: '2026-03-01T10:00:00', extra: 'x' },
    { event_id: 'b', user_id: null, amount: 3.25, at: '2026-03-01T11:00:00' },
  ]);
  day('2026-03-02', [{ event_id: 'new', user_id: 2, amount: 4, at: '2026-03-02T01:00:00' }]);
  // AND a workflow whose Spark job reads the LogSource with read_log_partition.py
  const workflow = workflowAt(dir);
  const schema = Schema.of([
    { name: 'event_id', type: ColumnType.STRING, nullable: false },
    { name: 'user_id', type: ColumnType.BIGINT },
    { name: 'amount', type: ColumnType.decimal(10, 2) },
    { name: 'at', type: ColumnType.TIMESTAMP, nullable: false },
  ]);
  const source = new LogSource(workflow, 'Events', {
    location: `${logs}/dt={{ds}}/`, format: DataFormat.JSON_LINES, schema, estimatedSize: Size.gibibytes(1),
  });
  new SparkTask(workflow, 'EventsTyped', {
    script: 's3://acme-jobs/read_log_partition.py', inputs: [source.output], output: { schema },
  });
  const graph = workflow.toGraph();
  const spec: any = startJobRunSpec(graph, 'events_typed');
  // The task's script is the repository's read_log_partition.py, with the generic --node argument.
  spec.jobDriver.sparkSubmit.entryPoint = '${TributaryScriptsLocation}/read_log_partition.py';
  spec.jobDriver.sparkSubmit.entryPointArguments = ['--ds', '{{ds}}', '--node', nodeArgument(graph, graph.node('events_typed'))];

  // WHEN it runs as its spec says
  const out = submit(spec, path.join(dir, 'events_typed', `ds=${DS}`));

  // THEN only the day's events are written, with the declared schema
  expect(out.rows.map((r) => r.event_id).sort()).toEqual(['a', 'b']);
  expect(out.schema).toEqual([['event_id', 'string', true], ['user_id', 'bigint', true], ['amount', 'decimal(10,2)', true], ['at', 'timestamp', true]]);
  expect(out.rows.find((r) => r.event_id === 'b')).toEqual({ event_id: 'b', user_id: 'None', amount: '3.25', at: '2026-03-01 11:00:00' });
});

/** Write `setup` (Python run before the job in the same driver) to a file and return its path. */
function setupScript(dir: string, lines: string[]): string {
  const file = path.join(dir, 'setup.py');
  fs.writeFileSync(file, ['from pyspark.sql import SparkSession', 'spark = SparkSession.builder.getOrCreate()', ...lines].join('\n') + '\n');
  return file;
}

const SUBSCRIPTIONS = Schema.of([
  { name: 'subscription_id', type: ColumnType.BIGINT, nullable: false },
  { name: 'plan', type: ColumnType.STRING, nullable: false },
  { name: 'mrr_usd', type: ColumnType.decimal(18, 2), nullable: false },
]);

test('the CDC merge applies the day\'s last change per key to yesterday\'s state and writes the declared schema', () => {
  // GIVEN yesterday's state of three subscriptions and the day's change records (DMS-style Op column)
  const dir = tempDir();
  const workflow = workflowAt(dir);
  new DatabaseSource(workflow, 'Subscriptions', {
    engine: DatabaseEngine.MYSQL, connection: Secret.fromSecretsManager('prod/billing/reader'), table: 'billing.subscriptions',
    ingest: IngestMode.changeDataCapture(), schema: SUBSCRIPTIONS, estimatedSize: Size.gibibytes(1),
  });
  const spec = startJobRunSpec(workflow.toGraph(), 'subscriptions');
  const setup = setupScript(dir, [
    'prev = spark.createDataFrame([(1, "basic", "10.00"), (2, "pro", "50.00"), (3, "basic", "10.00")], "subscription_id bigint, plan string, mrr_usd string")',
    `prev.selectExpr("subscription_id", "plan", "cast(mrr_usd as decimal(18,2)) as mrr_usd").write.parquet("${dir}/subscriptions/ds=2026-02-28/")`,
    // 1 upgraded then downgraded (the last change wins), 2 deleted, 4 inserted, 3 untouched; an extra DMS column
    'changes = spark.createDataFrame([("U", 1, 1, "pro", "50.00", "x"), ("u", 2, 1, "basic", "10.00", "x"), ("D", 1, 2, "pro", "50.00", "x"),'
      + ' ("I", 1, 4, "basic", "12.50", "x")], "Op string, change_seq int, subscription_id bigint, plan string, mrr_usd string, dms string")',
    `changes.write.parquet("${dir}/subscriptions/_changes/ds=${DS}/")`,
  ]);

  // WHEN the job runs as its spec says
  const out = submit(spec, path.join(dir, 'subscriptions', `ds=${DS}`), [], {}, setup);

  // THEN
  const byId = Object.fromEntries(out.rows.map((r) => [r.subscription_id, [r.plan, r.mrr_usd]]));
  expect(byId).toEqual({ 1: ['basic', '10.00'], 3: ['basic', '10.00'], 4: ['basic', '12.50'] });
  expect(out.schema).toEqual([['subscription_id', 'bigint', true], ['plan', 'string', true], ['mrr_usd', 'decimal(18,2)', true]]);
});

test('the snapshot-export conversion reads the exported Parquet files of the day and writes the declared schema', () => {
  // GIVEN an RDS-style export (<prefix>/<export id>/<database>/<schema.table>/<n>/part-*.parquet) with
  // columns in another order, text amounts and an extra column
  const dir = tempDir();
  const workflow = workflowAt(dir);
  new DatabaseSource(workflow, 'Subscriptions', {
    engine: DatabaseEngine.POSTGRES, connection: Secret.fromSecretsManager('prod/billing/reader'), table: 'public.subscriptions',
    ingest: IngestMode.snapshotExport(), schema: SUBSCRIPTIONS, estimatedSize: Size.gibibytes(1),
  });
  const spec = startJobRunSpec(workflow.toGraph(), 'subscriptions');
  const exported = `${dir}/subscriptions/_export/ds=${DS}/export-2026-03-01/billing/public.subscriptions/1/`;
  const setup = setupScript(dir, [
    `spark.createDataFrame([("pro", 7, "50.00", "a"), ("basic", 8, "10.00", "b")], "plan string, subscription_id bigint, mrr_usd string, internal string").write.parquet("${exported}")`,
    `open("${dir}/subscriptions/_export/ds=${DS}/export_info.json", "w").write("{}")`,
  ]);

  // WHEN the conversion runs as its spec says
  const out = submit(spec, path.join(dir, 'subscriptions', `ds=${DS}`), [], {}, setup);

  // THEN
  expect(out.schema).toEqual([['subscription_id', 'bigint', true], ['plan', 'string', true], ['mrr_usd', 'decimal(18,2)', true]]);
  expect(out.rows.map((r) => `${r.subscription_id}:${r.plan}:${r.mrr_usd}`).sort()).toEqual(['7:pro:50.00', '8:basic:10.00']);
});
