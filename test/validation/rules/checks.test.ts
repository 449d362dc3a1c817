import { CheckRule, DiagnosticSeverity, Engine, QualityCheck, SqlTask, StepFunctionsTarget, Testing } from '../../../lib';
import { warehouseChecksReadTables, warehouseCustomSqlIsOneQuery } from '../../../lib/validation/rules/checks';
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

// TRB042: a warehouse check's custom SQL is one query

test('custom SQL of several statements is refused at the check; one query with a final semicolon, or a semicolon in a string, is accepted', () => {
  // GIVEN a warehouse table with three warehouse checks
  const workflow = newWorkflow();
  const totals = new SqlTask(workflow, 'Totals', { inputs: [ordersSource(workflow).output], table: 'marts.totals', sql: "SELECT '{{ds}}'" });
  const line = thisLine() + 1;
  new QualityCheck(workflow, 'Two', { input: totals.output, rules: [CheckRule.customSql('n', 'DELETE FROM {{table}}; SELECT 1')] });
  new QualityCheck(workflow, 'Final', { input: totals.output, rules: [CheckRule.customSql('n', 'SELECT * FROM {{table}} WHERE x < 0;')] });
  new QualityCheck(workflow, 'Quoted', { input: totals.output, rules: [CheckRule.customSql('n', "SELECT * FROM {{table}} WHERE note = 'a;b'")] });

  // WHEN
  const diagnostics = warehouseCustomSqlIsOneQuery(workflow.toGraph());

  // THEN
  expect(diagnostics).toEqual([{
    code: 'TRB042',
    severity: DiagnosticSeverity.ERROR,
    path: 'Test/Pipeline/Two',
    location: atLine(FILE, line),
    message: "custom rule 'n' of warehouse check 'two' has 2 statements; it must be one query that returns the failing rows",
    fix: "write one SELECT, for example 'SELECT * FROM {{table}} WHERE amount < 0', without other statements",
  }]);
});

test('custom SQL of several statements is refused in a workflow that renders only Step Functions, whose target sends it to ExecuteStatement as well', () => {
  // GIVEN a workflow whose only target is Step Functions
  const workflow = newWorkflow({ targets: [new StepFunctionsTarget()] });
  const totals = new SqlTask(workflow, 'Totals', { inputs: [ordersSource(workflow).output], table: 'marts.totals', sql: "SELECT '{{ds}}'" });
  new QualityCheck(workflow, 'TotalsChecked', { input: totals.output, rules: [CheckRule.customSql('n', 'SELECT 1; SELECT 2')] });

  // WHEN
  const codes = Testing.diagnostics(workflow).map((d) => d.code);

  // THEN
  expect(codes).toContain('TRB042');
  expect(() => Testing.synth(workflow)).toThrow(/TRB042/);
});

test('custom SQL of a check that runs on Spark is not a warehouse statement, and is not checked as one', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  new QualityCheck(workflow, 'OrdersChecked', { input: orders.output, rules: [CheckRule.customSql('n', 'SELECT 1; SELECT 2')] });

  // THEN
  expect(warehouseCustomSqlIsOneQuery(workflow.toGraph())).toEqual([]);
});
