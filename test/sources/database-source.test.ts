import { Duration, Size } from 'aws-cdk-lib/core';
import { DatabaseEngine, DatabaseSource, DatabaseSourceProps, Engine, IngestMode, Secret, Testing, Workflow } from '../../lib';
import { ORDERS_SCHEMA, atLine, errorOf, newWorkflow, thisLine } from '../util';

const FILE = 'test/sources/database-source.test.ts';

/** A DatabaseSource named Orders with `props` over minimal ones. */
function orders(workflow: Workflow, props: Partial<DatabaseSourceProps> = {}): DatabaseSource {
  return new DatabaseSource(workflow, 'Orders', {
    engine: DatabaseEngine.POSTGRES,
    connection: Secret.fromSecretsManager('prod/orders/reader'),
    table: 'public.orders',
    ingest: IngestMode.snapshotExport(),
    ...props,
  });
}

test('database engine values are the strings written to artifacts', () => {
  // THEN
  expect(Object.entries(DatabaseEngine)).toEqual([['POSTGRES', 'postgres'], ['MYSQL', 'mysql']]);
});

test('each ingest mode names itself and the engine that runs it', () => {
  // THEN
  expect([IngestMode.incremental({ cursorColumn: 'updated_at' }), IngestMode.snapshotExport(), IngestMode.changeDataCapture(), IngestMode.fullTable()]
    .map((m) => [m.mode, m.engine])).toEqual([
    ['incremental', Engine.SPARK],
    ['snapshot_export', Engine.DATABASE_EXPORT],
    ['change_data_capture', Engine.SPARK],
    ['full_table', Engine.SPARK],
  ]);
});

test('an incremental ingest carries its cursor column and lookback', () => {
  // WHEN
  const mode = IngestMode.incremental({ cursorColumn: 'updated_at', lookback: Duration.hours(3) });

  // THEN
  expect(mode.cursorColumn).toBe('updated_at');
  expect(mode.lookback!.toHours()).toBe(3);
});

test('the graph shows the source with its engine, secret reference, table and ingest', () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  orders(workflow, {
    engine: DatabaseEngine.MYSQL,
    ingest: IngestMode.incremental({ cursorColumn: 'updated_at', lookback: Duration.hours(2) }),
    estimatedSize: Size.gibibytes(4),
    tableSize: Size.tebibytes(12),
  });

  // THEN
  const node = Testing.graph(workflow).node('orders');
  expect(node).toMatchObject({ kind: 'source', type: 'DatabaseSource', engine: 'spark', inputs: [] });
  expect(node.properties).toEqual({
    databaseEngine: 'mysql',
    connection: { store: 'secretsmanager', reference: 'prod/orders/reader' },
    table: 'public.orders',
    tableSizeBytes: 12 * 1024 ** 4,
    ingest: { mode: 'incremental', cursorColumn: 'updated_at', lookbackSeconds: 7200 },
    partitionedRead: undefined,
  });
});

test('the engine of the node is the engine of its ingest mode', () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  orders(workflow, { ingest: IngestMode.snapshotExport() });

  // THEN
  expect(Testing.graph(workflow).node('orders').engine).toBe('database_export');
});

test('without a lookback an incremental ingest reads no earlier rows again', () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  orders(workflow, { ingest: IngestMode.incremental({ cursorColumn: 'updated_at' }) });

  // THEN
  expect(Testing.graph(workflow).node('orders').properties.ingest.lookbackSeconds ?? 0).toBe(0);
});

test('tableSize defaults to estimatedSize', () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  const source = orders(workflow, { estimatedSize: Size.gibibytes(7) });

  // THEN
  expect(source.tableSize!.toGibibytes()).toBe(7);
  expect(Testing.graph(workflow).node('orders').properties.tableSizeBytes).toBe(7 * 1024 ** 3);
});

test('without sizes the table size is unknown', () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  orders(workflow);

  // THEN
  const node = Testing.graph(workflow).node('orders');
  expect(node.properties.tableSizeBytes).toBeUndefined();
  expect(node.output!.estimatedSizeBytes).toBeUndefined();
});

test('the landed table is parquet at the default location with the declared schema and size', () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  orders(workflow, { schema: ORDERS_SCHEMA, estimatedSize: Size.gibibytes(50) });

  // THEN
  const output = Testing.graph(workflow).node('orders').output!;
  expect(output).toMatchObject({
    id: 'orders',
    location: 's3://test-lake/pipeline/orders/ds={{ds}}/',
    format: 'parquet',
    estimatedSizeBytes: 50 * 1024 ** 3,
  });
  expect(output.columns!.map((c) => c.name)).toEqual(['order_id', 'customer_id', 'amount', 'updated_at']);
});

test('a location given in the props replaces the default', () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  const source = orders(workflow, { location: 's3://acme-raw/orders/ds={{ds}}/' });

  // THEN
  expect(source.output.location).toBe('s3://acme-raw/orders/ds={{ds}}/');
});

test('a location without {{ds}} is refused with TRB105', () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  const error = errorOf(() => orders(workflow, { location: 's3://acme-raw/orders/' }));

  // THEN
  expect(error.code).toBe('TRB105');
  expect(error.constructPath).toBe('Test/Pipeline/Orders');
  expect(error.fix).toContain('s3://acme-raw/orders/dt={{ds}}/');
});

test('the cursor column and the partitioned read column are required of the landed table', () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  orders(workflow, {
    ingest: IngestMode.incremental({ cursorColumn: 'updated_at' }),
    partitionedRead: { column: 'order_id', numPartitions: 16, lowerBound: 1, upperBound: 1_000_000 },
  });

  // THEN
  const node = Testing.graph(workflow).node('orders');
  expect(node.requiredColumns).toEqual([
    { name: 'updated_at', role: 'cursor column', dataset: 'orders' },
    { name: 'order_id', role: 'partitioned read column', dataset: 'orders' },
  ]);
  expect(node.properties.partitionedRead).toEqual({ column: 'order_id', numPartitions: 16, lowerBound: 1, upperBound: 1_000_000 });
});

test('a snapshot export requires no columns', () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  orders(workflow, { ingest: IngestMode.snapshotExport() });

  // THEN
  expect(Testing.graph(workflow).node('orders').requiredColumns).toEqual([]);
});

test.each([0, 1001, 2.5])('partitionedRead.numPartitions %p is refused with TRB104', (numPartitions) => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  const error = errorOf(() => orders(workflow, { partitionedRead: { column: 'order_id', numPartitions } }));

  // THEN
  expect(error.code).toBe('TRB104');
  expect(error.fix).toBe('set partitionedRead.numPartitions to a whole number from 1 to 1000');
});

test('the source records the test file line where it was created', () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  const line = thisLine() + 1;
  const source = new DatabaseSource(workflow, 'Customers', {
    engine: DatabaseEngine.POSTGRES,
    connection: Secret.fromSecretsManager('prod/crm/reader'),
    table: 'public.customers',
    ingest: IngestMode.snapshotExport(),
  });

  // THEN
  expect(source._sourceLocation).toEqual(atLine(FILE, line));
});
