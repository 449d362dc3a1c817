import { Size } from 'aws-cdk-lib/core';
import { ColumnType, Schema, SqlTask, SqlTaskProps, Testing, Workflow } from '../../lib';
import { atLine, errorOf, newWorkflow, ordersSource, thisLine } from '../util';

const FILE = 'test/tasks/sql-task.test.ts';
const SQL = "insert into marts.daily_revenue select '{{ds}}', sum(amount) from staging.orders where ds = '{{ds}}'";

/** A workflow with an orders source and a SqlTask named Revenue reading it, with `props` over minimal ones. */
function revenue(props: Partial<SqlTaskProps> = {}, workflow: Workflow = newWorkflow()): SqlTask {
  const orders = ordersSource(workflow);
  return new SqlTask(workflow, 'Revenue', { sql: SQL, inputs: [orders.output], table: 'marts.daily_revenue', ...props });
}

test('the graph shows a warehouse task with its SQL and table', () => {
  // WHEN
  const task = revenue();

  // THEN
  expect(Testing.graph(task.workflow).node('revenue')).toMatchObject({
    kind: 'task',
    type: 'SqlTask',
    engine: 'warehouse',
    inputs: ['orders'],
    properties: { sql: SQL, table: 'marts.daily_revenue' },
    requiredColumns: [],
  });
});

test('the output is the warehouse table, schema and size unknown unless declared', () => {
  // WHEN
  const task = revenue();

  // THEN
  expect(Testing.graph(task.workflow).node('revenue').output).toEqual({
    id: 'revenue',
    location: 'warehouse://marts.daily_revenue',
    format: 'warehouse_table',
    estimatedSizeBytes: undefined,
    columns: undefined,
  });
});

test('a declared schema and size describe the table', () => {
  // WHEN
  const task = revenue({ schema: Schema.of([{ name: 'revenue', type: ColumnType.DOUBLE }]), estimatedSize: Size.kibibytes(4) });

  // THEN
  expect(Testing.graph(task.workflow).node('revenue').output).toMatchObject({
    estimatedSizeBytes: 4096,
    columns: [{ name: 'revenue', type: 'double', nullable: true }],
  });
});

test('required columns are checked against the inputs with their types', () => {
  // WHEN
  const task = revenue({ requiredColumns: [{ name: 'amount', type: ColumnType.decimal(18, 2) }] });

  // THEN
  expect(Testing.graph(task.workflow).node('revenue').requiredColumns).toEqual([
    { name: 'amount', type: 'decimal(18,2)', role: 'required column' },
  ]);
});

test('no inputs is refused with TRB106', () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  const line = thisLine() + 1;
  const error = errorOf(() => new SqlTask(workflow, 'Revenue', { sql: SQL, inputs: [], table: 'marts.daily_revenue' }));

  // THEN
  expect(error.code).toBe('TRB106');
  expect(error.location).toEqual(atLine(FILE, line));
});

test.each(['', '   \n\t'])('empty SQL %p is refused with TRB106', (sql) => {
  // WHEN
  const error = errorOf(() => revenue({ sql }));

  // THEN
  expect(error.code).toBe('TRB106');
  expect(error.message).toContain('sql is empty');
});

test.each(['marts.daily-revenue', 'a.b.c.d', '1marts.revenue', 'marts.', 'marts revenue', ''])('table %p is refused with TRB104', (table) => {
  // WHEN
  const error = errorOf(() => revenue({ table }));

  // THEN
  expect(error.code).toBe('TRB104');
  expect(error.message).toContain(`table '${table}' is not a table name`);
});

test.each(['revenue', 'marts.daily_revenue', 'analytics.marts.daily_revenue'])('table %p is accepted', (table) => {
  // THEN
  expect(revenue({ table }).output.location).toBe(`warehouse://${table}`);
});

test('a dateColumn is carried by the output table and must be in its own schema (TRB006)', () => {
  // GIVEN one task whose schema has the column and one whose schema has not
  const schema = Schema.of([{ name: 'ds', type: ColumnType.DATE }, { name: 'revenue', type: ColumnType.DOUBLE }]);
  const workflow = newWorkflow();
  const good = revenue({ dateColumn: 'ds', output: { schema } }, workflow);
  new SqlTask(workflow, 'Other', { sql: SQL, inputs: [good.output], table: 'marts.other', dateColumn: 'day', output: { schema } });

  // WHEN
  const graph = Testing.graph(workflow);
  const found = Testing.diagnostics(workflow).filter((d) => d.code === 'TRB006');

  // THEN
  expect([good.dateColumn, good.output.dateColumn, graph.node('revenue').output?.dateColumn]).toEqual(['ds', 'ds', 'ds']);
  expect(found.map((d) => [d.path, d.message])).toEqual([['Test/Pipeline/Other', "column 'day' (date column) is not in its own schema; did you mean 'ds'?"]]);
});
