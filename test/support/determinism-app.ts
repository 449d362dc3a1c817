/**
 * Builds one workflow with every node kind, in the construction order named by argv[2] (`forward` or
 * `shuffled`: nodes, dependencies, tags and settings created in another order where order must not
 * matter), synthesizes it in memory, and prints `{ path: content }` as JSON. Run by
 * test/synth/determinism.test.ts in a separate process.
 */
import { App, Duration, Size, Stack } from 'aws-cdk-lib/core';
import {
  ApiSink, ApiSource, CheckRule, ColumnType, DataFormat, DatabaseEngine, DatabaseSource, EventBus, EventSink, IngestMode, LogSource,
  Pagination, QualityCheck, Schedule, Schema, Secret, SparkTask, SqlTask, Testing, WarehouseSink, Workflow, WriteMode,
} from '../../lib';

export function buildDeterminismWorkflow(order: string): Workflow {
  const shuffled = order === 'shuffled';
  const app = new App({ analyticsReporting: false });
  const tags = shuffled ? { team: 'data', cost: 'etl', env: 'prod' } : { env: 'prod', cost: 'etl', team: 'data' };
  const workflow = new Workflow(new Stack(app, 'Determinism'), 'Orders', {
    schedule: Schedule.daily({ hour: 3 }), startDate: '2026-01-01', owner: 'data@example.com', tags,
    warehouse: { database: 'analytics', workgroupName: 'etl' }, lakeLocation: 's3://acme-lake/orders',
  });
  const schema = Schema.of([
    { name: 'id', type: ColumnType.BIGINT, nullable: false },
    { name: 'amount', type: ColumnType.decimal(18, 2) },
    { name: 'updated_at', type: ColumnType.TIMESTAMP },
    { name: 'ds', type: ColumnType.DATE },
  ]);
  const sources = [
    () => new DatabaseSource(workflow, 'Orders', {
      engine: DatabaseEngine.POSTGRES, connection: Secret.fromSecretsManager('prod/orders'), table: 'public.orders',
      ingest: IngestMode.incremental({ cursorColumn: 'updated_at', lookback: Duration.hours(2) }), output: { schema, estimatedSize: Size.gibibytes(40) },
      partitionedRead: { column: 'id', numPartitions: 8 },
    }),
    () => new LogSource(workflow, 'Clicks', { location: 's3://acme-logs/clicks/dt={{ds}}/', format: DataFormat.JSON_LINES, output: { schema, estimatedSize: Size.tebibytes(2) } }),
    () => new ApiSource(workflow, 'Rates', {
      baseUrl: 'https://api.example.com', path: '/rates/{{ds}}', query: shuffled ? { b: '2', a: '1' } : { a: '1', b: '2' },
      pagination: Pagination.page({ pageParam: 'page' }), output: { schema },
    }),
  ];
  const made = (shuffled ? [...sources].reverse() : sources).map((make) => make());
  const [orders, clicks, rates] = shuffled ? [made[2], made[1], made[0]] : made;
  const audit = new QualityCheck(workflow, 'Audit', { input: orders.output, rules: [CheckRule.notNull(['id']), CheckRule.unique(['id'])] });
  const enrich = new SparkTask(workflow, 'Enrich', {
    script: 's3://acme-jobs/enrich.py', inputs: [audit.output, clicks.output, rates.output], output: { schema },
    sparkConf: shuffled ? { 'spark.b': '2', 'spark.a': '1' } : { 'spark.a': '1', 'spark.b': '2' },
  });
  const sinks = [
    () => new WarehouseSink(workflow, 'Load', { input: enrich.output, table: 'analytics.orders', writeMode: WriteMode.merge(['id']) }),
    () => new ApiSink(workflow, 'Push', { input: enrich.output, url: 'https://crm.example.com/x', idempotencyKey: 'id' }),
    () => new EventSink(workflow, 'Ready', { inputs: [enrich.output], bus: EventBus.eventBridge('bus'), source: 'com.acme.orders', detailType: 'Ready' }),
  ];
  const load = (shuffled ? [...sinks].reverse() : sinks).map((make) => make()).find((sink) => sink.node.id === 'Load') as WarehouseSink;
  const mart = new SqlTask(workflow, 'Revenue', { sql: 'insert into marts.revenue select 1', inputs: [load.output], reads: shuffled ? ['dims.b', 'dims.a'] : ['dims.a', 'dims.b'], table: 'marts.revenue' });
  const report = new EventSink(workflow, 'Reported', { inputs: [mart.output], bus: EventBus.eventBridge('bus'), source: 'com.acme.orders', detailType: 'Reported' });
  const deps = [orders, clicks, rates];
  report.addDependency(...(shuffled ? [...deps].reverse() : deps));
  return workflow;
}

if (require.main === module) {
  process.stdout.write(JSON.stringify(Testing.synth(buildDeterminismWorkflow(process.argv[2] ?? 'forward'))));
}
