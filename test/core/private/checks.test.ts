import { Duration } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import {
  ApiSink, ApiSource, CheckRule, DataFormat, Dataset, DatabaseEngine, DatabaseSource, Engine, Errors, EventBus, EventSink, IngestMode,
  LogSource, Pagination, QualityCheck, Secret, SparkTask, SqlTask, WarehouseSink, Workflow, WriteMode,
} from '../../../lib';
import { Fail, requireDsTemplate } from '../../../lib/core/private/checks';
import { atLine, errorOf, newStack, newWorkflow, ordersSource, thisLine, workflowProps } from '../../util';

const FILE = 'test/core/private/checks.test.ts';
const LOGS = { location: 's3://acme-logs/clicks/dt={{ds}}/', format: DataFormat.JSON_LINES };

/** Asserts that `error` is the TributaryError `code` at `path`, thrown for the construct created on `line` of this file. */
function expectTributaryError(error: any, code: string, path: string, line: number, problem: string, fix: string): void {
  expect(Errors.isTributaryError(error)).toBe(true);
  expect(error).toMatchObject({ code, constructPath: path, location: atLine(FILE, line), fix });
  expect(error.message).toMatch(new RegExp(
    `^${esc(code)} \\[${esc(path)}\\] \\(${esc(FILE)}:${line}:\\d+\\) ${esc(problem)}\\n  fix: ${esc(fix)}$`));
}

/** A Fail that throws its arguments, for testing the check functions alone. */
const record: Fail = (code, problem, fix) => {
  throw { code, problem, fix };
};

// The check functions

test('requireDsTemplate accepts undefined and locations with {{ds}}, and suggests where to put it', () => {
  // THEN
  expect(() => requireDsTemplate(record, 'location', undefined)).not.toThrow();
  expect(() => requireDsTemplate(record, 'location', 's3://b/p/dt={{ds}}/')).not.toThrow();
  for (const [location, example] of [['s3://b/p/', 's3://b/p/dt={{ds}}/'], ['s3://b/p', 's3://b/p/dt={{ds}}/']]) {
    expect(errorOf(() => requireDsTemplate(record, 'location', location))).toEqual({
      code: 'TRB105',
      problem: `location '${location}' does not contain {{ds}}, so every run would read or write the same place`,
      fix: `put the logical date in it, for example '${example}'`,
    });
  }
});

// TRB100: not inside a workflow

test('TRB100: a node created outside a workflow is refused at once, with its path and source line', () => {
  // GIVEN
  const stack = newStack();

  // WHEN
  const line = thisLine() + 1;
  const error = errorOf(() => new LogSource(stack, 'Clicks', LOGS));

  // THEN
  expectTributaryError(error, 'TRB100', 'Test/Clicks', line, "LogSource 'Clicks' is not inside a Workflow",
    'create the node with a Workflow (or a construct inside one) as its scope');
});

test('TRB100: a node in a grouping construct is accepted only when a workflow is above it', () => {
  // GIVEN
  const stack = newStack();
  const workflow = newWorkflow({}, 'Pipeline', stack);

  // THEN
  expect(() => new LogSource(new Construct(workflow, 'Raw'), 'Clicks', LOGS)).not.toThrow();
  expect(errorOf(() => new LogSource(new Construct(stack, 'Raw'), 'Clicks', LOGS))).toMatchObject({ code: 'TRB100', constructPath: 'Test/Raw/Clicks' });
});

// TRB101: retries

test.each([-1, 11, 1.5])('TRB101: retries %p on a node is refused', (retries) => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  const line = thisLine() + 1;
  const error = errorOf(() => new LogSource(workflow, 'Clicks', { ...LOGS, retries }));

  // THEN
  expectTributaryError(error, 'TRB101', 'Test/Pipeline/Clicks', line, `retries is ${retries}`, 'set retries to a whole number from 0 to 10');
});

test('TRB101: retries in the workflow defaults are checked like a node\'s', () => {
  // WHEN
  const line = thisLine() + 1;
  const error = errorOf(() => new Workflow(newStack(), 'Pipeline', workflowProps({ defaults: { retries: -1 } })));

  // THEN
  expectTributaryError(error, 'TRB101', 'Test/Pipeline', line, 'defaults.retries is -1', 'set defaults.retries to a whole number from 0 to 10');
});

test('TRB101: retries from 0 to 10 are accepted, on nodes and in defaults', () => {
  // THEN
  const workflow = newWorkflow({ defaults: { retries: 10 } });
  expect(() => new LogSource(workflow, 'A', { ...LOGS, retries: 0 })).not.toThrow();
  expect(() => new LogSource(workflow, 'B', { ...LOGS, retries: 10 })).not.toThrow();
  expect(() => newWorkflow({ defaults: { retries: 0 } })).not.toThrow();
});

// TRB102: not a dataset

test('TRB102: passing a node instead of its output is refused', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);

  // WHEN
  const line = thisLine() + 1;
  const error = errorOf(() => new SparkTask(workflow, 'Enrich', { script: 's3://jobs-bucket/enrich.py', inputs: [orders as unknown as Dataset] }));

  // THEN
  expectTributaryError(error, 'TRB102', 'Test/Pipeline/Enrich', line, 'inputs[0] must be a Dataset such as orders.output, but is a DatabaseSource',
    "pass another node's `output` (for example `orders.output`)");
});

test('TRB120: a missing input, as a caller in another language could pass, is refused as a missing required prop', () => {
  // GIVEN
  const workflow = newWorkflow();

  // THEN
  const error = errorOf(() => new WarehouseSink(workflow, 'Load', { input: undefined as unknown as Dataset, table: 'analytics.orders', writeMode: WriteMode.replaceTable() }));
  expect(error).toMatchObject({ code: 'TRB120', constructPath: 'Test/Pipeline/Load' });
});

// TRB103: workflow inside a workflow

test('TRB103: a workflow inside another workflow is refused, naming the outer one', () => {
  // GIVEN
  const outer = newWorkflow();

  // WHEN
  const line = thisLine() + 1;
  const error = errorOf(() => new Workflow(new Construct(outer, 'Group'), 'Inner', workflowProps()));

  // THEN
  expectTributaryError(error, 'TRB103', 'Test/Pipeline/Group/Inner', line, "Workflow 'Inner' is inside workflow 'Test/Pipeline'",
    'create each Workflow in a Stack or an App, not inside another workflow');
});

// TRB104: a value out of range or malformed

/** [case, build, path, problem, fix] */
const INVALID: Array<[string, (w: Workflow) => unknown, string, string, string]> = [
  ['an http:// API base URL',
    (w) => new ApiSource(w, 'Rates', { baseUrl: 'http://api.example.com', path: '/rates' }),
    'Test/Pipeline/Rates', "baseUrl 'http://api.example.com' is not an https:// URL", "give the API's https:// base URL"],
  ['a zero request rate',
    (w) => new ApiSource(w, 'Rates', { baseUrl: 'https://api.example.com', path: '/rates', maxRequestsPerSecond: 0 }),
    'Test/Pipeline/Rates', 'maxRequestsPerSecond is 0', 'set maxRequestsPerSecond to a number greater than 0'],
  ['a zero page size',
    (w) => new ApiSource(w, 'Rates', { baseUrl: 'https://api.example.com', path: '/rates', pagination: Pagination.page({ pageParam: 'page', pageSize: 0 }) }),
    'Pagination.page', 'options.pageSize is 0', 'set options.pageSize to a whole number from 1 to 100000'],
  ['a partitioned read with no partitions',
    (w) => new DatabaseSource(w, 'Orders', {
      engine: DatabaseEngine.POSTGRES, connection: Secret.fromSecretsManager('prod/orders/reader'), table: 'public.orders',
      ingest: IngestMode.fullTable(), partitionedRead: { column: 'order_id', numPartitions: 0 },
    }),
    'Test/Pipeline/Orders', 'partitionedRead.numPartitions is 0', 'set partitionedRead.numPartitions to a whole number from 1 to 1000'],
  ['a poll interval longer than the arrival timeout',
    (w) => new LogSource(w, 'Clicks', { ...LOGS, pollInterval: Duration.hours(2), arrivalTimeout: Duration.hours(1) }),
    'Test/Pipeline/Clicks', 'pollInterval (2 hours) is longer than arrivalTimeout (1 hour)', 'poll more often than the time you are willing to wait'],
  ['a quality check on a single worker',
    (w) => new QualityCheck(w, 'Check', { input: ordersSource(w).output, rules: [CheckRule.rowCountAtLeast(1)], engine: Engine.SINGLE_WORKER }),
    'Test/Pipeline/Check', 'engine is single_worker', 'run checks on Engine.SPARK or Engine.WAREHOUSE'],
  ['a Spark script that is not an s3:// URI',
    (w) => new SparkTask(w, 'Enrich', { script: 'enrich.py', inputs: [ordersSource(w).output] }),
    'Test/Pipeline/Enrich', "script 'enrich.py' is not an s3:// URI of a file",
    "upload the job and give its URI, for example 's3://acme-jobs/sessionize.py'"],
  ['too many executor vCPUs',
    (w) => new SparkTask(w, 'Enrich', { script: 's3://jobs-bucket/enrich.py', inputs: [ordersSource(w).output], resources: { executorCpu: 32 } }),
    'Test/Pipeline/Enrich', 'resources.executorCpu is 32', 'set resources.executorCpu to a whole number from 1 to 16'],
  ['a SQL task table that is not a name',
    (w) => new SqlTask(w, 'Daily', { sql: 'select 1', inputs: [ordersSource(w).output], table: 'daily revenue' }),
    'Test/Pipeline/Daily', "table 'daily revenue' is not a table name", "write it as schema.table, for example 'marts.daily_revenue'"],
  ['a warehouse sink table that is not a name',
    (w) => new WarehouseSink(w, 'Load', { input: ordersSource(w).output, table: 'analytics.orders-v2', writeMode: WriteMode.replaceTable() }),
    'Test/Pipeline/Load', "table 'analytics.orders-v2' is not a table name", "write it as schema.table, for example 'analytics.orders'"],
  ['an http:// push URL',
    (w) => new ApiSink(w, 'Push', { input: ordersSource(w).output, url: 'http://crm.example.com/api', idempotencyKey: 'order_id' }),
    'Test/Pipeline/Push', "url 'http://crm.example.com/api' is not an https:// URL", "give the endpoint's https:// URL"],
  ['a batch size over 10000',
    (w) => new ApiSink(w, 'Push', { input: ordersSource(w).output, url: 'https://crm.example.com/api', idempotencyKey: 'order_id', batchSize: 20000 }),
    'Test/Pipeline/Push', 'batchSize is 20000', 'set batchSize to a whole number from 1 to 10000'],
  ['an event about more than 10 datasets',
    (w) => new EventSink(w, 'Announce', {
      inputs: Array.from({ length: 11 }, (_, i) => ordersSource(w, `Orders${i}`).output),
      bus: EventBus.eventBridge('default'), source: 'com.acme.orders', detailType: 'OrdersLoaded',
    }),
    'Test/Pipeline/Announce', 'inputs is 11 datasets; an event names at most 10', 'split the datasets over several EventSinks of at most 10 inputs each'],
];

test.each(INVALID)('TRB104: %s is refused at once', (_, build, path, problem, fix) => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  const error = errorOf(() => build(workflow));

  // THEN
  expect(Errors.isTributaryError(error)).toBe(true);
  expect(error).toMatchObject({ code: 'TRB104', constructPath: path, fix });
  expect(error.message).toMatch(new RegExp(`^TRB104 \\[${esc(path)}\\] \\(${esc(FILE)}:\\d+:\\d+\\) ${esc(problem)}\\n  fix: ${esc(fix)}$`));
});

test('TRB104: the error has the path and source line of the node', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);

  // WHEN
  const line = thisLine() + 1;
  const error = errorOf(() => new SparkTask(workflow, 'Enrich', { script: 'enrich.py', inputs: [orders.output] }));

  // THEN
  expectTributaryError(error, 'TRB104', 'Test/Pipeline/Enrich', line, "script 'enrich.py' is not an s3:// URI of a file",
    "upload the job and give its URI, for example 's3://acme-jobs/sessionize.py'");
});

// TRB105: daily location without {{ds}}

test('TRB105: a log location without {{ds}} is refused, with the location completed as the fix', () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  const line = thisLine() + 1;
  const error = errorOf(() => new LogSource(workflow, 'Clicks', { location: 's3://acme-logs/clickstream/', format: DataFormat.JSON_LINES }));

  // THEN
  expectTributaryError(error, 'TRB105', 'Test/Pipeline/Clicks', line,
    "location 's3://acme-logs/clickstream/' does not contain {{ds}}, so every run would read or write the same place",
    "put the logical date in it, for example 's3://acme-logs/clickstream/dt={{ds}}/'");
});

// TRB106: empty list or text

/** [case, build, path, problem, fix] */
const EMPTY: Array<[string, (w: Workflow) => unknown, string, string, string]> = [
  ['a Spark task without inputs',
    (w) => new SparkTask(w, 'Enrich', { script: 's3://jobs-bucket/enrich.py', inputs: [] }),
    'Test/Pipeline/Enrich', 'inputs is empty', 'give at least one, for example `inputs: [orders.output]`'],
  ['a SQL task without inputs or reads',
    (w) => new SqlTask(w, 'Daily', { sql: 'select 1', inputs: [], table: 'marts.daily' }),
    'Test/Pipeline/Daily', 'inputs and reads are both empty',
    "give the datasets the SQL reads as inputs (`inputs: [orders.output]`), or the existing tables it reads as reads (`reads: ['dims.currency']`)"],
  ['a SQL task without SQL',
    (w) => new SqlTask(w, 'Daily', { sql: '  \n', inputs: [ordersSource(w).output], table: 'marts.daily' }),
    'Test/Pipeline/Daily', 'sql is empty', "give the SQL that writes the day's rows of `table`"],
  ['a quality check without rules',
    (w) => new QualityCheck(w, 'Check', { input: ordersSource(w).output, rules: [] }),
    'Test/Pipeline/Check', 'rules is empty', "give at least one, for example `rules: [CheckRule.notNull(['order_id'])]`"],
  ['an event sink without inputs',
    (w) => new EventSink(w, 'Announce', { inputs: [], bus: EventBus.eventBridge('default'), source: 'com.acme.orders', detailType: 'OrdersLoaded' }),
    'Test/Pipeline/Announce', 'inputs is empty', 'give at least one, for example `inputs: [ordersLoaded.output]`'],
  ['a merge without keys',
    (w) => new WarehouseSink(w, 'Load', { input: ordersSource(w).output, table: 'analytics.orders', writeMode: WriteMode.merge([]) }),
    'WriteMode.merge', 'keys is empty', "give at least one, for example WriteMode.merge(['order_id'])"],
];

test.each(EMPTY)('TRB106: %s is refused at once', (_, build, path, problem, fix) => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  const error = errorOf(() => build(workflow));

  // THEN
  expect(Errors.isTributaryError(error)).toBe(true);
  expect(error).toMatchObject({ code: 'TRB106', constructPath: path, fix });
  expect(error.message).toMatch(new RegExp(`^TRB106 \\[${esc(path)}\\] \\(${esc(FILE)}:\\d+:\\d+\\) ${esc(problem)}\\n  fix: ${esc(fix)}$`));
});

test('TRB106: the error has the path and source line of the node', () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  const line = thisLine() + 1;
  const error = errorOf(() => new QualityCheck(workflow, 'Check', { input: ordersSource(workflow).output, rules: [] }));

  // THEN
  expectTributaryError(error, 'TRB106', 'Test/Pipeline/Check', line, 'rules is empty', "give at least one, for example `rules: [CheckRule.notNull(['order_id'])]`");
});

// TRB107: event names

test('TRB107: an event source in the aws. namespace is refused', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);

  // WHEN
  const line = thisLine() + 1;
  const error = errorOf(() => new EventSink(workflow, 'Announce', { inputs: [orders.output], bus: EventBus.eventBridge('default'), source: 'aws.orders', detailType: 'OrdersLoaded' }));

  // THEN
  expectTributaryError(error, 'TRB107', 'Test/Pipeline/Announce', line, "event source 'aws.orders' is not allowed",
    "use a reverse-DNS name of your own, not starting with 'aws.', for example 'com.acme.orders'");
});

test.each(['com acme orders', '', '.com.acme', 'x'.repeat(257)])('TRB107: event source %p is refused', (source) => {
  // GIVEN
  const workflow = newWorkflow();

  // THEN
  const error = errorOf(() => new EventSink(workflow, 'Announce', { inputs: [ordersSource(workflow).output], bus: EventBus.eventBridge('b'), source, detailType: 'Ready' }));
  expect(error).toMatchObject({ code: 'TRB107', constructPath: 'Test/Pipeline/Announce' });
});

test.each([['empty', ''], ['129 characters long', 'x'.repeat(129)]])('TRB107: a detail type that is %s is refused', (_, detailType) => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  const error = errorOf(() => new EventSink(workflow, 'Announce', { inputs: [ordersSource(workflow).output], bus: EventBus.eventBridge('b'), source: 'com.acme.orders', detailType }));

  // THEN
  expect(error).toMatchObject({ code: 'TRB107', fix: "name the event, for example 'OrdersLoaded'" });
  // A long value is shortened in the message, with its length.
  const shown = detailType.length > 120 ? `${detailType.slice(0, 47)}…(131 characters)…${detailType.slice(-23)}` : detailType;
  expect(error.message).toContain(`detail type '${shown}' must be 1 to 128 characters`);
});

test('TRB107: a reverse-DNS source and a detail type of 1 to 128 characters are accepted', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);

  // THEN
  expect(() => new EventSink(workflow, 'A', { inputs: [orders.output], bus: EventBus.eventBridge('b'), source: 'com.acme.orders', detailType: 'x' })).not.toThrow();
  expect(() => new EventSink(workflow, 'B', { inputs: [orders.output], bus: EventBus.eventBridge('b'), source: 'acme/orders-v2', detailType: 'x'.repeat(128) })).not.toThrow();
});

function esc(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
