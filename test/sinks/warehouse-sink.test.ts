import { Testing, WarehouseSink, WarehouseSinkProps, Workflow, WriteMode } from '../../lib';
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

test('overwritePartition defaults to the ds column', () => {
  // THEN
  expect(WriteMode.overwritePartition().settings).toEqual({ column: 'ds' });
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
