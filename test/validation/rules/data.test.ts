import { App, Stack } from 'aws-cdk-lib/core';
import { CheckRule, DataFormat, LogSource, QualityCheck, SparkTask, SqlTask, Testing, WarehouseSink, WriteMode } from '../../../lib';
import { newWorkflow, ordersSource } from '../../util';

test('TRB060: a task reading an audited dataset directly is warned about; reading the check output is not', () => {
  // GIVEN a check on orders, one task reading orders directly and one reading the check's output
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  const audit = new QualityCheck(workflow, 'Audit', { input: orders.output, rules: [CheckRule.notNull(['order_id'])] });
  new SparkTask(workflow, 'Direct', { script: 's3://jobs-bucket/direct.py', inputs: [orders.output] });
  new SparkTask(workflow, 'Gated', { script: 's3://jobs-bucket/gated.py', inputs: [audit.output] });

  // WHEN
  const found = Testing.diagnostics(workflow).filter((d) => d.code === 'TRB060');

  // THEN
  expect(found.map((d) => [d.path, d.severity])).toEqual([['Test/Pipeline/Direct', 'warning']]);
  expect(found[0].fix).toContain('audit.output');
});

test('TRB061: writing under the default lake location is warned about once per workflow, and not when lakeLocation is set', () => {
  // GIVEN
  const defaulted = newWorkflow({ lakeLocation: undefined });
  ordersSource(defaulted);
  const owned = newWorkflow({ lakeLocation: 's3://acme-lake/orders' });
  ordersSource(owned);

  // THEN
  expect(Testing.diagnostics(defaulted).filter((d) => d.code === 'TRB061').map((d) => d.message))
    .toEqual(["1 node ('orders') writes under the default lake location s3://tributary-lake/, a bucket you do not own"]);
  expect(Testing.diagnostics(owned).filter((d) => d.code === 'TRB061')).toEqual([]);
});

test('TRB062: two workflows of one app writing the same lake location are refused; log sources reading it are not writers', () => {
  // GIVEN two workflows whose Spark tasks write one explicit location, and a log source on it
  const app = new App({ analyticsReporting: false });
  const stack = new Stack(app, 'Test');
  for (const id of ['First', 'Second']) {
    const workflow = newWorkflow({}, id, stack);
    new SparkTask(workflow, 'Enrich', { script: 's3://jobs-bucket/e.py', inputs: [ordersSource(workflow).output], output: { location: 's3://shared/enriched/ds={{ds}}/' } });
    new LogSource(workflow, 'Watch', { location: 's3://shared/enriched/ds={{ds}}/', format: DataFormat.PARQUET });
  }

  // THEN
  expect(Testing.appDiagnostics(app).filter((d) => d.code === 'TRB062').map((d) => d.path)).toEqual(['Test/Second/Enrich']);
});

test('TRB063: a SQL task and a warehouse sink writing one table (names compared without case) are refused', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  new WarehouseSink(workflow, 'Load', { input: orders.output, table: 'analytics.orders', writeMode: WriteMode.merge(['order_id']) });
  new SqlTask(workflow, 'Rebuild', { sql: 'insert into analytics.orders select 1', inputs: [orders.output], table: 'Analytics.Orders' });

  // THEN
  expect(Testing.appDiagnostics(workflow.node.root).filter((d) => d.code === 'TRB063').map((d) => d.path)).toEqual(['Test/Pipeline/Rebuild']);
});

test('a mart reads the table a warehouse sink loads through the sink output, and waits for the load without addDependency', () => {
  // GIVEN
  const workflow = newWorkflow();
  const load = new WarehouseSink(workflow, 'Load', { input: ordersSource(workflow).output, table: 'analytics.orders', writeMode: WriteMode.merge(['order_id']) });
  new SqlTask(workflow, 'Revenue', { sql: 'insert into marts.revenue select 1', inputs: [load.output], table: 'marts.revenue', requiredColumns: [] });

  // THEN
  expect(Testing.graph(workflow).upstreamOf('revenue')).toEqual(['load']);
  expect(Testing.diagnostics(workflow).filter((d) => d.severity === 'error')).toEqual([]);
});

test('a SQL task may read only existing warehouse tables, recorded sorted in its properties', () => {
  // GIVEN
  const workflow = newWorkflow();
  const task = new SqlTask(workflow, 'Currencies', { sql: 'insert into marts.fx select 1', reads: ['dims.currency', 'dims.country'], table: 'marts.fx' });
  new WarehouseSink(workflow, 'Load', { input: task.output, table: 'analytics.fx', writeMode: WriteMode.replaceTable() });

  // THEN
  expect(Testing.graph(workflow).node('currencies').properties.reads).toEqual(['dims.country', 'dims.currency']);
  expect(Testing.diagnostics(workflow).filter((d) => d.severity === 'error')).toEqual([]);
});
