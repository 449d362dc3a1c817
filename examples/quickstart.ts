import { App, Duration, Size, Stack } from 'aws-cdk-lib/core';
import {
  CheckRule, ColumnType, DatabaseEngine, DatabaseSource, IngestMode, QualityCheck, Schedule, Schema, Secret,
  SparkTask, WarehouseSink, Workflow, WriteMode,
} from 'tributary';

const app = new App();
const stack = new Stack(app, 'Analytics');

export const workflow = new Workflow(stack, 'DailyOrders', {
  schedule: Schedule.daily({ hour: 2 }),
  startDate: '2026-01-01',
  owner: 'data-platform@acme.example',
  defaults: { retries: 2, timeout: Duration.hours(3) },
  warehouse: { database: 'analytics', workgroupName: 'etl' },
  lakeLocation: 's3://acme-lake/daily-orders',
});

// 12 TiB table: read only the day's changes, over 64 connections.
const orders = new DatabaseSource(workflow, 'Orders', {
  engine: DatabaseEngine.POSTGRES,
  connection: Secret.fromSecretsManager('prod/orders-db/reader'),
  table: 'public.orders',
  ingest: IngestMode.incremental({ cursorColumn: 'updated_at' }),
  partitionedRead: { column: 'order_id', numPartitions: 64 },
  tableSize: Size.tebibytes(12),
  estimatedSize: Size.gibibytes(180),
  schema: Schema.of([
    { name: 'order_id', type: ColumnType.BIGINT, nullable: false },
    { name: 'amount', type: ColumnType.decimal(18, 2), nullable: false },
    { name: 'updated_at', type: ColumnType.TIMESTAMP, nullable: false },
  ]),
});

const cleaned = new SparkTask(workflow, 'CleanOrders', {
  script: 's3://acme-jobs/clean_orders.py',
  inputs: [orders.output],
  requiredColumns: [{ name: 'order_id', type: ColumnType.BIGINT }],
  output: { schema: orders.output.schema },
});

// Every sink of `cleaned` waits for this check: nothing is published before it passes.
new QualityCheck(workflow, 'OrdersQuality', {
  input: cleaned.output,
  rules: [CheckRule.notNull(['order_id']), CheckRule.unique(['order_id'])],
});

new WarehouseSink(workflow, 'LoadOrders', {
  input: cleaned.output,
  table: 'analytics.orders',
  writeMode: WriteMode.merge(['order_id']),
});

// `npx tributary synth` runs this file (bin/app.ts) and writes cdk.out/tributary/daily_orders/graph.json, graph.mmd, …
