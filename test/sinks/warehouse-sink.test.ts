import { ColumnType, Schema, SparkTask, Testing, WarehouseSink, WarehouseSinkProps, Workflow, WriteMode } from '../../lib';
import { atLine, errorOf, newWorkflow, ordersSource, thisLine, validWorkflow } from '../util';

const FILE = 'test/sinks/warehouse-sink.test.ts';

/** A workflow with an orders source and a WarehouseSink named Load reading it, with `props` over minimal ones. */
function load(props: Partial<WarehouseSinkProps> = {}, workflow: Workflow = newWorkflow()): WarehouseSink {
  const orders = ordersSource(workflow);
  return new WarehouseSink(workflow, 'Load', { input: orders.output, table: 'analytics.orders', writeMode: WriteMode.merge(['order_id']), ...props });
}

test('each write mode names itself, says whether it is idempotent and carries its settings', () => {
  // THEN
  expect([WriteMode.merge(['order_id', 'line']), WriteMode.overwritePartition('day'), WriteMode.replaceTable(), WriteMode.append()]
    .map((m) => [m.mode, m.idempotent, m.settings])).toEqual([
    ['merge', true, { keys: ['order_id', 'line'] }],
    ['overwrite_partition', true, { column: 'day' }],
    ['replace_table', true, {}],
    ['append', false, {}],
  ]);
});

test("overwritePartition() without a column replaces the day of the sink's dateColumn, else of ds", () => {
  // GIVEN a loaded dataset with both columns
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  const day = new SparkTask(workflow, 'Day', {
    script: 's3://jobs/day.py', inputs: [orders.output],
    output: { schema: Schema.of([{ name: 'ds', type: ColumnType.DATE }, { name: 'order_date', type: ColumnType.DATE }]) },
  });
  const dated = new WarehouseSink(workflow, 'Dated', { input: day.output, table: 'analytics.a', writeMode: WriteMode.overwritePartition(), dateColumn: 'order_date' });
  new WarehouseSink(workflow, 'Plain', { input: day.output, table: 'analytics.b', writeMode: WriteMode.overwritePartition() });

  // WHEN
  const graph = Testing.graph(workflow);

  // THEN the mode names no column until the sink resolves it
  expect(WriteMode.overwritePartition().settings).toEqual({});
  expect(graph.node('dated').properties.writeMode).toEqual({ mode: 'overwrite_partition', idempotent: true, column: 'order_date' });
  expect(graph.node('plain').properties.writeMode).toEqual({ mode: 'overwrite_partition', idempotent: true, column: 'ds' });
  // AND the loaded table carries its date column, for the checks of it
  expect([dated.dateColumn, dated.output.dateColumn, graph.node('dated').output?.dateColumn, graph.node('plain').output?.dateColumn])
    .toEqual(['order_date', 'order_date', 'order_date', undefined]);
  expect(Testing.diagnostics(workflow).filter((d) => d.severity === 'error')).toEqual([]);
});

test('a dateColumn that is not in the loaded schema is refused at synth (TRB006), and one that is not a column name at once', () => {
  // GIVEN
  const sink = load({ dateColumn: 'ds' });

  // WHEN
  const found = Testing.diagnostics(sink.workflow).filter((d) => d.code === 'TRB006');

  // THEN
  expect(found.map((d) => [d.path, d.message])).toEqual([['Test/Pipeline/Load', "column 'ds' (date column) is not in input 'orders'"]]);
  expect(errorOf(() => load({ dateColumn: 'ds; drop table x' })).code).toMatch(/^TRB1/);
});

test('the graph shows a warehouse sink with its table and write mode', () => {
  // WHEN
  const sink = load();

  // THEN
  expect(Testing.graph(sink.workflow).node('load')).toMatchObject({
    kind: 'sink',
    type: 'WarehouseSink',
    engine: 'warehouse',
    inputs: ['orders'],
    upstream: ['orders'],
    output: { id: 'load', location: 'warehouse://analytics.orders', format: 'warehouse_table' },
    properties: { table: 'analytics.orders', writeMode: { mode: 'merge', idempotent: true, keys: ['order_id'] } },
  });
});

test('merge keys and the partition column are required of the input', () => {
  // THEN
  expect(Testing.graph(load({ writeMode: WriteMode.merge(['order_id', 'line']) }).workflow).node('load').requiredColumns).toEqual([
    { name: 'order_id', role: 'merge key' },
    { name: 'line', role: 'merge key' },
  ]);
  expect(Testing.graph(load({ writeMode: WriteMode.overwritePartition() }).workflow).node('load').requiredColumns).toEqual([
    { name: 'ds', role: 'partition column' },
  ]);
  expect(Testing.graph(load({ writeMode: WriteMode.replaceTable() }).workflow).node('load').requiredColumns).toEqual([]);
});

test('a merge key missing from the input schema is reported at synth', () => {
  // WHEN
  const sink = load({ writeMode: WriteMode.merge(['order_key']) });

  // THEN
  const diagnostics = Testing.diagnostics(sink.workflow).filter((d) => d.severity === 'error');
  expect(diagnostics.map((d) => [d.code, d.path])).toEqual([['TRB006', 'Test/Pipeline/Load']]);
});

test('an append is refused at synth with TRB013', () => {
  // WHEN
  const sink = load({ writeMode: WriteMode.append() });

  // THEN
  const diagnostics = Testing.diagnostics(sink.workflow);
  expect(diagnostics.map((d) => [d.code, d.severity, d.path])).toEqual([['TRB013', 'error', 'Test/Pipeline/Load']]);
});

test('the idempotent write modes pass validation', () => {
  // THEN
  for (const writeMode of [WriteMode.merge(['order_id']), WriteMode.replaceTable()]) {
    expect(Testing.diagnostics(load({ writeMode }).workflow)).toEqual([]);
  }
});

test('a workflow with a warehouse sink but no warehouse is reported at synth with TRB015', () => {
  // GIVEN
  const workflow = newWorkflow({ warehouse: undefined });

  // WHEN
  load({}, workflow);

  // THEN
  expect(Testing.diagnostics(workflow).map((d) => [d.code, d.path])).toEqual([['TRB015', 'Test/Pipeline/Load']]);
});

test('empty merge keys are refused with TRB106', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);

  // WHEN
  const line = thisLine() + 1;
  const error = errorOf(() => new WarehouseSink(workflow, 'Load', { input: orders.output, table: 'analytics.orders', writeMode: WriteMode.merge([]) }));

  // THEN
  expect(error.code).toBe('TRB106');
  expect(error.location).toEqual(atLine(FILE, line));
  expect(error.message).toContain('keys is empty');
});

test.each(['analytics.orders-v2', 'a.b.c.d', '9analytics.orders', 'analytics orders', ''])('table %p is refused with TRB104', (table) => {
  // WHEN
  const error = errorOf(() => load({ table }));

  // THEN
  expect(error.code).toBe('TRB104');
  expect(error.message).toContain(`table '${table}' is not a table name`);
});

test.each(['orders', 'analytics.orders', 'dev.analytics.orders'])('table %p is accepted', (table) => {
  // THEN
  expect(load({ table }).table).toBe(table);
});

test('the sink records the test file line where it was created', () => {
  // GIVEN
  const { workflow, enrich } = validWorkflow();

  // WHEN
  const line = thisLine() + 1;
  const sink = new WarehouseSink(workflow, 'Archive', { input: enrich.output, table: 'archive.orders', writeMode: WriteMode.overwritePartition() });

  // THEN
  expect(sink._sourceLocation).toEqual(atLine(FILE, line));
});
