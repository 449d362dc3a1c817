import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Size, Stack } from 'aws-cdk-lib/core';
import {
  ApiSource, ColumnType, DataFormat, DatabaseEngine, DatabaseSource, DiagnosticSeverity, Errors, IngestMode, LogSource, Schedule, Secret,
  SparkTask, SqlTask, Testing, WarehouseSink, Workflow, WriteMode,
} from '../../lib';
import { formatDiagnostic, sortDiagnostics } from '../../lib/validation/format';
import { validateGraph } from '../../lib/validation/validate';
import { errorOf, newWorkflow, ordersSource, validWorkflow, workflowProps } from '../util';

/** Every code a single workflow can get; TRB016 concerns several workflows (test/synth/validate-app.test.ts). */
const ALL_CODES = [...Array.from({ length: 15 }, (_, i) => `TRB${String(i + 1).padStart(3, '0')}`), 'TRB017', 'TRB018'];

/** A workflow with one mistake of every kind that a workflow with sinks can have (TRB001–TRB013, TRB017, TRB018). */
function brokenWorkflow(stack: Stack, id: string, foreign: LogSource): Workflow {
  const workflow = new Workflow(stack, id, workflowProps({ schedule: Schedule.cron('0 2 * *'), startDate: '2026-02-30' }));
  const orders = ordersSource(workflow);
  const big = ordersSource(workflow, 'Big', Size.tebibytes(2)); // TRB018: 2 TiB a day over one connection
  const a = new SparkTask(workflow, 'A', { script: 's3://jobs-bucket/a.py', inputs: [orders.output] }); // TRB001
  a.addDependency(new SparkTask(workflow, 'B', { script: 's3://jobs-bucket/b.py', inputs: [a.output] }));
  new SparkTask(workflow, 'Foreign', { script: 's3://jobs-bucket/f.py', inputs: [foreign.output] }); // TRB002
  new LogSource(workflow, 'OrdersRaw', { location: 's3://logs/a/dt={{ds}}/', format: DataFormat.JSON_LINES }); // TRB003
  new LogSource(workflow, 'orders_raw', { location: 's3://logs/b/dt={{ds}}/', format: DataFormat.JSON_LINES });
  new LogSource(workflow, 'Bad@Id', { location: 's3://logs/c/dt={{ds}}/', format: DataFormat.JSON_LINES }); // TRB004
  new LogSource(workflow, 'x'.repeat(81), { location: 's3://logs/d/dt={{ds}}/', format: DataFormat.JSON_LINES }); // TRB005
  new WarehouseSink(workflow, 'Load', { input: orders.output, table: 'analytics.orders', writeMode: WriteMode.merge(['orderid']) }); // TRB006
  new SparkTask(workflow, 'Typed', { // TRB007
    script: 's3://jobs-bucket/t.py', inputs: [orders.output], requiredColumns: [{ name: 'amount', type: ColumnType.DOUBLE }],
  });
  new SqlTask(workflow, 'Daily', { sql: 'select 1', inputs: [big.output], table: 'marts.daily' }); // TRB008
  new DatabaseSource(workflow, 'Snapshot', { // TRB009
    engine: DatabaseEngine.POSTGRES, connection: Secret.fromSecretsManager('prod/orders/reader'), table: 'public.orders',
    ingest: IngestMode.fullTable(), tableSize: Size.tebibytes(12),
  });
  new ApiSource(workflow, 'Rates', { baseUrl: 'https://etl:hunter2@api.example.com', path: '/rates' }); // TRB010
  new WarehouseSink(workflow, 'Append', { input: orders.output, table: 'analytics.raw', writeMode: WriteMode.append() }); // TRB013
  new SparkTask(workflow, 'Templated', { script: 's3://jobs-bucket/t.py', inputs: [orders.output], arguments: ['--day', '{{date}}'] }); // TRB017
  return workflow;
}

/** A workflow with no sinks (TRB014) and a SQL task but no warehouse (TRB015). */
function sinklessWorkflow(stack: Stack, id: string): { workflow: Workflow; clicks: LogSource } {
  const workflow = new Workflow(stack, id, workflowProps({ warehouse: undefined }));
  const clicks = new LogSource(workflow, 'Clicks', { location: 's3://logs/clicks/dt={{ds}}/', format: DataFormat.JSON_LINES });
  new SqlTask(workflow, 'Sessions', { sql: 'select 1', inputs: [clicks.output], table: 'marts.sessions' });
  return { workflow, clicks };
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-validate-'));
}

test('a valid workflow has no diagnostics at all', () => {
  expect(validateGraph(validWorkflow().workflow.toGraph())).toEqual([]);
});

test('every rule is run: the validate phase can report every code a workflow can get', () => {
  // GIVEN
  const stack = new Stack(new App(), 'Test');
  const { workflow: sinkless, clicks } = sinklessWorkflow(stack, 'Clickstream');
  const broken = brokenWorkflow(stack, 'Pipeline', clicks);

  // WHEN
  const codes = [...validateGraph(broken.toGraph()), ...validateGraph(sinkless.toGraph())].map((d) => d.code);

  // THEN
  expect([...new Set(codes)].sort()).toEqual(ALL_CODES);
});

test('all diagnostics of a workflow come at once, sorted by path, then code, then message', () => {
  // GIVEN
  const stack = new Stack(new App(), 'Test');
  const broken = brokenWorkflow(stack, 'Pipeline', sinklessWorkflow(stack, 'Clickstream').clicks);

  // WHEN
  const diagnostics = validateGraph(broken.toGraph());

  // THEN
  expect(diagnostics).toEqual(sortDiagnostics(diagnostics));
  expect(diagnostics.map((d) => `${d.path} ${d.code}`)).toEqual([
    'Test/Pipeline TRB011',
    'Test/Pipeline TRB012',
    'Test/Pipeline/A TRB001',
    'Test/Pipeline/Append TRB013',
    'Test/Pipeline/Bad@Id TRB004',
    'Test/Pipeline/Big TRB018',
    'Test/Pipeline/Daily TRB008',
    'Test/Pipeline/Foreign TRB002',
    'Test/Pipeline/Load TRB006',
    'Test/Pipeline/Rates TRB010',
    'Test/Pipeline/Snapshot TRB009',
    'Test/Pipeline/Templated TRB017',
    'Test/Pipeline/Typed TRB007',
    'Test/Pipeline/orders_raw TRB003',
    `Test/Pipeline/${'x'.repeat(81)} TRB005`,
  ]);
});

test('synthesizing an app throws one error with every error of every workflow, and writes nothing', () => {
  // GIVEN two broken workflows in two stacks, and a valid one beside them
  const outdir = tempDir();
  const app = new App({ outdir, analyticsReporting: false, builtinCloudFormationValidation: false });
  const { workflow: sinkless, clicks } = sinklessWorkflow(new Stack(app, 'Clicks'), 'Clickstream');
  const broken = brokenWorkflow(new Stack(app, 'Orders'), 'Pipeline', clicks);
  const valid = newWorkflow({}, 'Valid', new Stack(app, 'Valid'));
  new WarehouseSink(valid, 'Load', { input: ordersSource(valid).output, table: 'analytics.valid_orders', writeMode: WriteMode.merge(['order_id']) });
  const expected = [...sinkless.validate(), ...broken.validate()].filter((d) => d.severity === DiagnosticSeverity.ERROR);

  // WHEN
  const error = errorOf(() => app.synth());

  // THEN the one error carries every error (warnings, here TRB014, are not errors)
  expect(Errors.isValidationError(error)).toBe(true);
  const diagnostics = Errors.diagnosticsOf(error);
  expect(diagnostics.map((d) => `${d.path} ${d.code}`).sort()).toEqual(expected.map((d) => `${d.path} ${d.code}`).sort());
  expect(diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['TRB015', 'TRB001', 'TRB013']));
  expect(diagnostics.map((d) => d.code)).not.toContain('TRB014');
  expect(error.message).toMatch(new RegExp(`^Tributary found ${diagnostics.length} errors; nothing was written\\.\n`));
  for (const d of diagnostics) expect(error.message).toContain(formatDiagnostic(d));

  // AND nothing was written, not even for the valid workflow
  expect(fs.existsSync(path.join(outdir, 'tributary'))).toBe(false);
  expect(fs.existsSync(outdir) ? fs.readdirSync(outdir).filter((f) => f.endsWith('.template.json')) : []).toEqual([]);
});

test('synthesizing a valid app writes every workflow under tributary/<workflow_id>/', () => {
  // GIVEN
  const outdir = tempDir();
  const app = new App({ outdir, analyticsReporting: false, builtinCloudFormationValidation: false });
  const workflow = newWorkflow({}, 'Pipeline', new Stack(app, 'Test'));
  new WarehouseSink(workflow, 'Load', { input: ordersSource(workflow).output, table: 'analytics.orders', writeMode: WriteMode.merge(['order_id']) });

  // WHEN
  app.synth();

  // THEN
  expect(fs.readdirSync(path.join(outdir, 'tributary'))).toEqual(['pipeline']);
  expect(fs.existsSync(path.join(outdir, 'tributary', 'pipeline', 'graph.json'))).toBe(true);
});

test('a warning does not stop synthesis: it becomes a warning annotation on the workflow', () => {
  // GIVEN a workflow whose only problem is that it has no sinks
  const outdir = tempDir();
  const app = new App({ outdir, analyticsReporting: false, builtinCloudFormationValidation: false });
  const workflow = newWorkflow({}, 'Pipeline', new Stack(app, 'Test'));
  ordersSource(workflow);

  // WHEN
  const assembly = app.synth();

  // THEN
  const warnings = assembly.getStackByName('Test').messages.filter((m) => m.level === 'warning');
  expect(warnings.map((m) => [m.id, m.entry.data])).toEqual([[
    '/Test/Pipeline',
    expect.stringContaining("workflow 'pipeline' has no sinks, so its results reach no warehouse, API or broker\n  fix: add a WarehouseSink"),
  ]]);
  expect(String(warnings[0].entry.data)).toContain('tributary:TRB014');
  expect(fs.existsSync(path.join(outdir, 'tributary', 'pipeline', 'graph.json'))).toBe(true);
});

test('Testing.synth throws the same ValidationError for one workflow, with its errors only', () => {
  // GIVEN
  const workflow = newWorkflow({ startDate: 'tomorrow' });
  new WarehouseSink(workflow, 'Load', { input: ordersSource(workflow).output, table: 'analytics.orders', writeMode: WriteMode.append() });

  // WHEN
  const error = errorOf(() => Testing.synth(workflow));

  // THEN
  expect(Errors.isValidationError(error)).toBe(true);
  expect(Errors.diagnosticsOf(error).map((d) => d.code)).toEqual(['TRB012', 'TRB013']);
});

test('Workflow.validate returns errors and warnings without throwing', () => {
  // GIVEN
  const workflow = newWorkflow({ startDate: 'tomorrow' });

  // WHEN
  const diagnostics = workflow.validate();

  // THEN
  expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([['TRB012', 'error'], ['TRB014', 'warning']]);
});
