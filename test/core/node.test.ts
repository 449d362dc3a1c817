import { Duration } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import { SparkTask, Testing, WorkflowNode } from '../../lib';
import { atLine, errorOf, newStack, newWorkflow, ordersSource, thisLine } from '../util';

const FILE = 'test/core/node.test.ts';

const SCRIPT = 's3://jobs-bucket/job.py';

test.each([
  ['Orders', 'orders'],
  ['OrdersRaw', 'orders_raw'],
  ['FX-Rates v2', 'fx_rates_v2'],
  ['HTTPServerLogs', 'http_server_logs'],
  ['daily.revenue', 'daily_revenue'],
  ['already_snake', 'already_snake'],
  ['Step2Load', 'step2_load'],
])('construct id %p gives node id %p', (id, nodeId) => {
  // WHEN
  const node = ordersSource(newWorkflow(), id);

  // THEN
  expect(node.nodeId).toBe(nodeId);
  expect(Testing.graph(node.workflow).hasNode(nodeId)).toBe(true);
});

test('a node outside a workflow throws TRB100 with its path and source line', () => {
  // GIVEN
  const stack = newStack();

  // WHEN
  const line = thisLine() + 1;
  const error = errorOf(() => new SparkTask(stack, 'Orphan', { script: SCRIPT, inputs: [] }));

  // THEN
  expect(error.code).toBe('TRB100');
  expect(error.constructPath).toBe('Test/Orphan');
  expect(error.location).toEqual(atLine(FILE, line));
  expect(error.message).toContain("SparkTask 'Orphan' is not inside a Workflow");
});

test('a node inside a grouping construct in a workflow belongs to that workflow', () => {
  // GIVEN
  const workflow = newWorkflow();
  const group = new Construct(workflow, 'Ingest');

  const orders = ordersSource(workflow);

  // WHEN
  const task = new SparkTask(group, 'Enrich', { script: SCRIPT, inputs: [orders.output] });

  // THEN
  expect(task.workflow).toBe(workflow);
  expect(workflow.nodes).toEqual([task, orders]);
  expect(Testing.graph(workflow).node('enrich').path).toBe('Test/Pipeline/Ingest/Enrich');
});

test('the node id comes from the construct id alone, not from the grouping constructs', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);

  // WHEN
  const task = new SparkTask(new Construct(workflow, 'Stage1'), 'EnrichOrders', { script: SCRIPT, inputs: [orders.output] });

  // THEN
  expect(task.nodeId).toBe('enrich_orders');
});

test.each([-1, 11, 1.5, Number.NaN])('retries %p is refused with TRB101', (retries) => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);

  // WHEN
  const line = thisLine() + 1;
  const error = errorOf(() => new SparkTask(workflow, 'Enrich', { script: SCRIPT, inputs: [orders.output], retries }));

  // THEN
  expect(error.code).toBe('TRB101');
  expect(error.constructPath).toBe('Test/Pipeline/Enrich');
  expect(error.location).toEqual(atLine(FILE, line));
  expect(error.fix).toBe('set retries to a whole number from 0 to 10');
});

test.each([0, 10])('retries %p is accepted and overrides the workflow default', (retries) => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);

  // WHEN
  new SparkTask(workflow, 'Enrich', { script: SCRIPT, inputs: [orders.output], retries });

  // THEN
  expect(Testing.graph(workflow).node('enrich').retries).toBe(retries);
});

test('retries and timeout default to the workflow defaults', () => {
  // GIVEN
  const workflow = newWorkflow({ defaults: { retries: 4, timeout: Duration.hours(2) } });

  // WHEN
  const orders = ordersSource(workflow);

  // THEN
  expect(orders.retries).toBeUndefined();
  expect(orders.timeout).toBeUndefined();
  expect(Testing.graph(workflow).node('orders')).toMatchObject({ retries: 4, timeoutSeconds: 7200 });
});

test('a node\'s own timeout, description and expected duration appear in the graph', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);

  // WHEN
  new SparkTask(workflow, 'Enrich', {
    script: SCRIPT,
    inputs: [orders.output],
    description: 'Join orders with customers',
    timeout: Duration.minutes(90),
    expectedDuration: Duration.minutes(40),
  });

  // THEN
  expect(Testing.graph(workflow).node('enrich')).toMatchObject({
    description: 'Join orders with customers',
    timeoutSeconds: 5400,
    estimatedDurationSeconds: 2400,
  });
});

test('without a description or expected duration the graph has no description and an estimate', () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  ordersSource(workflow);

  // THEN
  const node = Testing.graph(workflow).node('orders');
  expect(node.description).toBeUndefined();
  expect(node.estimatedDurationSeconds).toBeGreaterThan(0);
});

test('inputs draw data edges and keep the order given, once each', () => {
  // GIVEN
  const workflow = newWorkflow();
  const b = ordersSource(workflow, 'B');
  const a = ordersSource(workflow, 'A');

  // WHEN
  const task = new SparkTask(workflow, 'Join', { script: SCRIPT, inputs: [b.output, a.output, b.output] });

  // THEN
  expect(task.inputs).toEqual([b.output, a.output]);
  const graph = Testing.graph(workflow);
  expect(graph.node('join').inputs).toEqual(['b', 'a']);
  expect(graph.node('join').upstream).toEqual(['a', 'b']);
  expect(graph.edges).toEqual([
    { from: 'a', to: 'join', kind: 'data' },
    { from: 'b', to: 'join', kind: 'data' },
  ]);
});

test('inputs returns a copy', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  const task = new SparkTask(workflow, 'Enrich', { script: SCRIPT, inputs: [orders.output] });

  // WHEN
  task.inputs.length = 0;

  // THEN
  expect(task.inputs).toHaveLength(1);
});

test('an input that is not a dataset is refused with TRB102', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);

  // WHEN the node itself is passed instead of its output
  const error = errorOf(() => new SparkTask(workflow, 'Enrich', { script: SCRIPT, inputs: [orders as any] }));

  // THEN
  expect(error.code).toBe('TRB102');
  expect(error.fix).toContain('orders.output');
});

test('addDependency draws a dependency edge where no data flows', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow, 'Orders');
  const customers = ordersSource(workflow, 'Customers');

  // WHEN
  customers.addDependency(orders);

  // THEN
  expect(customers.dependencies).toEqual([orders]);
  const graph = Testing.graph(workflow);
  expect(graph.edges).toEqual([{ from: 'orders', to: 'customers', kind: 'dependency' }]);
  expect(graph.node('customers').upstream).toEqual(['orders']);
  expect(graph.node('customers').inputs).toEqual([]);
});

test('addDependency takes several nodes and records each once', () => {
  // GIVEN
  const workflow = newWorkflow();
  const a = ordersSource(workflow, 'A');
  const b = ordersSource(workflow, 'B');
  const c = ordersSource(workflow, 'C');

  // WHEN
  c.addDependency(a, b);
  c.addDependency(a);

  // THEN
  expect(c.dependencies).toEqual([a, b]);
  expect(Testing.graph(workflow).upstreamOf('c')).toEqual(['a', 'b']);
});

test('a dependency on a node that also feeds data gives both edges', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  const task = new SparkTask(workflow, 'Enrich', { script: SCRIPT, inputs: [orders.output] });

  // WHEN
  task.addDependency(orders);

  // THEN
  expect(Testing.graph(workflow).edges.map((e) => e.kind)).toEqual(['data', 'dependency']);
  expect(Testing.graph(workflow).node('enrich').upstream).toEqual(['orders']);
});

test('a node records the test file line where it was created', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);

  // WHEN
  const line = thisLine() + 1;
  const task = new SparkTask(workflow, 'Enrich', { script: SCRIPT, inputs: [orders.output] });

  // THEN
  expect(task._sourceLocation).toEqual(atLine(FILE, line));
  expect(Testing.graph(workflow).node('enrich').sourceLocation).toBe(task._sourceLocation);
});

test('isWorkflowNode is true for nodes and false for workflows and other constructs', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);

  // THEN
  expect(WorkflowNode.isWorkflowNode(orders)).toBe(true);
  expect(WorkflowNode.isWorkflowNode(workflow)).toBe(false);
  expect(WorkflowNode.isWorkflowNode(new Construct(workflow, 'Group'))).toBe(false);
  expect(WorkflowNode.isWorkflowNode(undefined)).toBe(false);
});

test('a node refused with TRB100 is not added to the tree, so the id can be used again', () => {
  // GIVEN a refused node
  const stack = newStack();
  errorOf(() => new SparkTask(stack, 'Orphan', { script: SCRIPT, inputs: [] }));

  // THEN the stack has no child 'Orphan'
  expect(stack.node.tryFindChild('Orphan')).toBeUndefined();
});

test('a timeout that is not a whole number of seconds throws TRB104 with the fix', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);

  // WHEN
  const error = errorOf(() => new SparkTask(workflow, 'Enrich', { script: SCRIPT, inputs: [orders.output], timeout: Duration.millis(1500) }));

  // THEN
  expect(error.code).toBe('TRB104');
  expect(error.message).toContain('timeout is 1 second 500 millis');
  expect(error.fix).toBe('give timeout in whole seconds, for example Duration.seconds(2)');
});
