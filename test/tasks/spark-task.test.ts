import { Size } from 'aws-cdk-lib/core';
import { ColumnType, DataFormat, SparkTask, SparkTaskProps, Testing, Workflow } from '../../lib';
import { atLine, errorOf, newWorkflow, ordersSource, thisLine } from '../util';

const FILE = 'test/tasks/spark-task.test.ts';
const SCRIPT = 's3://jobs-bucket/enrich.py';

/** A workflow with an orders source and a SparkTask named Enrich reading it, with `props` over minimal ones. */
function enrich(props: Partial<SparkTaskProps> = {}, workflow: Workflow = newWorkflow()): SparkTask {
  const orders = ordersSource(workflow);
  return new SparkTask(workflow, 'Enrich', { script: SCRIPT, inputs: [orders.output], ...props });
}

test('arguments default to --ds {{ds}}, resources to automatic sizing and sparkConf to none', () => {
  // WHEN
  const task = enrich();

  // THEN
  expect(task.arguments).toEqual(['--ds', '{{ds}}']);
  expect(task.resources).toBeUndefined();
  expect(Testing.graph(task.workflow).node('enrich').properties).toEqual({
    script: SCRIPT,
    arguments: ['--ds', '{{ds}}'],
    resources: undefined,
    sparkConf: {},
  });
});

test('the graph shows a Spark task reading its inputs', () => {
  // WHEN
  const task = enrich();

  // THEN
  expect(Testing.graph(task.workflow).node('enrich')).toMatchObject({
    kind: 'task',
    type: 'SparkTask',
    engine: 'spark',
    inputs: ['orders'],
    upstream: ['orders'],
    requiredColumns: [],
    readsInputData: true,
  });
});

test('the output defaults to parquet at the default location, schema and size unknown', () => {
  // WHEN
  const task = enrich();

  // THEN
  expect(Testing.graph(task.workflow).node('enrich').output).toEqual({
    id: 'enrich',
    location: 's3://test-lake/pipeline/enrich/ds={{ds}}/',
    format: 'parquet',
    estimatedSizeBytes: undefined,
    columns: undefined,
  });
});

test('output options describe the dataset written', () => {
  // WHEN
  const task = enrich({ output: { format: DataFormat.JSON_LINES, location: 's3://acme-lake/enriched/ds={{ds}}/', estimatedSize: Size.gibibytes(1) } });

  // THEN
  expect(Testing.graph(task.workflow).node('enrich').output).toMatchObject({
    location: 's3://acme-lake/enriched/ds={{ds}}/',
    format: 'jsonl',
    estimatedSizeBytes: 1024 ** 3,
  });
});

test('an output location without {{ds}} is refused with TRB105', () => {
  // WHEN
  const error = errorOf(() => enrich({ output: { location: 's3://acme-lake/enriched/' } }));

  // THEN
  expect(error.code).toBe('TRB105');
  expect(error.message).toContain("output.location 's3://acme-lake/enriched/' does not contain {{ds}}");
});

test('arguments, resources and Spark settings given in the props appear in the graph', () => {
  // WHEN
  const task = enrich({
    arguments: ['--date', '{{ds}}', '--full'],
    resources: { executorCpu: 4, executorMemory: Size.gibibytes(16), maxExecutors: 50, driverCpu: 2, driverMemory: Size.gibibytes(8) },
    sparkConf: { 'spark.sql.shuffle.partitions': '400' },
  });

  // THEN
  expect(Testing.graph(task.workflow).node('enrich').properties).toEqual({
    script: SCRIPT,
    arguments: ['--date', '{{ds}}', '--full'],
    resources: { executorCpu: 4, executorMemoryBytes: 16 * 1024 ** 3, maxExecutors: 50, driverCpu: 2, driverMemoryBytes: 8 * 1024 ** 3 },
    sparkConf: { 'spark.sql.shuffle.partitions': '400' },
  });
});

test('resources given in part leave the other fields to automatic sizing', () => {
  // WHEN
  const task = enrich({ resources: { maxExecutors: 10 } });

  // THEN
  expect(Testing.graph(task.workflow).node('enrich').properties.resources).toEqual({
    executorCpu: undefined, executorMemoryBytes: undefined, maxExecutors: 10, driverCpu: undefined, driverMemoryBytes: undefined,
  });
});

test('arguments and Spark settings are copied from the props', () => {
  // GIVEN
  const args = ['--ds', '{{ds}}'];
  const sparkConf: Record<string, string> = { 'spark.a': '1' };
  const task = enrich({ arguments: args, sparkConf });

  // WHEN
  args.push('--extra');
  sparkConf['spark.b'] = '2';

  // THEN
  const properties = Testing.graph(task.workflow).node('enrich').properties;
  expect(properties.arguments).toEqual(['--ds', '{{ds}}']);
  expect(properties.sparkConf).toEqual({ 'spark.a': '1' });
});

test('required columns are checked against the inputs with their types', () => {
  // WHEN
  const task = enrich({ requiredColumns: [{ name: 'order_id', type: ColumnType.BIGINT }, { name: 'amount', type: ColumnType.decimal(18, 2) }] });

  // THEN
  expect(Testing.graph(task.workflow).node('enrich').requiredColumns).toEqual([
    { name: 'order_id', type: 'bigint', role: 'required column' },
    { name: 'amount', type: 'decimal(18,2)', role: 'required column' },
  ]);
});

test('no inputs is refused with TRB106', () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  const line = thisLine() + 1;
  const error = errorOf(() => new SparkTask(workflow, 'Enrich', { script: SCRIPT, inputs: [] }));

  // THEN
  expect(error.code).toBe('TRB106');
  expect(error.location).toEqual(atLine(FILE, line));
  expect(error.message).toContain('inputs is empty');
});

test.each(['enrich.py', 'https://bucket/enrich.py', 's3://jobs-bucket/', 's3://Jobs_Bucket/enrich.py', 's3://ab/enrich.py'])(
  'script %p is refused with TRB104', (script) => {
    // WHEN
    const error = errorOf(() => enrich({ script }));

    // THEN
    expect(error.code).toBe('TRB104');
    expect(error.message).toContain(`script '${script}' is not an s3:// URI of a file`);
  });

test('a script in a bucket with dots and a JAR are accepted', () => {
  // THEN
  expect(enrich({ script: 's3://acme.jobs.eu/jars/enrich-1.2.jar' }).script).toBe('s3://acme.jobs.eu/jars/enrich-1.2.jar');
});

test.each([
  ['executorCpu', { executorCpu: 0 }],
  ['executorCpu', { executorCpu: 17 }],
  ['executorCpu', { executorCpu: 1.5 }],
  ['driverCpu', { driverCpu: 0 }],
  ['driverCpu', { driverCpu: 32 }],
  ['maxExecutors', { maxExecutors: 0 }],
  ['maxExecutors', { maxExecutors: 10_001 }],
])('resources.%s out of range is refused with TRB104', (field, resources) => {
  // WHEN
  const error = errorOf(() => enrich({ resources }));

  // THEN
  expect(error.code).toBe('TRB104');
  expect(error.message).toContain(`resources.${field} is`);
});

test('the task records the test file line where it was created', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);

  // WHEN
  const line = thisLine() + 1;
  const task = new SparkTask(workflow, 'Enrich', { script: SCRIPT, inputs: [orders.output] });

  // THEN
  expect(task._sourceLocation).toEqual(atLine(FILE, line));
});
