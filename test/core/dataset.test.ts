import { Size } from 'aws-cdk-lib/core';
import { ColumnType, DataFormat, Dataset, LogSource, Schema, SparkTask, SqlTask, Testing } from '../../lib';
import { newWorkflow, ordersSource } from '../util';

test('format values are the strings written to artifacts', () => {
  // THEN
  expect(Object.entries(DataFormat)).toEqual([
    ['PARQUET', 'parquet'],
    ['JSON_LINES', 'jsonl'],
    ['CSV', 'csv'],
    ['WAREHOUSE_TABLE', 'warehouse_table'],
  ]);
});

test('a dataset is named after its producer\'s snake_case node id', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);

  // WHEN
  const task = new SparkTask(workflow, 'EnrichOrders', { script: 's3://jobs-bucket/enrich.py', inputs: [orders.output] });

  // THEN
  expect(task.output.name).toBe('enrich_orders');
  expect(task.output.producer).toBe(task);
  expect(Testing.graph(workflow).node('enrich_orders').output!.id).toBe('enrich_orders');
});

test('the location defaults to <lakeLocation>/<node_id>/ds={{ds}}/ and the format to parquet', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);

  // WHEN
  const task = new SparkTask(workflow, 'Enrich', { script: 's3://jobs-bucket/enrich.py', inputs: [orders.output] });

  // THEN
  expect(task.output.location).toBe('s3://test-lake/pipeline/enrich/ds={{ds}}/');
  expect(task.output.format).toBe(DataFormat.PARQUET);
  expect(Testing.graph(workflow).node('enrich').output).toMatchObject({
    location: 's3://test-lake/pipeline/enrich/ds={{ds}}/',
    format: 'parquet',
  });
});

test('the default location follows the workflow\'s lakeLocation', () => {
  // GIVEN
  const workflow = newWorkflow({ lakeLocation: 's3://acme-lake/commerce/' });
  const orders = ordersSource(workflow);

  // WHEN
  const task = new SparkTask(workflow, 'Enrich', { script: 's3://jobs-bucket/enrich.py', inputs: [orders.output] });

  // THEN
  expect(task.output.location).toBe('s3://acme-lake/commerce/enrich/ds={{ds}}/');
});

test('schema and size are unknown unless declared, and the graph leaves them out', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);

  // WHEN
  const task = new SparkTask(workflow, 'Enrich', { script: 's3://jobs-bucket/enrich.py', inputs: [orders.output] });

  // THEN
  expect(task.output.schema).toBeUndefined();
  expect(task.output.estimatedSize).toBeUndefined();
  const output = Testing.graph(workflow).node('enrich').output!;
  expect(output.columns).toBeUndefined();
  expect(output.estimatedSizeBytes).toBeUndefined();
});

test('declared options replace the defaults and appear in the graph', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  const schema = Schema.of([
    { name: 'day', type: ColumnType.DATE, nullable: false },
    { name: 'revenue', type: ColumnType.decimal(18, 2) },
  ]);

  // WHEN
  new SparkTask(workflow, 'Revenue', {
    script: 's3://jobs-bucket/revenue.py',
    inputs: [orders.output],
    output: { schema, location: 's3://acme-lake/revenue/dt={{ds}}/', format: DataFormat.CSV, estimatedSize: Size.mebibytes(3) },
  });

  // THEN
  expect(Testing.graph(workflow).node('revenue').output).toEqual({
    id: 'revenue',
    location: 's3://acme-lake/revenue/dt={{ds}}/',
    format: 'csv',
    estimatedSizeBytes: 3 * 1024 * 1024,
    columns: [
      { name: 'day', type: 'date', nullable: false },
      { name: 'revenue', type: 'decimal(18,2)', nullable: true },
    ],
  });
});

test('a dataset built directly takes the given location unless the options name another', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);

  // WHEN
  const plain = new Dataset(orders, 's3://a/ds={{ds}}/');
  const overridden = new Dataset(orders, 's3://a/ds={{ds}}/', { location: 's3://b/ds={{ds}}/', format: DataFormat.JSON_LINES });

  // THEN
  expect([plain.location, plain.format, plain.name]).toEqual(['s3://a/ds={{ds}}/', 'parquet', 'orders']);
  expect([overridden.location, overridden.format]).toEqual(['s3://b/ds={{ds}}/', 'jsonl']);
});

test('isDataset is true for a node output and false for look-alikes', () => {
  // GIVEN
  const orders = ordersSource(newWorkflow());
  const lookAlike = { name: 'orders', location: 's3://x/ds={{ds}}/', format: 'parquet', producer: orders };

  // THEN
  expect(Dataset.isDataset(orders.output)).toBe(true);
  expect(Dataset.isDataset(lookAlike)).toBe(false);
  expect(Dataset.isDataset(orders)).toBe(false);
  expect(Dataset.isDataset(null)).toBe(false);
  expect(Dataset.isDataset('orders')).toBe(false);
});

test('isDataset recognises a dataset of another copy of the library by its symbol', () => {
  // GIVEN
  const foreign = {};
  Object.defineProperty(foreign, Symbol.for('tributary.Dataset'), { value: true });

  // THEN
  expect(Dataset.isDataset(foreign)).toBe(true);
});

test('every producing node takes output: { schema, estimatedSize }, the same place for every kind', () => {
  // GIVEN a schema and a size given through output on a source, a SQL task and a Spark task
  const workflow = newWorkflow();
  const schema = Schema.of([{ name: 'id', type: ColumnType.BIGINT }]);
  const logs = new LogSource(workflow, 'Logs', { location: 's3://logs/dt={{ds}}/', format: DataFormat.PARQUET, output: { schema, estimatedSize: Size.gibibytes(3) } });
  const sql = new SqlTask(workflow, 'Mart', { sql: 'insert into marts.m select 1', inputs: [logs.output], table: 'marts.m', output: { schema, estimatedSize: Size.gibibytes(1) } });

  // THEN
  expect([logs.output.schema, sql.output.schema]).toEqual([schema, schema]);
  expect([logs.output.estimatedSize?.toGibibytes(), sql.output.estimatedSize?.toGibibytes()]).toEqual([3, 1]);
});
