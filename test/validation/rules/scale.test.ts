import { Size } from 'aws-cdk-lib/core';
import {
  ApiSink, ApiSource, CheckRule, ColumnType, DatabaseEngine, DatabaseSource, DiagnosticSeverity, Engine, EventBus, EventPayload, EventSink,
  IngestMode, QualityCheck, Schema, Secret, SparkTask, SqlTask,
} from '../../../lib';
import { largeDataOnSpark, noDailyFullScan, partitionedJdbcReads } from '../../../lib/validation/rules/scale';
import { ORDERS_SCHEMA, atLine, newWorkflow, ordersSource, thisLine, validWorkflow } from '../../util';

const FILE = 'test/validation/rules/scale.test.ts';

// TRB008: 1 TiB or more only on Spark

test('a SQL task over an input of 1 TiB or more is refused, naming the input, its size and the engine', () => {
  // GIVEN a 2 TiB daily partition read by a warehouse SQL task
  const workflow = newWorkflow();
  const orders = ordersSource(workflow, 'Orders', Size.tebibytes(2));
  const line = thisLine() + 1;
  new SqlTask(workflow, 'Daily', { sql: 'insert into marts.daily select 1', inputs: [orders.output], table: 'marts.daily' });

  // WHEN
  const diagnostics = largeDataOnSpark(workflow.toGraph());

  // THEN
  expect(diagnostics).toEqual([{
    code: 'TRB008',
    severity: DiagnosticSeverity.ERROR,
    path: 'Test/Pipeline/Daily',
    location: atLine(FILE, line),
    message: "SqlTask 'daily' runs on warehouse but handles 'orders' of 2.0 TiB; data of 1 TiB or more runs on Spark",
    fix: "reduce 'orders' with a SparkTask first (aggregate, filter or sample) and give this node the smaller output",
  }]);
});

test('a quality check over large data on the warehouse is told to run on Spark', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow, 'Orders', Size.tebibytes(12));
  const line = thisLine() + 1;
  new QualityCheck(workflow, 'Check', { input: orders.output, rules: [CheckRule.notNull(['order_id'])], engine: Engine.WAREHOUSE });

  // WHEN
  const diagnostics = largeDataOnSpark(workflow.toGraph());

  // THEN
  expect(diagnostics).toEqual([{
    code: 'TRB008',
    severity: DiagnosticSeverity.ERROR,
    path: 'Test/Pipeline/Check',
    location: atLine(FILE, line),
    message: "QualityCheck 'check' runs on warehouse but handles 'orders' of 12.0 TiB; data of 1 TiB or more runs on Spark",
    fix: 'set engine: Engine.SPARK on the check',
  }]);
});

test('an API push of large data on a single worker is refused', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow, 'Orders', Size.tebibytes(1));
  new ApiSink(workflow, 'Push', { input: orders.output, url: 'https://crm.example.com/api/batch', idempotencyKey: 'order_id' });

  // WHEN
  const diagnostics = largeDataOnSpark(workflow.toGraph());

  // THEN
  expect(diagnostics.map((d) => [d.code, d.path, d.message])).toEqual([
    ['TRB008', 'Test/Pipeline/Push', "ApiSink 'push' runs on single_worker but handles 'orders' of 1.0 TiB; data of 1 TiB or more runs on Spark"],
  ]);
});

test('an API source that lands 1 TiB or more a day is refused on its own output, with a fix that fits a source', () => {
  // GIVEN
  const workflow = newWorkflow();
  const line = thisLine() + 1;
  new ApiSource(workflow, 'Events', { baseUrl: 'https://api.example.com', path: '/events', estimatedSize: Size.tebibytes(3) });

  // WHEN
  const diagnostics = largeDataOnSpark(workflow.toGraph());

  // THEN
  expect(diagnostics).toEqual([{
    code: 'TRB008',
    severity: DiagnosticSeverity.ERROR,
    path: 'Test/Pipeline/Events',
    location: atLine(FILE, line),
    message: "ApiSource 'events' runs on single_worker but handles 'events' of 3.0 TiB; data of 1 TiB or more runs on Spark",
    fix: "check estimatedSize of 'events'; data of this size should land in object storage and be read with a LogSource and a SparkTask",
  }]);
});

test('the largest input is the one named', () => {
  // GIVEN
  const workflow = newWorkflow();
  const small = ordersSource(workflow, 'Small', Size.gibibytes(10));
  const big = ordersSource(workflow, 'Big', Size.tebibytes(5));
  const medium = ordersSource(workflow, 'Medium', Size.tebibytes(2));
  new SqlTask(workflow, 'Daily', { sql: 'select 1', inputs: [small.output, medium.output, big.output], table: 'marts.daily' });

  // WHEN
  const [diagnostic] = largeDataOnSpark(workflow.toGraph());

  // THEN
  expect(diagnostic.message).toContain("handles 'big' of 5.0 TiB");
});

test('the limit is 1 TiB: 1023 GiB on the warehouse is accepted', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow, 'Orders', Size.gibibytes(1023));
  new SqlTask(workflow, 'Daily', { sql: 'select 1', inputs: [orders.output], table: 'marts.daily' });

  // THEN
  expect(largeDataOnSpark(workflow.toGraph())).toEqual([]);
});

test('large data on Spark, and a completion event that does not read its input, are accepted', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow, 'Orders', Size.tebibytes(12));
  new SparkTask(workflow, 'Enrich', { script: 's3://jobs-bucket/enrich.py', inputs: [orders.output] });
  new QualityCheck(workflow, 'Check', { input: orders.output, rules: [CheckRule.notNull(['order_id'])] });
  new EventSink(workflow, 'Done', { inputs: [orders.output], bus: EventBus.eventBridge('default'), source: 'com.acme.orders', detailType: 'OrdersLanded' });
  new EventSink(workflow, 'Each', {
    inputs: [orders.output], bus: EventBus.eventBridge('default'), source: 'com.acme.orders', detailType: 'Order',
    payload: EventPayload.records('order_id'),
  });

  // THEN
  expect(largeDataOnSpark(workflow.toGraph())).toEqual([]);
  expect(largeDataOnSpark(validWorkflow().workflow.toGraph())).toEqual([]);
});

// TRB009: no daily full scan of a large table

test('a full-table read of a table of 1 TiB or more every day is refused, with the table and its size', () => {
  // GIVEN
  const workflow = newWorkflow();
  const line = thisLine() + 1;
  new DatabaseSource(workflow, 'Orders', {
    engine: DatabaseEngine.POSTGRES,
    connection: Secret.fromSecretsManager('prod/orders/reader'),
    table: 'public.orders',
    ingest: IngestMode.fullTable(),
    schema: ORDERS_SCHEMA,
    tableSize: Size.tebibytes(12),
  });

  // WHEN
  const diagnostics = noDailyFullScan(workflow.toGraph());

  // THEN
  expect(diagnostics).toEqual([{
    code: 'TRB009',
    severity: DiagnosticSeverity.ERROR,
    path: 'Test/Pipeline/Orders',
    location: atLine(FILE, line),
    message: "table 'public.orders' (12.0 TiB) is read in full every day, which loads the primary and is not a consistent snapshot",
    fix: "use IngestMode.incremental({ cursorColumn: 'updated_at' }), IngestMode.snapshotExport() or IngestMode.changeDataCapture()",
  }]);
});

test('without tableSize, the estimated size of the landed partition is the table size', () => {
  // GIVEN
  const workflow = newWorkflow();
  new DatabaseSource(workflow, 'Orders', {
    engine: DatabaseEngine.MYSQL, connection: Secret.fromSecretsManager('prod/orders/reader'),
    table: 'shop.orders', ingest: IngestMode.fullTable(), estimatedSize: Size.tebibytes(2),
  });

  // THEN
  expect(noDailyFullScan(workflow.toGraph()).map((d) => d.code)).toEqual(['TRB009']);
});

test('a full-table read of a small table, and other ingest modes of a large one, are accepted', () => {
  // GIVEN
  const workflow = newWorkflow();
  const big = (id: string, ingest: IngestMode, tableSize: Size) => new DatabaseSource(workflow, id, {
    engine: DatabaseEngine.POSTGRES, connection: Secret.fromSecretsManager('prod/orders/reader'), table: 'public.orders', ingest, tableSize,
  });
  big('Small', IngestMode.fullTable(), Size.gibibytes(1023));
  big('Incremental', IngestMode.incremental({ cursorColumn: 'updated_at' }), Size.tebibytes(12));
  big('Export', IngestMode.snapshotExport(), Size.tebibytes(12));
  big('Cdc', IngestMode.changeDataCapture(), Size.tebibytes(12));

  // THEN
  expect(noDailyFullScan(workflow.toGraph())).toEqual([]);
});

test('a daily JDBC read of 50 GiB or more over one connection is a TRB018 warning at the source', () => {
  // GIVEN
  const workflow = newWorkflow();
  const line = thisLine(); new DatabaseSource(workflow, 'Payments', {
    engine: DatabaseEngine.POSTGRES, connection: Secret.fromSecretsManager('prod/payments/reader'), table: 'public.payments',
    ingest: IngestMode.incremental({ cursorColumn: 'updated_at' }), estimatedSize: Size.gibibytes(120),
  });

  // WHEN
  const diagnostics = partitionedJdbcReads(workflow.toGraph());

  // THEN
  expect(diagnostics).toEqual([{
    code: 'TRB018',
    severity: DiagnosticSeverity.WARNING,
    path: 'Test/Pipeline/Payments',
    location: atLine(FILE, line),
    message: "'payments' reads 120.0 GiB a day from 'public.payments' over a single JDBC connection",
    fix: "set partitionedRead: { column: '<numeric or date key>', numPartitions: 16 } (numPartitions is also the most connections opened)",
  }]);
});

test('a partitioned read, a smaller read, or an ingest that does not use JDBC gets no TRB018', () => {
  // GIVEN three large sources that do not read over one connection, and a small one that does
  const workflow = newWorkflow();
  const common = { engine: DatabaseEngine.POSTGRES, connection: Secret.fromSecretsManager('prod/db/reader'), table: 'public.t' };
  new DatabaseSource(workflow, 'Split', { ...common, ingest: IngestMode.incremental({ cursorColumn: 'id' }), estimatedSize: Size.gibibytes(500), partitionedRead: { column: 'id', numPartitions: 32 } });
  new DatabaseSource(workflow, 'Export', { ...common, ingest: IngestMode.snapshotExport(), estimatedSize: Size.gibibytes(500) });
  new DatabaseSource(workflow, 'Cdc', { ...common, ingest: IngestMode.changeDataCapture(), estimatedSize: Size.gibibytes(500) });
  new DatabaseSource(workflow, 'Small', { ...common, ingest: IngestMode.fullTable(), estimatedSize: Size.gibibytes(49) });

  // THEN
  expect(partitionedJdbcReads(workflow.toGraph())).toEqual([]);
});

test('the TRB009 fix names a timestamp column of the table, or no column when the schema has none', () => {
  // GIVEN two 12 TiB full reads: one with a timestamp column 'changed_on', one without a schema
  const workflow = newWorkflow();
  const source = (id: string, schema?: Schema) => new DatabaseSource(workflow, id, {
    engine: DatabaseEngine.POSTGRES, connection: Secret.fromSecretsManager('prod/db/reader'), table: `public.${id.toLowerCase()}`,
    ingest: IngestMode.fullTable(), tableSize: Size.tebibytes(12), output: { schema },
  });
  source('Typed', Schema.of([{ name: 'id', type: ColumnType.BIGINT }, { name: 'changed_on', type: ColumnType.TIMESTAMP }]));
  source('Untyped');

  // WHEN
  const fixes = workflow.validate().filter((d) => d.code === 'TRB009').map((d) => d.fix);

  // THEN
  expect(fixes).toEqual([
    "use IngestMode.incremental({ cursorColumn: 'changed_on' }), IngestMode.snapshotExport() or IngestMode.changeDataCapture()",
    'use IngestMode.incremental({ cursorColumn: <a column that grows with each change> }), IngestMode.snapshotExport() or IngestMode.changeDataCapture()',
  ]);
});
