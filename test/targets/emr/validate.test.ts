import { App, Duration, Size } from 'aws-cdk-lib/core';
import { DataPlatformStack } from '../../../bin/platform';
import { ApiSource, ColumnType, DataFormat, DiagnosticSeverity, Schema, Secret, SparkTask, Testing, Workflow } from '../../../lib';
import { EMR_LIMITS, validateEmr } from '../../../lib/targets/emr/validate';
import { newWorkflow, ordersSource, thisLine } from '../../util';

function emrDiagnostics(workflow: Workflow) {
  return validateEmr(workflow.toGraph());
}

function codes(workflow: Workflow): string[] {
  return emrDiagnostics(workflow).map((d) => d.code);
}

/** A workflow with an orders source and one Spark task of the given props. */
function task(props: Partial<ConstructorParameters<typeof SparkTask>[2]>): { workflow: Workflow; line: number } {
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  const line = thisLine() + 1;
  new SparkTask(workflow, 'Enrich', { script: 's3://jobs-bucket/enrich.py', inputs: [orders.output], ...props });
  return { workflow, line };
}

test('the reference platform has no EMR diagnostics', () => {
  // GIVEN
  const stack = new DataPlatformStack(new App({ analyticsReporting: false }), 'DataPlatform');

  // THEN
  for (const workflow of stack.workflows) expect(validateEmr(Testing.graph(workflow))).toEqual([]);
});

test('TRB020: an executor heap that does not fit its worker is an error at the node\'s construct and line', () => {
  // GIVEN
  const { workflow, line } = task({ resources: { executorCpu: 4, executorMemory: Size.gibibytes(40) } });

  // WHEN
  const [d] = emrDiagnostics(workflow);

  // THEN
  expect(d.code).toBe('TRB020');
  expect(d.severity).toBe(DiagnosticSeverity.ERROR);
  expect(d.path).toBe('Test/Pipeline/Enrich');
  expect(d.location).toMatch(new RegExp(`validate\\.test\\.ts:${line}:`));
  expect(d.message).toContain('more than the 30 GB of a 4-vCPU worker');
});

test('TRB020: a vCPU count that is not a worker size is an error, from resources or sparkConf', () => {
  // THEN
  expect(codes(task({ resources: { driverCpu: 3 } }).workflow)).toEqual(['TRB020']);
  expect(emrDiagnostics(task({ sparkConf: { 'spark.executor.cores': '6' } }).workflow)[0].message)
    .toContain("sparkConf 'spark.executor.cores'");
});

test('TRB020: the same limits accept what fits', () => {
  // THEN
  expect(codes(task({ resources: { executorCpu: 16, executorMemory: Size.gibibytes(108), driverCpu: 1, driverMemory: Size.gibibytes(7) } }).workflow)).toEqual([]);
});

test('TRB021: disks outside the standard or shuffle-optimized range, or of an unknown type, are errors', () => {
  // THEN
  expect(codes(task({ sparkConf: { 'spark.emr-serverless.executor.disk': '500G' } }).workflow)).toEqual(['TRB021']);
  expect(codes(task({ sparkConf: { 'spark.emr-serverless.executor.disk': '500G', 'spark.emr-serverless.executor.disk.type': 'shuffle_optimized' } }).workflow)).toEqual([]);
  expect(codes(task({ sparkConf: { 'spark.emr-serverless.driver.disk': '10G' } }).workflow)).toEqual(['TRB021']);
  expect(codes(task({ sparkConf: { 'spark.emr-serverless.executor.disk.type': 'nvme' } }).workflow)).toEqual(['TRB021']);
});

test('TRB022: malformed worker settings and submit settings with spaces are errors', () => {
  // THEN
  expect(codes(task({ sparkConf: { 'spark.executor.memory': 'lots' } }).workflow)).toEqual(['TRB022']);
  expect(codes(task({ sparkConf: { 'spark.dynamicAllocation.maxExecutors': 'many' } }).workflow)).toEqual(['TRB022']);
  expect(codes(task({ sparkConf: { 'spark.jars': 's3://a/x.jar, s3://a/y.jar' } }).workflow)).toEqual(['TRB022']);
});

test('TRB023: sparkSubmitParameters over 102,400 characters is an error', () => {
  // GIVEN a jar list just over the limit
  const jars = Array.from({ length: 3000 }, (_, i) => `s3://jobs-bucket/jars/dependency-${i}.jar`).join(',');

  // THEN
  expect(codes(task({ sparkConf: { 'spark.jars': jars } }).workflow)).toEqual(['TRB023']);
  expect(codes(task({ sparkConf: { 'spark.jars': jars.slice(0, 90_000).replace(/,[^,]*$/, '') } }).workflow)).toEqual([]);
});

test('TRB024: an entry point argument over 10,280 characters is an error; 10,280 is fine', () => {
  // THEN
  expect(codes(task({ arguments: ['--ds', '{{ds}}', 'x'.repeat(EMR_LIMITS.entryPointArgument + 1)] }).workflow)).toEqual(['TRB024']);
  expect(codes(task({ arguments: ['--ds', '{{ds}}', 'x'.repeat(EMR_LIMITS.entryPointArgument)] }).workflow)).toEqual([]);
});

test('TRB024: a generic script\'s --node argument over the limit is an error that names it', () => {
  // GIVEN an API source with a very large query
  const workflow = newWorkflow();
  new ApiSource(workflow, 'Feed', {
    baseUrl: 'https://api.example.com', path: '/feed', auth: Secret.fromSecretsManager('prod/feed/api'),
    query: Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`filter_${i}`, 'value-of-the-filter'])),
    format: DataFormat.JSON_LINES,
    schema: Schema.of([{ name: 'id', type: ColumnType.STRING }]),
  } as any);

  // WHEN
  const found = emrDiagnostics(workflow);

  // THEN
  expect(found.map((d) => d.code)).toEqual(['TRB024']);
  expect(found[0].message).toContain('the --node argument');
});

test('TRB025: more than 100 spark-defaults properties, or a value over 1,024 characters, is an error', () => {
  // THEN
  const many = Object.fromEntries(Array.from({ length: 95 }, (_, i) => [`spark.acme.setting${i}`, 'on']));
  expect(codes(task({ sparkConf: many }).workflow)).toEqual(['TRB025']);
  expect(codes(task({ sparkConf: { 'spark.acme.long': 'x'.repeat(1025) } }).workflow)).toEqual(['TRB025']);
  expect(codes(task({ sparkConf: { 'spark.acme.long': 'x'.repeat(1024) } }).workflow)).toEqual([]);
});

test('TRB026: workflow tags with characters EMR refuses are errors on every job', () => {
  // GIVEN
  const workflow = newWorkflow({ tags: { 'cost-center': 'data#42' } });
  ordersSource(workflow);

  // THEN
  expect(codes(workflow)).toEqual(['TRB026']);
  expect(codes(newWorkflow({ tags: { 'cost-center': 'data-42 / team:a=b+c@d' } }))).toEqual([]);
});

test('TRB026: tag keys over 128 and values over 256 characters are errors', () => {
  // GIVEN
  const long = newWorkflow({ tags: { ['k'.repeat(129)]: 'v', ok: 'v'.repeat(257) } });
  ordersSource(long);

  // THEN
  expect(codes(long)).toEqual(['TRB026', 'TRB026']);
});

test('TRB027: a timeout shorter than the node\'s estimate is a warning', () => {
  // WHEN
  const found = emrDiagnostics(task({ timeout: Duration.minutes(10), expectedDuration: Duration.hours(1) }).workflow);

  // THEN
  expect(found.map((d) => [d.code, d.severity])).toEqual([['TRB027', DiagnosticSeverity.WARNING]]);
  expect(codes(task({ timeout: Duration.hours(1), expectedDuration: Duration.hours(1) }).workflow)).toEqual([]);
});

test('TRB028: an entry point that is a folder is an error', () => {
  // THEN
  expect(codes(task({ script: 's3://jobs-bucket/enrich/' }).workflow)).toEqual(['TRB028']);
  expect(codes(task({ script: 's3://jobs-bucket/enrich' }).workflow)).toEqual(['TRB028']);
  expect(codes(task({ script: 's3://jobs-bucket/enrich.jar' }).workflow)).toEqual([]);
});

test('TRB029: a timeout beyond 1,000,000 minutes is an error', () => {
  // THEN
  expect(codes(task({ timeout: Duration.days(800) }).workflow)).toEqual(['TRB029']);
});
