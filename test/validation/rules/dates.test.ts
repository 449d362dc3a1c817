import { CheckRule, ColumnType, DiagnosticSeverity, QualityCheck, Schema, SparkTask, SqlTask, WarehouseSink, WriteMode } from '../../../lib';
import { dateColumnsHoldDates, partitionIsDateColumn } from '../../../lib/validation/rules/dates';
import { atLine, newWorkflow, ordersSource, thisLine } from '../../util';

const FILE = 'test/validation/rules/dates.test.ts';
const DAY_SCHEMA = Schema.of([
  { name: 'ds', type: ColumnType.DATE }, { name: 'day_text', type: ColumnType.STRING },
  { name: 'loaded_at', type: ColumnType.TIMESTAMP }, { name: 'amount', type: ColumnType.DOUBLE },
]);

// TRB065: a date column holds dates

test('a date column of type timestamp is refused at the node that declares it; date and string columns are accepted', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  const line = thisLine() + 1;
  const stamped = new SqlTask(workflow, 'Stamped', { sql: "SELECT '{{ds}}'", inputs: [orders.output], table: 'marts.stamped', dateColumn: 'loaded_at', output: { schema: DAY_SCHEMA } });
  new SqlTask(workflow, 'Dated', { sql: "SELECT '{{ds}}'", inputs: [orders.output], table: 'marts.dated', dateColumn: 'ds', output: { schema: DAY_SCHEMA } });
  new SqlTask(workflow, 'Texted', { sql: "SELECT '{{ds}}'", inputs: [orders.output], table: 'marts.texted', dateColumn: 'day_text', output: { schema: DAY_SCHEMA } });
  new QualityCheck(workflow, 'StampedChecked', { input: stamped.output, rules: [CheckRule.rowCountAtLeast(1)] });

  // WHEN
  const diagnostics = dateColumnsHoldDates(workflow.toGraph());

  // THEN one diagnostic, at the task (not again at the check that inherits the table)
  expect(diagnostics).toEqual([{
    code: 'TRB065',
    severity: DiagnosticSeverity.ERROR,
    path: 'Test/Pipeline/Stamped',
    location: atLine(FILE, line),
    message: "date column 'loaded_at' of table 'marts.stamped' is timestamp, so selecting the day with loaded_at = '{{ds}}' would miss the day's rows",
    fix: "name a column of type date (or a string 'YYYY-MM-DD') as dateColumn, for example a ds column the job writes as the logical date",
  }]);
});

// TRB066: a partition overwrite replaces the day of the table's date column

test("a partition overwrite by another column than the sink's dateColumn is refused; by the same one, or by default, accepted", () => {
  // GIVEN
  const workflow = newWorkflow();
  const day = new SparkTask(workflow, 'Day', { script: 's3://jobs/day.py', inputs: [ordersSource(workflow).output], output: { schema: DAY_SCHEMA } });
  const line = thisLine() + 1;
  new WarehouseSink(workflow, 'Other', { input: day.output, table: 'analytics.a', writeMode: WriteMode.overwritePartition('day_text'), dateColumn: 'ds' });
  new WarehouseSink(workflow, 'Same', { input: day.output, table: 'analytics.b', writeMode: WriteMode.overwritePartition('ds'), dateColumn: 'ds' });
  new WarehouseSink(workflow, 'Default', { input: day.output, table: 'analytics.c', writeMode: WriteMode.overwritePartition(), dateColumn: 'ds' });
  new WarehouseSink(workflow, 'Merged', { input: day.output, table: 'analytics.d', writeMode: WriteMode.merge(['ds', 'amount']), dateColumn: 'ds' });

  // WHEN
  const diagnostics = partitionIsDateColumn(workflow.toGraph());

  // THEN
  expect(diagnostics).toEqual([{
    code: 'TRB066',
    severity: DiagnosticSeverity.ERROR,
    path: 'Test/Pipeline/Other',
    location: atLine(FILE, line),
    message: "'other' overwrites the day's rows by column 'day_text', but declares 'ds' as the table's date column, which its checks read the day by",
    fix: "leave the column out of WriteMode.overwritePartition() (it then uses dateColumn 'ds'), or make the two the same",
  }]);
});
