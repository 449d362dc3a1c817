import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { App, Duration, Stack } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import { ArtifactFile, Errors, ITarget, Schedule, Testing, WarehouseSink, Workflow, WorkflowGraph, WriteMode } from '../../lib';
import { atLine, errorOf, newStack, newWorkflow, ordersSource, thisLine, validWorkflow, workflowProps } from '../util';
import { TINY, tinyWorkflow } from '../fixtures';

const FILE = 'test/core/workflow.test.ts';

test('the workflow id is the snake_case form of the construct id', () => {
  // WHEN
  const workflow = newWorkflow({}, 'DailyOrders');

  // THEN
  expect(workflow.workflowId).toBe('daily_orders');
  expect(Testing.graph(workflow).workflow).toMatchObject({ id: 'daily_orders', path: 'Test/DailyOrders' });
});

test('the required props appear in the graph', () => {
  // WHEN
  const workflow = newWorkflow({ schedule: Schedule.daily({ hour: 3 }), startDate: '2025-06-01', owner: 'data@acme.com', description: 'Orders into the warehouse' });

  // THEN
  expect(Testing.graph(workflow).workflow).toMatchObject({
    schedule: '0 3 * * *',
    startDate: '2025-06-01',
    owner: 'data@acme.com',
    description: 'Orders into the warehouse',
  });
});

test('node defaults are 2 retries, 5 minutes apart with exponential backoff, and a 6 hour timeout', () => {
  // WHEN
  const workflow = newWorkflow();

  // THEN
  expect(workflow.defaults).toEqual({
    retries: 2,
    retryDelay: Duration.minutes(5),
    exponentialBackoff: true,
    timeout: Duration.hours(6),
  });
});

test('catchup defaults to off and maxActiveRuns to 1, and both reach the graph', () => {
  // WHEN
  const workflow = newWorkflow();

  // THEN
  expect([workflow.catchup, workflow.maxActiveRuns]).toEqual([false, 1]);
  expect(workflow.toGraph().workflow).toMatchObject({ catchup: false, maxActiveRuns: 1 });
});

test('catchup and maxActiveRuns are taken from the props', () => {
  // WHEN
  const workflow = newWorkflow({ catchup: true, maxActiveRuns: 4 });

  // THEN
  expect(workflow.toGraph().workflow).toMatchObject({ catchup: true, maxActiveRuns: 4 });
});

test('maxActiveRuns outside 1 to 64 throws TRB104', () => {
  // WHEN
  const error = errorOf(() => newWorkflow({ maxActiveRuns: 0 }));

  // THEN
  expect(error.code).toBe('TRB104');
  expect(error.message).toContain('maxActiveRuns is 0');
});

test('the workflow defaults reach the graph in seconds', () => {
  // WHEN
  const workflow = newWorkflow({ defaults: { retries: 4, retryDelay: Duration.minutes(2), exponentialBackoff: false, timeout: Duration.hours(1) } });

  // THEN
  expect(workflow.toGraph().workflow.defaults).toEqual({ retries: 4, retryDelaySeconds: 120, exponentialBackoff: false, timeoutSeconds: 3600 });
});

test('the default settings reach every node in the graph', () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  ordersSource(workflow);

  // THEN
  expect(Testing.graph(workflow).node('orders')).toMatchObject({
    retries: 2,
    retryDelaySeconds: 300,
    exponentialBackoff: true,
    timeoutSeconds: 21600,
  });
});

test('defaults given in part keep the other defaults', () => {
  // WHEN
  const workflow = newWorkflow({ defaults: { retries: 0, exponentialBackoff: false } });
  ordersSource(workflow);

  // THEN
  expect(Testing.graph(workflow).node('orders')).toMatchObject({
    retries: 0,
    retryDelaySeconds: 300,
    exponentialBackoff: false,
    timeoutSeconds: 21600,
  });
});

test('retryDelay and timeout defaults are taken from the props', () => {
  // WHEN
  const workflow = newWorkflow({ defaults: { retryDelay: Duration.seconds(30), timeout: Duration.minutes(45) } });
  ordersSource(workflow);

  // THEN
  expect(Testing.graph(workflow).node('orders')).toMatchObject({ retries: 2, retryDelaySeconds: 30, timeoutSeconds: 2700 });
});

test('lakeLocation defaults to s3://tributary-lake/<workflow_id>', () => {
  // WHEN
  const workflow = newWorkflow({ lakeLocation: undefined }, 'DailyOrders');

  // THEN
  expect(workflow.lakeLocation).toBe('s3://tributary-lake/daily_orders');
  expect(ordersSource(workflow).output.location).toBe('s3://tributary-lake/daily_orders/orders/ds={{ds}}/');
});

test('lakeLocation loses its trailing slashes', () => {
  // WHEN
  const workflow = newWorkflow({ lakeLocation: 's3://acme-lake/orders//' });

  // THEN
  expect(workflow.lakeLocation).toBe('s3://acme-lake/orders');
});

test('tags default to none and are copied from the props', () => {
  // GIVEN
  const tags: Record<string, string> = { team: 'commerce' };

  // WHEN
  const tagged = newWorkflow({ tags });
  tags.team = 'changed';

  // THEN
  expect(newWorkflow().tags).toEqual({});
  expect(tagged.tags).toEqual({ team: 'commerce' });
  expect(Testing.graph(tagged).workflow.tags).toEqual({ team: 'commerce' });
});

test('without a warehouse the graph has none', () => {
  // WHEN
  const workflow = newWorkflow({ warehouse: undefined });

  // THEN
  expect(workflow.warehouse).toBeUndefined();
  expect(Testing.graph(workflow).workflow.warehouse).toBeUndefined();
});

test('the warehouse connection appears in the graph as plain data', () => {
  // WHEN
  const workflow = newWorkflow({ warehouse: { database: 'analytics', workgroupName: 'etl' } });

  // THEN
  expect(Testing.graph(workflow).workflow.warehouse).toEqual({ database: 'analytics', workgroupName: 'etl' });
});

test('a workflow inside a workflow throws TRB103', () => {
  // GIVEN
  const outer = newWorkflow();

  // WHEN
  const line = thisLine() + 1;
  const error = errorOf(() => new Workflow(outer, 'Inner', { schedule: Schedule.daily(), startDate: '2026-01-01', owner: 'x' }));

  // THEN
  expect(Errors.isTributaryError(error)).toBe(true);
  expect(error.code).toBe('TRB103');
  expect(error.constructPath).toBe('Test/Pipeline/Inner');
  expect(error.location).toEqual(atLine(FILE, line));
});

test('a workflow inside a construct inside a workflow throws TRB103', () => {
  // GIVEN
  const group = new Construct(newWorkflow(), 'Group');

  // WHEN
  const error = errorOf(() => new Workflow(group, 'Inner', { schedule: Schedule.daily(), startDate: '2026-01-01', owner: 'x' }));

  // THEN
  expect(error.code).toBe('TRB103');
});

test('a workflow inside a construct inside a stack is accepted', () => {
  // GIVEN
  const group = new Construct(newStack(), 'Group');

  // WHEN
  const workflow = new Workflow(group, 'Pipeline', { schedule: Schedule.daily(), startDate: '2026-01-01', owner: 'x' });

  // THEN
  expect(workflow.node.path).toBe('Test/Group/Pipeline');
});

test('nodes lists this workflow\'s nodes in construct-tree order, not another workflow\'s', () => {
  // GIVEN
  const stack = newStack();
  const first = newWorkflow({}, 'First', stack);
  const second = newWorkflow({}, 'Second', stack);
  const b = ordersSource(first, 'B');
  const a = ordersSource(first, 'A');
  ordersSource(second, 'C');

  // THEN
  expect(first.nodes).toEqual([b, a]);
  expect(second.nodes.map((n) => n.nodeId)).toEqual(['c']);
});

test('toGraph returns the model of the workflow', () => {
  // GIVEN
  const { workflow } = validWorkflow();

  // WHEN
  const graph = workflow.toGraph();

  // THEN
  expect(graph).toBeInstanceOf(WorkflowGraph);
  expect(graph.order).toEqual(['orders', 'enrich', 'load']);
});

test('validate returns no diagnostics for a valid workflow', () => {
  // GIVEN
  const { workflow } = validWorkflow();

  // THEN
  expect(workflow.validate()).toEqual([]);
});

test('validate returns warnings without throwing', () => {
  // GIVEN a workflow without sinks
  const workflow = newWorkflow();
  ordersSource(workflow);

  // WHEN
  const diagnostics = workflow.validate();

  // THEN
  expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([['TRB014', 'warning']]);
});

test('a workflow records the test file line where it was created', () => {
  // WHEN
  const line = thisLine() + 1;
  const workflow = new Workflow(newStack(), 'Pipeline', { schedule: Schedule.daily(), startDate: '2026-01-01', owner: 'x' });

  // THEN
  expect(workflow._sourceLocation).toEqual(atLine(FILE, line));
  expect(Testing.graph(workflow).workflow.sourceLocation).toBe(workflow._sourceLocation);
});

test('isWorkflow is true for workflows and false for nodes and stacks', () => {
  // GIVEN
  const { workflow, orders } = validWorkflow();

  // THEN
  expect(Workflow.isWorkflow(workflow)).toBe(true);
  expect(Workflow.isWorkflow(orders)).toBe(false);
  expect(Workflow.isWorkflow(Stack.of(workflow))).toBe(false);
  expect(Workflow.isWorkflow(null)).toBe(false);
});

test('targets given in the props replace the built-in ones', () => {
  // GIVEN
  const target: ITarget = {
    name: 'ids',
    render: (graph: WorkflowGraph): ArtifactFile[] => [{ path: 'ids.txt', content: `${graph.order.join('\n')}\n` }],
  };
  const workflow = newWorkflow({ targets: [target] });
  const orders = ordersSource(workflow);
  new WarehouseSink(workflow, 'Load', { input: orders.output, table: 'analytics.orders', writeMode: WriteMode.merge(['order_id']) });

  // WHEN
  const files = Testing.synth(workflow);

  // THEN
  expect(files).toEqual({ 'ids.txt': 'orders\nload\n' });
});

describe('app synthesis', () => {
  let outdir: string;
  beforeEach(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-workflow-test-'));
  });
  afterEach(() => {
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  test('app synthesis writes each workflow\'s artifacts under tributary/<workflow_id>/', () => {
    // GIVEN
    const app = new App({ outdir, analyticsReporting: false, builtinCloudFormationValidation: false });
    const workflow = newWorkflow({}, 'DailyOrders', new Stack(app, 'Stack'));
    const orders = ordersSource(workflow);
    new WarehouseSink(workflow, 'Load', { input: orders.output, table: 'analytics.orders', writeMode: WriteMode.merge(['order_id']) });

    // WHEN
    app.synth();

    // THEN
    const written = fs.readFileSync(path.join(outdir, 'tributary', 'daily_orders', 'graph.json'), 'utf-8');
    expect(written).toBe(Testing.synth(workflow)['graph.json']);
  });

  test('app synthesis throws one ValidationError with the errors of every workflow and writes nothing', () => {
    // GIVEN two workflows, each with an invalid schedule
    const app = new App({ outdir, analyticsReporting: false, builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Stack');
    for (const id of ['First', 'Second']) {
      const workflow = newWorkflow({ schedule: Schedule.cron('0 25 * * *') }, id, stack);
      const orders = ordersSource(workflow);
      new WarehouseSink(workflow, 'Load', { input: orders.output, table: `analytics.orders_${id.toLowerCase()}`, writeMode: WriteMode.merge(['order_id']) });
    }

    // WHEN
    const error = errorOf(() => app.synth());

    // THEN
    expect(Errors.isValidationError(error)).toBe(true);
    expect(Errors.diagnosticsOf(error).map((d) => [d.code, d.path])).toEqual([['TRB011', 'Stack/First'], ['TRB011', 'Stack/Second']]);
    expect(fs.existsSync(path.join(outdir, 'tributary'))).toBe(false);
  });

  test('app synthesis turns warnings into CDK warning annotations on the workflow', () => {
    // GIVEN a workflow without sinks
    const app = new App({ outdir, analyticsReporting: false, builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Stack');
    ordersSource(newWorkflow({}, 'Pipeline', stack));

    // WHEN
    app.synth();

    // THEN
    Annotations.fromStack(stack).hasWarning('/Stack/Pipeline', Match.stringLikeRegexp('TRB014[\\s\\S]*has no sinks'));
  });
});

test('a workflow refused with TRB103 is not added to the tree', () => {
  // GIVEN
  const outer = newWorkflow();

  // WHEN
  errorOf(() => new Workflow(outer, 'Inner', workflowProps()));

  // THEN
  expect(outer.node.tryFindChild('Inner')).toBeUndefined();
});

test('a default retry delay that is not a whole number of seconds throws TRB104', () => {
  // WHEN
  const error = errorOf(() => newWorkflow({ defaults: { retryDelay: Duration.millis(2500) } }));

  // THEN
  expect(error.code).toBe('TRB104');
  expect(error.message).toContain('defaults.retryDelay is 2 seconds 500 millis');
});

test('synthesizing an app models each workflow once: the validated graph is the one rendered', () => {
  // GIVEN
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-once-'));
  const app = new App({ outdir, builtinCloudFormationValidation: false });
  const workflow = newWorkflow({}, 'Pipeline', new Stack(app, 'Data'));
  new WarehouseSink(workflow, 'Load', { input: ordersSource(workflow).output, table: 'analytics.orders', writeMode: WriteMode.merge(['order_id']) });
  const toGraph = jest.spyOn(Workflow.prototype, 'toGraph');

  try {
    // WHEN
    app.synth();

    // THEN
    expect(toGraph).toHaveBeenCalledTimes(1);
    expect(fs.existsSync(path.join(outdir, 'tributary', 'pipeline', 'graph.json'))).toBe(true);
  } finally {
    toGraph.mockRestore();
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});

test('a stack that holds only workflows synthesizes without the empty-template warning of aws-cdk-lib\'s built-in check', () => {
  // GIVEN aws-cdk-lib's built-in CloudFormation check on, and a stack whose only content is a workflow
  const saved = process.env.CDK_VALIDATION;
  process.env.CDK_VALIDATION = 'true';
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-empty-'));
  const app = new App({ outdir, analyticsReporting: false });
  tinyWorkflow(new Workflow(new Stack(app, 'Pipelines'), 'Tiny', TINY));
  let printed = '';
  const spies = [
    jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => { printed += args.join(' '); }),
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => { printed += String(chunk); return true; }),
  ];

  try {
    // WHEN
    app.synth();
  } finally {
    spies.forEach((s) => s.mockRestore());
    process.env.CDK_VALIDATION = saved;
  }

  // THEN the check ran (its report is written) and reported nothing
  expect(fs.existsSync(path.join(outdir, 'validation-report.json'))).toBe(true);
  expect(printed).toBe('');
  fs.rmSync(outdir, { recursive: true, force: true });
});
