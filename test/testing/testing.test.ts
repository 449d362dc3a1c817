import * as fs from 'fs';
import { ColumnType, Errors, SparkTask, Testing, WorkflowGraph } from '../../lib';
import { synthesizeWorkflow } from '../../lib/synth/synthesize';
import { tempDir, tinyWorkflow } from '../fixtures';
import { newWorkflow, ordersSource, validWorkflow } from '../util';

test('Testing.synth returns every artifact as { relativePath: content } in sorted path order', () => {
  // GIVEN
  const { workflow } = validWorkflow();

  // WHEN
  const files = Testing.synth(workflow);

  // THEN
  expect(Object.keys(files)).toEqual(['airflow/pipeline.json', 'airflow/pipeline.py', 'emr/enrich.json', 'emr/orders.json', 'graph.json', 'graph.mmd', 'stepfunctions/state-machine.asl.json']);
  expect(files).toEqual(synthesizeWorkflow(workflow));
  expect(files['graph.mmd']).toContain('orders --> enrich');
});

test('Testing.synth writes nothing to disk', () => {
  // GIVEN an empty working directory
  const cwd = process.cwd();
  const dir = tempDir();
  process.chdir(dir);
  try {
    // WHEN
    Testing.synth(tinyWorkflow());
  } finally {
    process.chdir(cwd);
  }

  // THEN
  expect(fs.readdirSync(dir)).toEqual([]);
});

test('Testing.synth throws a ValidationError carrying every error when validation fails', () => {
  // GIVEN a missing column and an invalid schedule
  const workflow = newWorkflow({ startDate: '2026-13-01' });
  const orders = ordersSource(workflow);
  new SparkTask(workflow, 'Clean', { script: 's3://jobs-bucket/c.py', inputs: [orders.output], requiredColumns: [{ name: 'order_idd', type: ColumnType.BIGINT }] });

  // WHEN
  let error: any;
  try {
    Testing.synth(workflow);
  } catch (e) {
    error = e;
  }

  // THEN
  expect(Errors.isValidationError(error)).toBe(true);
  expect(Errors.diagnosticsOf(error).map((d) => d.code)).toEqual(['TRB012', 'TRB006']);
  expect(error.message).toContain("did you mean 'order_id'?");
});

test('Testing.graph returns the model, for assertions on nodes, edges, order and critical path', () => {
  // GIVEN
  const { workflow } = validWorkflow();

  // WHEN
  const graph = Testing.graph(workflow);

  // THEN
  expect(graph).toBeInstanceOf(WorkflowGraph);
  expect(graph.order).toEqual(['orders', 'enrich', 'load']);
  expect(graph.upstreamOf('load')).toEqual(['enrich']);
  expect(graph.criticalPath().nodes).toEqual(['orders', 'enrich', 'load']);
});

test('Testing.graph does not validate: an invalid workflow still gives its graph', () => {
  // GIVEN a cycle
  const { workflow, orders, load } = validWorkflow();
  orders.addDependency(load);

  // THEN
  expect(Testing.graph(workflow).findCycle()).toEqual(['enrich', 'load', 'orders', 'enrich']);
});

test('Testing.diagnostics lists errors and warnings without throwing', () => {
  // GIVEN an invalid start date (error) and no sinks (warning)
  const workflow = newWorkflow({ startDate: 'tomorrow' });
  ordersSource(workflow);

  // WHEN
  const diagnostics = Testing.diagnostics(workflow);

  // THEN
  expect(diagnostics.map((d) => `${d.severity} ${d.code} ${d.path}`)).toEqual([
    'error TRB012 Test/Pipeline',
    'warning TRB014 Test/Pipeline',
  ]);
  expect(diagnostics[0].fix).toContain('YYYY-MM-DD');
});

test('Testing.diagnostics is empty for a valid workflow', () => {
  // GIVEN
  const { workflow } = validWorkflow();

  // THEN
  expect(Testing.diagnostics(workflow)).toEqual([]);
});

test('appDiagnostics lists the diagnostics of every workflow under a scope, in a stable order', () => {
  // GIVEN a valid workflow and, in the same stack, one without sinks
  const { workflow } = validWorkflow();
  newWorkflow({}, 'Empty', workflow.node.scope as any);

  // WHEN
  const diagnostics = Testing.appDiagnostics(workflow.node.root);

  // THEN
  expect(diagnostics.map((d) => `${d.code} ${d.path}`)).toEqual(['TRB014 Test/Empty']);
});
