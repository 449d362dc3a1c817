import { CheckRule, DiagnosticSeverity, Engine, QualityCheck, SqlTask } from '../../../lib';
import { warehouseChecksReadTables } from '../../../lib/validation/rules/checks';
import { atLine, newWorkflow, ordersSource, thisLine } from '../../util';

const FILE = 'test/validation/rules/checks.test.ts';

// TRB041: a warehouse check audits a warehouse table

test('a warehouse check of files in object storage is refused at the check, with the location it cannot query', () => {
  // GIVEN a check forced into the warehouse over a lake dataset
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  const line = thisLine() + 1;
  new QualityCheck(workflow, 'OrdersChecked', { input: orders.output, engine: Engine.WAREHOUSE, rules: [CheckRule.notNull(['order_id'])] });

  // WHEN
  const diagnostics = warehouseChecksReadTables(workflow.toGraph());

  // THEN
  expect(diagnostics).toEqual([{
    code: 'TRB041',
    severity: DiagnosticSeverity.ERROR,
    path: 'Test/Pipeline/OrdersChecked',
    location: atLine(FILE, line),
    message: `warehouse check 'orders_checked' audits 'orders', which is not a warehouse table (${orders.output.location}), so the warehouse cannot query it`,
    fix: 'check files with engine: Engine.SPARK (the default for them), or check the table a SqlTask or WarehouseSink wrote',
  }]);
});

test('a warehouse check of a warehouse table, and a Spark check of files, are accepted', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  const totals = new SqlTask(workflow, 'Totals', { inputs: [orders.output], table: 'marts.totals', sql: "SELECT '{{ds}}'" });
  new QualityCheck(workflow, 'TotalsChecked', { input: totals.output, rules: [CheckRule.rowCountAtLeast(1)] });
  new QualityCheck(workflow, 'OrdersChecked', { input: orders.output, rules: [CheckRule.notNull(['order_id'])] });

  // THEN
  expect(warehouseChecksReadTables(workflow.toGraph())).toEqual([]);
});
