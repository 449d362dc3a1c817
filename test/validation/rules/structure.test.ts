import { Construct } from 'constructs';
import { DataFormat, Dataset, DiagnosticSeverity, LogSource, SparkTask, Workflow } from '../../../lib';
import { hasSinks, knownUpstream, noCycles, uniqueIds } from '../../../lib/validation/rules/structure';
import { atLine, newStack, newWorkflow, ordersSource, thisLine, validWorkflow, workflowProps } from '../../util';

const FILE = 'test/validation/rules/structure.test.ts';

function spark(scope: Construct, id: string, inputs: Dataset[]): SparkTask {
  return new SparkTask(scope, id, { script: `s3://jobs-bucket/${id}.py`, inputs });
}

// TRB001: cycles

test('a cycle is reported once, at its first node, and prints the cycle as a => b => a', () => {
  // GIVEN b reads a's output and a is told to wait for b
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  const aLine = thisLine() + 1;
  const a = new SparkTask(workflow, 'A', { script: 's3://jobs-bucket/a.py', inputs: [orders.output] });
  const b = spark(workflow, 'B', [a.output]);
  a.addDependency(b);

  // WHEN
  const diagnostics = noCycles(workflow.toGraph());

  // THEN
  expect(diagnostics).toEqual([{
    code: 'TRB001',
    severity: DiagnosticSeverity.ERROR,
    path: 'Test/Pipeline/A',
    location: atLine(FILE, aLine),
    message: 'cycle: a => b => a',
    fix: "remove one of these dependencies (an addDependency call or an input) so that 'a' does not wait for itself",
  }]);
});

test('a cycle through several nodes prints every node of it in order', () => {
  // GIVEN a -> b -> c by data, and a waits for c
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  const a = spark(workflow, 'A', [orders.output]);
  const b = spark(workflow, 'B', [a.output]);
  const c = spark(workflow, 'C', [b.output]);
  a.addDependency(c);

  // WHEN
  const [diagnostic] = noCycles(workflow.toGraph());

  // THEN
  expect(diagnostic.message).toBe('cycle: a => b => c => a');
  expect(diagnostic.path).toBe('Test/Pipeline/A');
});

test('a node that depends on itself is a cycle of one', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  const a = spark(workflow, 'A', [orders.output]);
  a.addDependency(a);

  // WHEN
  const diagnostics = noCycles(workflow.toGraph());

  // THEN
  expect(diagnostics.map((d) => [d.code, d.message])).toEqual([['TRB001', 'cycle: a => a']]);
});

test('a diamond, where two branches meet again, is not a cycle', () => {
  // GIVEN a -> b, a -> c, (b, c) -> d
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  const a = spark(workflow, 'A', [orders.output]);
  const b = spark(workflow, 'B', [a.output]);
  const c = spark(workflow, 'C', [a.output]);
  spark(workflow, 'D', [b.output, c.output]).addDependency(a);

  // THEN
  expect(noCycles(workflow.toGraph())).toEqual([]);
});

// TRB002: unknown upstream

test('an input from another workflow is refused, with a "did you mean" for the node of the same name here', () => {
  // GIVEN two workflows in one stack, each with an Orders source; Enrich reads the other one's
  const stack = newStack();
  const workflow = newWorkflow({}, 'Pipeline', stack);
  ordersSource(workflow);
  const foreign = ordersSource(newWorkflow({}, 'Other', stack));
  const line = thisLine() + 1;
  new SparkTask(workflow, 'Enrich', { script: 's3://jobs-bucket/enrich.py', inputs: [foreign.output] });

  // WHEN
  const diagnostics = knownUpstream(workflow.toGraph());

  // THEN
  expect(diagnostics).toEqual([{
    code: 'TRB002',
    severity: DiagnosticSeverity.ERROR,
    path: 'Test/Pipeline/Enrich',
    location: atLine(FILE, line),
    message: "input 'Test/Other/Orders' is not a node of workflow 'pipeline'; did you mean 'orders'?",
    fix: "use the output of 'orders' in this workflow, or read the other workflow's dataset through a source",
  }]);
});

test('a dependency on a node of another workflow is refused, without a suggestion when no id is close', () => {
  // GIVEN Enrich waits for a node of another workflow whose name is nothing like the local ones
  const stack = newStack();
  const workflow = newWorkflow({}, 'Pipeline', stack);
  const orders = ordersSource(workflow);
  const other = newWorkflow({}, 'Clickstream', stack);
  const sessions = new LogSource(other, 'SessionsLanded', { location: 's3://logs/sessions/dt={{ds}}/', format: DataFormat.JSON_LINES });
  const line = thisLine() + 1;
  const enrich = new SparkTask(workflow, 'Enrich', { script: 's3://jobs-bucket/enrich.py', inputs: [orders.output] });
  enrich.addDependency(sessions);

  // WHEN
  const diagnostics = knownUpstream(workflow.toGraph());

  // THEN
  expect(diagnostics).toEqual([{
    code: 'TRB002',
    severity: DiagnosticSeverity.ERROR,
    path: 'Test/Pipeline/Enrich',
    location: atLine(FILE, line),
    message: "dependency 'Test/Clickstream/SessionsLanded' is not a node of workflow 'pipeline'",
    fix: "read the other workflow's dataset through a source of this workflow (a LogSource on its location), or move the node into this workflow",
  }]);
});

test('inputs and dependencies inside the same workflow, also through grouping constructs, are known', () => {
  // GIVEN a node inside a plain Construct under the workflow
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  const group = new Construct(workflow, 'Staging');
  const staged = spark(group, 'Staged', [orders.output]);
  spark(workflow, 'Report', [staged.output]).addDependency(orders);

  // THEN
  expect(knownUpstream(workflow.toGraph())).toEqual([]);
  expect(knownUpstream(validWorkflow().workflow.toGraph())).toEqual([]);
});

// TRB003: duplicate ids

test('two construct ids with the same snake_case form are refused at the second path, naming the first', () => {
  // GIVEN 'OrdersRaw' and 'orders_raw' both normalise to orders_raw
  const workflow = newWorkflow();
  new LogSource(workflow, 'OrdersRaw', { location: 's3://logs/a/dt={{ds}}/', format: DataFormat.JSON_LINES });
  const line = thisLine() + 1;
  new LogSource(workflow, 'orders_raw', { location: 's3://logs/b/dt={{ds}}/', format: DataFormat.JSON_LINES });

  // WHEN
  const diagnostics = uniqueIds(workflow.toGraph());

  // THEN
  expect(diagnostics).toEqual([{
    code: 'TRB003',
    severity: DiagnosticSeverity.ERROR,
    path: 'Test/Pipeline/orders_raw',
    location: atLine(FILE, line),
    message: "node id 'orders_raw' is also the id of 'Test/Pipeline/OrdersRaw': both construct ids normalise to it",
    fix: 'rename one of the two constructs so that their snake_case forms differ',
  }]);
});

test('nodes in grouping constructs share the id space of their workflow', () => {
  // GIVEN Orders directly in the workflow and Raw/Orders in a group
  const workflow = newWorkflow();
  new LogSource(workflow, 'Orders', { location: 's3://logs/a/dt={{ds}}/', format: DataFormat.JSON_LINES });
  new LogSource(new Construct(workflow, 'Raw'), 'Orders', { location: 's3://logs/b/dt={{ds}}/', format: DataFormat.JSON_LINES });
  new LogSource(new Construct(workflow, 'Copy'), 'Orders', { location: 's3://logs/c/dt={{ds}}/', format: DataFormat.JSON_LINES });

  // WHEN
  const diagnostics = uniqueIds(workflow.toGraph());

  // THEN every duplicate names the first path, in path order
  expect(diagnostics.map((d) => [d.code, d.path, d.message])).toEqual([
    ['TRB003', 'Test/Pipeline/Orders', "node id 'orders' is also the id of 'Test/Pipeline/Copy/Orders': both construct ids normalise to it"],
    ['TRB003', 'Test/Pipeline/Raw/Orders', "node id 'orders' is also the id of 'Test/Pipeline/Copy/Orders': both construct ids normalise to it"],
  ]);
});

test('distinct snake_case ids are not duplicates', () => {
  expect(uniqueIds(validWorkflow().workflow.toGraph())).toEqual([]);
});

// TRB014: no sinks (warning)

test('a workflow without sinks gets a warning at the workflow, where it was created', () => {
  // GIVEN a workflow with a source and a task but nothing that delivers
  const line = thisLine() + 1;
  const workflow = new Workflow(newStack(), 'Pipeline', workflowProps());
  spark(workflow, 'Enrich', [ordersSource(workflow).output]);

  // WHEN
  const diagnostics = hasSinks(workflow.toGraph());

  // THEN
  expect(diagnostics).toEqual([{
    code: 'TRB014',
    severity: DiagnosticSeverity.WARNING,
    path: 'Test/Pipeline',
    location: atLine(FILE, line),
    message: "workflow 'pipeline' has no sinks, so its results reach no warehouse, API or broker",
    fix: 'add a WarehouseSink, ApiSink or EventSink, or delete the workflow if it is no longer used',
  }]);
});

test('a workflow with a sink gets no TRB014 warning', () => {
  expect(hasSinks(validWorkflow().workflow.toGraph())).toEqual([]);
});

test('every cycle of a workflow is reported at once, one diagnostic each', () => {
  // GIVEN two independent cycles: a <-> b and c <-> d
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  const a = spark(workflow, 'A', [orders.output]);
  const b = spark(workflow, 'B', [a.output]);
  const c = spark(workflow, 'C', [orders.output]);
  const d = spark(workflow, 'D', [c.output]);
  a.addDependency(b);
  c.addDependency(d);

  // WHEN
  const diagnostics = noCycles(workflow.toGraph());

  // THEN
  expect(diagnostics.map((x) => `${x.path}: ${x.message}`)).toEqual([
    'Test/Pipeline/A: cycle: a => b => a',
    'Test/Pipeline/C: cycle: c => d => c',
  ]);
});

test('two ids that normalise to one id give TRB003 only, not a phantom cycle through the merged node', () => {
  // GIVEN 'OrdersRaw' and 'orders_raw' collide, and one reads the other: merged, they would look like a cycle
  const workflow = newWorkflow();
  const first = ordersSource(workflow, 'OrdersRaw');
  new SparkTask(workflow, 'orders_raw', { script: 's3://jobs-bucket/x.py', inputs: [first.output] });

  // WHEN
  const codes = workflow.validate().map((d) => d.code);

  // THEN
  expect(codes).toContain('TRB003');
  expect(codes).not.toContain('TRB001');
});
