import {
  ApiSink, CheckRule, DiagnosticSeverity, EventBus, EventPayload, EventSink, QualityCheck, SparkTask, SqlTask, WarehouseSink, WriteMode,
} from '../../../lib';
import { idempotentSinks, warehouseDeclared } from '../../../lib/validation/rules/sinks';
import { atLine, newWorkflow, ordersSource, thisLine, validWorkflow } from '../../util';

const FILE = 'test/validation/rules/sinks.test.ts';

// TRB013: sinks can be re-run

test('a warehouse sink that appends is refused, because a retry or a backfill duplicates rows', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  const line = thisLine() + 1;
  new WarehouseSink(workflow, 'Load', { input: orders.output, table: 'analytics.orders', writeMode: WriteMode.append() });

  // WHEN
  const diagnostics = idempotentSinks(workflow.toGraph());

  // THEN
  expect(diagnostics).toEqual([{
    code: 'TRB013',
    severity: DiagnosticSeverity.ERROR,
    path: 'Test/Pipeline/Load',
    location: atLine(FILE, line),
    message: "WarehouseSink 'load' appends to 'analytics.orders', so a retry or a backfill duplicates rows",
    fix: "use WriteMode.merge(['<key>']) or WriteMode.overwritePartition()",
  }]);
});

test('an API push without an idempotency key is refused, because a re-run pushes duplicates', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  const line = thisLine() + 1;
  new ApiSink(workflow, 'Push', { input: orders.output, url: 'https://crm.example.com/api/accounts/batch' });

  // WHEN
  const diagnostics = idempotentSinks(workflow.toGraph());

  // THEN
  expect(diagnostics).toEqual([{
    code: 'TRB013',
    severity: DiagnosticSeverity.ERROR,
    path: 'Test/Pipeline/Push',
    location: atLine(FILE, line),
    message: "ApiSink 'push' has no idempotency key, so a retried or re-run push creates duplicates",
    fix: "set idempotencyKey to a column that identifies each record, for example idempotencyKey: 'account_id'",
  }]);
});

test('merge, partition overwrite, table replacement, keyed pushes and events can be re-run', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  const load = (id: string, writeMode: WriteMode) => new WarehouseSink(workflow, id, { input: orders.output, table: 'analytics.orders', writeMode });
  load('Merge', WriteMode.merge(['order_id']));
  load('Overwrite', WriteMode.overwritePartition('ds'));
  load('Replace', WriteMode.replaceTable());
  new ApiSink(workflow, 'Push', { input: orders.output, url: 'https://crm.example.com/api', idempotencyKey: 'order_id' });
  new EventSink(workflow, 'Done', { inputs: [orders.output], bus: EventBus.eventBridge('default'), source: 'com.acme.orders', detailType: 'OrdersLoaded' });
  new EventSink(workflow, 'Each', {
    inputs: [orders.output], bus: EventBus.eventBridge('default'), source: 'com.acme.orders', detailType: 'Order', payload: EventPayload.records('order_id'),
  });

  // THEN
  expect(idempotentSinks(workflow.toGraph())).toEqual([]);
  expect(idempotentSinks(validWorkflow().workflow.toGraph())).toEqual([]);
});

// TRB015: a warehouse is declared

test('a SQL task in a workflow without a warehouse is refused at the task', () => {
  // GIVEN
  const workflow = newWorkflow({ warehouse: undefined });
  const orders = ordersSource(workflow);
  const line = thisLine() + 1;
  new SqlTask(workflow, 'Daily', { sql: 'insert into marts.daily select 1', inputs: [orders.output], table: 'marts.daily' });

  // WHEN
  const diagnostics = warehouseDeclared(workflow.toGraph());

  // THEN
  expect(diagnostics).toEqual([{
    code: 'TRB015',
    severity: DiagnosticSeverity.ERROR,
    path: 'Test/Pipeline/Daily',
    location: atLine(FILE, line),
    message: "SqlTask 'daily' runs in the warehouse, but workflow 'pipeline' declares none",
    fix: "set warehouse: { database: 'analytics', workgroupName: 'etl' } on the Workflow",
  }]);
});

test('every warehouse node is reported: SQL tasks, warehouse checks and warehouse sinks', () => {
  // GIVEN
  const workflow = newWorkflow({ warehouse: undefined });
  const orders = ordersSource(workflow);
  const daily = new SqlTask(workflow, 'Daily', { sql: 'select 1', inputs: [orders.output], table: 'marts.daily' });
  new QualityCheck(workflow, 'Check', { input: daily.output, rules: [CheckRule.rowCountAtLeast(1)] });
  new WarehouseSink(workflow, 'Load', { input: orders.output, table: 'analytics.orders', writeMode: WriteMode.merge(['order_id']) });

  // WHEN
  const diagnostics = warehouseDeclared(workflow.toGraph());

  // THEN
  expect(diagnostics.map((d) => [d.code, d.path])).toEqual([
    ['TRB015', 'Test/Pipeline/Check'],
    ['TRB015', 'Test/Pipeline/Daily'],
    ['TRB015', 'Test/Pipeline/Load'],
  ]);
});

test('a workflow without warehouse nodes needs no warehouse, and one with a warehouse is valid', () => {
  // GIVEN Spark only, no warehouse
  const workflow = newWorkflow({ warehouse: undefined });
  const orders = ordersSource(workflow);
  new SparkTask(workflow, 'Enrich', { script: 's3://jobs-bucket/enrich.py', inputs: [orders.output] });

  // THEN
  expect(warehouseDeclared(workflow.toGraph())).toEqual([]);
  expect(warehouseDeclared(validWorkflow().workflow.toGraph())).toEqual([]);
});
