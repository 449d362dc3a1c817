import { Duration } from 'aws-cdk-lib/core';
import {
  CheckRule, CheckSeverity, Engine, QualityCheck, QualityCheckProps, SqlTask, Testing, WarehouseSink, Workflow, WriteMode,
} from '../../lib';
import { atLine, errorOf, newWorkflow, ordersSource, thisLine } from '../util';

const FILE = 'test/tasks/quality-check.test.ts';

/** A workflow with an orders source and a check named NotNull on it, with `props` over minimal ones. */
function notNull(props: Partial<QualityCheckProps> = {}, workflow: Workflow = newWorkflow()): QualityCheck {
  const orders = ordersSource(workflow);
  return new QualityCheck(workflow, 'NotNull', { input: orders.output, rules: [CheckRule.notNull(['order_id'])], ...props });
}

test('severity values are the strings written to artifacts', () => {
  // THEN
  expect(Object.entries(CheckSeverity)).toEqual([['ERROR', 'error'], ['WARNING', 'warning']]);
});

test('each rule names itself and carries its settings', () => {
  // THEN
  expect([
    CheckRule.notNull(['a', 'b']),
    CheckRule.unique(['a']),
    CheckRule.rowCountAtLeast(1000),
    CheckRule.freshness('updated_at', Duration.hours(26)),
    CheckRule.customSql('no_negative', 'select * from {{table}} where amount < 0'),
  ].map((r) => [r.rule, r.settings])).toEqual([
    ['not_null', { columns: ['a', 'b'] }],
    ['unique', { columns: ['a'] }],
    ['row_count_at_least', { minRows: 1000 }],
    ['freshness', { column: 'updated_at', maxAgeSeconds: 93600 }],
    ['custom_sql', { name: 'no_negative', sql: 'select * from {{table}} where amount < 0' }],
  ]);
});

test('severity defaults to ERROR and the check gates sinks', () => {
  // WHEN
  const check = notNull();

  // THEN
  expect(check.severity).toBe(CheckSeverity.ERROR);
  expect(Testing.graph(check.workflow).node('not_null')).toMatchObject({ properties: { severity: 'error' }, gatesSinks: true });
});

test('a WARNING check does not gate sinks', () => {
  // WHEN
  const check = notNull({ severity: CheckSeverity.WARNING });

  // THEN
  expect(Testing.graph(check.workflow).node('not_null')).toMatchObject({ properties: { severity: 'warning' }, gatesSinks: false });
});

test('a check of lake data runs on Spark by default', () => {
  // WHEN
  const check = notNull();

  // THEN
  expect(check.engine).toBe(Engine.SPARK);
  expect(Testing.graph(check.workflow).node('not_null').engine).toBe('spark');
});

test('a check of a warehouse table runs in the warehouse by default', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  const revenue = new SqlTask(workflow, 'Revenue', { sql: 'select 1', inputs: [orders.output], table: 'marts.revenue' });

  // WHEN
  new QualityCheck(workflow, 'RevenueCheck', { input: revenue.output, rules: [CheckRule.rowCountAtLeast(1)] });

  // THEN
  expect(Testing.graph(workflow).node('revenue_check').engine).toBe('warehouse');
});

test('an engine given in the props replaces the default', () => {
  // WHEN
  const check = notNull({ engine: Engine.WAREHOUSE });

  // THEN
  expect(Testing.graph(check.workflow).node('not_null').engine).toBe('warehouse');
});

test.each([Engine.SINGLE_WORKER, Engine.SENSOR, Engine.DATABASE_EXPORT])('engine %p is refused with TRB104', (engine) => {
  // WHEN
  const error = errorOf(() => notNull({ engine }));

  // THEN
  expect(error.code).toBe('TRB104');
  expect(error.fix).toBe('run checks on Engine.SPARK or Engine.WAREHOUSE');
});

test('no rules is refused with TRB106', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);

  // WHEN
  const line = thisLine() + 1;
  const error = errorOf(() => new QualityCheck(workflow, 'Empty', { input: orders.output, rules: [] }));

  // THEN
  expect(error.code).toBe('TRB106');
  expect(error.location).toEqual(atLine(FILE, line));
  expect(error.message).toContain('rules is empty');
});

test('the graph shows the rules, the audited dataset and the columns the rules read', () => {
  // WHEN
  const check = notNull({
    rules: [
      CheckRule.notNull(['order_id', 'customer_id']),
      CheckRule.unique(['order_id']),
      CheckRule.rowCountAtLeast(1),
      CheckRule.freshness('updated_at', Duration.hours(24)),
    ],
  });

  // THEN
  const node = Testing.graph(check.workflow).node('not_null');
  expect(node).toMatchObject({ kind: 'task', type: 'QualityCheck', inputs: ['orders'], audits: 'orders' });
  expect(node.properties.rules).toEqual([
    { rule: 'not_null', columns: ['order_id', 'customer_id'] },
    { rule: 'unique', columns: ['order_id'] },
    { rule: 'row_count_at_least', minRows: 1 },
    { rule: 'freshness', column: 'updated_at', maxAgeSeconds: 86400 },
  ]);
  expect(node.requiredColumns).toEqual([
    { name: 'order_id', role: 'not_null rule' },
    { name: 'customer_id', role: 'not_null rule' },
    { name: 'order_id', role: 'unique rule' },
    { name: 'updated_at', role: 'freshness rule' },
  ]);
});

test('the output is the audited dataset: same location, format, size and columns', () => {
  // WHEN
  const check = notNull();

  // THEN
  const graph = Testing.graph(check.workflow);
  const { id, ...output } = graph.node('not_null').output!;
  const { id: auditedId, ...audited } = graph.node('orders').output!;
  expect([id, auditedId]).toEqual(['not_null', 'orders']);
  expect(output).toEqual(audited);
});

test('the rules are copied from the props', () => {
  // GIVEN
  const rules = [CheckRule.rowCountAtLeast(1)];
  const check = notNull({ rules });

  // WHEN
  rules.push(CheckRule.unique(['order_id']));

  // THEN
  expect(check.rules).toHaveLength(1);
});

test('a sink of the audited dataset waits for an ERROR check but not for a WARNING check', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  new QualityCheck(workflow, 'Blocking', { input: orders.output, rules: [CheckRule.rowCountAtLeast(1)] });
  new QualityCheck(workflow, 'Advisory', { input: orders.output, rules: [CheckRule.rowCountAtLeast(1000)], severity: CheckSeverity.WARNING });

  // WHEN
  new WarehouseSink(workflow, 'Load', { input: orders.output, table: 'analytics.orders', writeMode: WriteMode.merge(['order_id']) });

  // THEN
  expect(Testing.graph(workflow).edges.filter((e) => e.to === 'load')).toEqual([
    { from: 'blocking', to: 'load', kind: 'audit' },
    { from: 'orders', to: 'load', kind: 'data' },
  ]);
});

test('the check records the test file line where it was created', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);

  // WHEN
  const line = thisLine() + 1;
  const check = new QualityCheck(workflow, 'Rows', { input: orders.output, rules: [CheckRule.rowCountAtLeast(1)] });

  // THEN
  expect(check._sourceLocation).toEqual(atLine(FILE, line));
});
