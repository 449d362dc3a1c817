import {
  CheckRule, ColumnType, DataFormat, DatabaseEngine, DatabaseSource, DiagnosticSeverity, IngestMode, LogSource, QualityCheck,
  Schema, Secret, SparkTask, WarehouseSink, WriteMode,
} from '../../../lib';
import { requiredColumns } from '../../../lib/validation/rules/columns';
import { ORDERS_SCHEMA, atLine, newWorkflow, ordersSource, thisLine, validWorkflow } from '../../util';

const FILE = 'test/validation/rules/columns.test.ts';

// TRB006: column not in the input's schema

test('a merge key missing from the input is reported with a "did you mean" for the closest column', () => {
  // GIVEN a typo in the merge key
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  const line = thisLine() + 1;
  new WarehouseSink(workflow, 'Load', { input: orders.output, table: 'analytics.orders', writeMode: WriteMode.merge(['orderid']) });

  // WHEN
  const diagnostics = requiredColumns(workflow.toGraph());

  // THEN
  expect(diagnostics).toEqual([{
    code: 'TRB006',
    severity: DiagnosticSeverity.ERROR,
    path: 'Test/Pipeline/Load',
    location: atLine(FILE, line),
    message: "column 'orderid' (merge key) is not in input 'orders'; did you mean 'order_id'?",
    fix: "use 'order_id', or add 'orderid' to the schema that should have it",
  }]);
});

test('a column with no close match is reported without a suggestion, and the fix names the schema', () => {
  // GIVEN a not_null rule on a column the orders never had
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  const line = thisLine() + 1;
  new QualityCheck(workflow, 'Check', { input: orders.output, rules: [CheckRule.notNull(['email'])] });

  // WHEN
  const diagnostics = requiredColumns(workflow.toGraph());

  // THEN
  expect(diagnostics).toEqual([{
    code: 'TRB006',
    severity: DiagnosticSeverity.ERROR,
    path: 'Test/Pipeline/Check',
    location: atLine(FILE, line),
    message: "column 'email' (not_null rule) is not in input 'orders'",
    fix: "add 'email' to the schema of 'orders', or stop reading it",
  }]);
});

test("a source's cursor column is checked against its own schema", () => {
  // GIVEN an incremental ingest whose cursor column is misspelt
  const workflow = newWorkflow();
  const line = thisLine() + 1;
  new DatabaseSource(workflow, 'Orders', {
    engine: DatabaseEngine.POSTGRES,
    connection: Secret.fromSecretsManager('prod/orders/reader'),
    table: 'public.orders',
    ingest: IngestMode.incremental({ cursorColumn: 'update_at' }),
    schema: ORDERS_SCHEMA,
  });

  // WHEN
  const diagnostics = requiredColumns(workflow.toGraph());

  // THEN
  expect(diagnostics).toEqual([{
    code: 'TRB006',
    severity: DiagnosticSeverity.ERROR,
    path: 'Test/Pipeline/Orders',
    location: atLine(FILE, line),
    message: "column 'update_at' (cursor column) is not in its own schema; did you mean 'updated_at'?",
    fix: "use 'updated_at', or add 'update_at' to the schema that should have it",
  }]);
});

test('a column is found when any one of several inputs has it', () => {
  // GIVEN a Spark job reading orders and clicks, needing a column only clicks have
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  const clicks = new LogSource(workflow, 'Clicks', {
    location: 's3://logs/clicks/dt={{ds}}/', format: DataFormat.JSON_LINES,
    schema: Schema.of([{ name: 'session_id', type: ColumnType.STRING }]),
  });
  new SparkTask(workflow, 'Join', {
    script: 's3://jobs-bucket/join.py', inputs: [orders.output, clicks.output],
    requiredColumns: [{ name: 'session_id', type: ColumnType.STRING }, { name: 'order_id', type: ColumnType.BIGINT }],
  });

  // THEN
  expect(requiredColumns(workflow.toGraph())).toEqual([]);
});

test('a missing column among several inputs names all of them', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  const clicks = new LogSource(workflow, 'Clicks', {
    location: 's3://logs/clicks/dt={{ds}}/', format: DataFormat.JSON_LINES,
    schema: Schema.of([{ name: 'session_id', type: ColumnType.STRING }]),
  });
  new SparkTask(workflow, 'Join', {
    script: 's3://jobs-bucket/join.py', inputs: [orders.output, clicks.output],
    requiredColumns: [{ name: 'country', type: ColumnType.STRING }],
  });

  // WHEN
  const [diagnostic] = requiredColumns(workflow.toGraph());

  // THEN
  expect(diagnostic.message).toBe("column 'country' (required column) is not in any of the inputs 'orders', 'clicks'");
  expect(diagnostic.fix).toBe("add 'country' to the schema of one of 'orders', 'clicks', or stop reading it");
});

test('columns are not checked when an input has no declared schema', () => {
  // GIVEN logs without a schema
  const workflow = newWorkflow();
  const clicks = new LogSource(workflow, 'Clicks', { location: 's3://logs/clicks/dt={{ds}}/', format: DataFormat.JSON_LINES });
  new QualityCheck(workflow, 'Check', { input: clicks.output, rules: [CheckRule.notNull(['anything'])] });

  // THEN
  expect(requiredColumns(workflow.toGraph())).toEqual([]);
});

test('a check passes its input schema on: a sink reading the check output is checked against it', () => {
  // GIVEN orders -> check -> sink with a bad overwrite column
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  const check = new QualityCheck(workflow, 'Check', { input: orders.output, rules: [CheckRule.unique(['order_id'])] });
  new WarehouseSink(workflow, 'Load', { input: check.output, table: 'analytics.orders', writeMode: WriteMode.overwritePartition() });

  // WHEN
  const diagnostics = requiredColumns(workflow.toGraph());

  // THEN the default partition column 'ds' is not in the orders schema
  expect(diagnostics.map((d) => [d.code, d.path, d.message])).toEqual([
    ['TRB006', 'Test/Pipeline/Load', "column 'ds' (partition column) is not in input 'check'"],
  ]);
});

// TRB007: column type

test('a required column of another type than the input has is reported with both types', () => {
  // GIVEN the job expects amount as double; orders have decimal(18,2)
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  const line = thisLine() + 1;
  new SparkTask(workflow, 'Enrich', {
    script: 's3://jobs-bucket/enrich.py', inputs: [orders.output],
    requiredColumns: [{ name: 'amount', type: ColumnType.DOUBLE }],
  });

  // WHEN
  const diagnostics = requiredColumns(workflow.toGraph());

  // THEN
  expect(diagnostics).toEqual([{
    code: 'TRB007',
    severity: DiagnosticSeverity.ERROR,
    path: 'Test/Pipeline/Enrich',
    location: atLine(FILE, line),
    message: "column 'amount' (required column) is expected as double but is decimal(18,2) in 'orders'",
    fix: "declare 'amount' as decimal(18,2) in requiredColumns, or cast it upstream to double",
  }]);
});

test('inputs that disagree on the type of a column the node reads are reported with each type', () => {
  // GIVEN customer_id is bigint in orders and string in the CRM export
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  const crm = new LogSource(workflow, 'Crm', {
    location: 's3://exports/crm/dt={{ds}}/', format: DataFormat.CSV,
    schema: Schema.of([{ name: 'customer_id', type: ColumnType.STRING }]),
  });
  const line = thisLine() + 1;
  new SparkTask(workflow, 'Join', {
    script: 's3://jobs-bucket/join.py', inputs: [orders.output, crm.output],
    requiredColumns: [{ name: 'customer_id', type: ColumnType.BIGINT }],
  });

  // WHEN
  const diagnostics = requiredColumns(workflow.toGraph());

  // THEN
  expect(diagnostics).toEqual([{
    code: 'TRB007',
    severity: DiagnosticSeverity.ERROR,
    path: 'Test/Pipeline/Join',
    location: atLine(FILE, line),
    message: "column 'customer_id' (required column) has conflicting types in the inputs: bigint in 'orders' and string in 'crm'",
    fix: "cast 'customer_id' to one type in the upstream nodes so the inputs agree",
  }]);
});

test('a column read with the type the input has is valid', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  new SparkTask(workflow, 'Enrich', {
    script: 's3://jobs-bucket/enrich.py', inputs: [orders.output],
    requiredColumns: [{ name: 'amount', type: ColumnType.decimal(18, 2) }, { name: 'order_id', type: ColumnType.BIGINT }],
  });

  // THEN
  expect(requiredColumns(workflow.toGraph())).toEqual([]);
  expect(requiredColumns(validWorkflow().workflow.toGraph())).toEqual([]);
});
