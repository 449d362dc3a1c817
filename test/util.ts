import { Size } from 'aws-cdk-lib/core';
import { App, Stack } from 'aws-cdk-lib/core';
import {
  ColumnType, DatabaseEngine, DatabaseSource, IngestMode, Schedule, Schema, Secret, SparkTask, WarehouseSink,
  Workflow, WorkflowProps, WriteMode,
} from '../lib';

/** A stack in a fresh app, for one test. */
export function newStack(id = 'Test'): Stack {
  return new Stack(new App({ analyticsReporting: false }), id);
}

/** A valid workflow with no nodes, in a fresh stack; `props` override the defaults. */
export function newWorkflow(props: Partial<WorkflowProps> = {}, id = 'Pipeline', stack: Stack = newStack()): Workflow {
  return new Workflow(stack, id, {
    schedule: Schedule.daily({ hour: 2 }),
    startDate: '2026-01-01',
    owner: 'team@example.com',
    warehouse: { database: 'analytics', workgroupName: 'etl' },
    // A lake of its own per workflow id, so that two workflows of one app never write the same place (TRB062).
    lakeLocation: `s3://test-lake/${id.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
    ...props,
  });
}

/** A small orders schema. */
export const ORDERS_SCHEMA = Schema.of([
  { name: 'order_id', type: ColumnType.BIGINT, nullable: false },
  { name: 'customer_id', type: ColumnType.BIGINT, nullable: false },
  { name: 'amount', type: ColumnType.decimal(18, 2) },
  { name: 'updated_at', type: ColumnType.TIMESTAMP, nullable: false },
]);

/** An incremental orders source. */
export function ordersSource(workflow: Workflow, id = 'Orders', size: Size = Size.gibibytes(20)): DatabaseSource {
  return new DatabaseSource(workflow, id, {
    engine: DatabaseEngine.POSTGRES,
    connection: Secret.fromSecretsManager('prod/orders/reader'),
    table: 'public.orders',
    ingest: IngestMode.incremental({ cursorColumn: 'updated_at' }),
    schema: ORDERS_SCHEMA,
    estimatedSize: size,
  });
}

/** A valid three-node workflow: source → Spark → warehouse merge. */
export function validWorkflow(): { workflow: Workflow; orders: DatabaseSource; enrich: SparkTask; load: WarehouseSink } {
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  const enrich = new SparkTask(workflow, 'Enrich', {
    script: 's3://jobs-bucket/enrich.py',
    inputs: [orders.output],
    output: { schema: ORDERS_SCHEMA },
  });
  const load = new WarehouseSink(workflow, 'Load', { input: enrich.output, table: 'analytics.orders', writeMode: WriteMode.merge(['order_id']) });
  return { workflow, orders, enrich, load };
}

/** The line number of the caller of this function, for asserting source locations. */
export function thisLine(): number {
  const frame = new Error().stack!.split('\n')[2];
  return Number(/:(\d+):\d+\)?$/.exec(frame)![1]);
}

/** The value `fn` throws; fails the test when it throws nothing. */
export function errorOf(fn: () => unknown): any {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected the function to throw, but it returned');
}

/** The props `newWorkflow` uses, for tests that create a Workflow themselves (to know its source line). */
export function workflowProps(props: Partial<WorkflowProps> = {}): WorkflowProps {
  return {
    schedule: Schedule.daily({ hour: 2 }),
    startDate: '2026-01-01',
    owner: 'team@example.com',
    warehouse: { database: 'analytics', workgroupName: 'etl' },
    lakeLocation: 's3://test-lake/pipeline',
    ...props,
  };
}

/** Matches a `file:line:column` source location on `line` of `file`, any column. */
export function atLine(file: string, line: number): string {
  return expect.stringMatching(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line}:\\d+$`));
}
