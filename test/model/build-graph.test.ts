import { Duration, Size } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import {
  CheckRule, CheckSeverity, DataFormat, DatabaseEngine, DatabaseSource, EventBus, EventSink, IngestMode, LogSource,
  QualityCheck, Secret, SparkTask, WarehouseSink, WriteMode,
} from '../../lib';
import { buildGraph } from '../../lib/model/build-graph';
import { newStack, newWorkflow, ORDERS_SCHEMA, ordersSource, thisLine, validWorkflow } from '../util';

const edgesOf = (workflow: Parameters<typeof buildGraph>[0]) => buildGraph(workflow).edges.map((e) => `${e.from} ${e.kind} ${e.to}`);

test('inputs become data edges from the producer to the consumer', () => {
  // GIVEN orders -> enrich -> load
  const { workflow } = validWorkflow();

  // THEN
  expect(edgesOf(workflow)).toEqual(['enrich data load', 'orders data enrich']);
  expect(buildGraph(workflow).node('enrich').inputs).toEqual(['orders']);
});

test('addDependency becomes a dependency edge, and upstream lists each node once', () => {
  // GIVEN load already reads enrich, and is also told to wait for enrich and orders
  const { workflow, orders, enrich, load } = validWorkflow();
  load.addDependency(enrich, orders);

  // WHEN
  const graph = buildGraph(workflow);

  // THEN
  expect(edgesOf(workflow)).toEqual(['enrich data load', 'enrich dependency load', 'orders data enrich', 'orders dependency load']);
  expect(graph.node('load').upstream).toEqual(['enrich', 'orders']);
  expect(graph.node('load').inputs).toEqual(['enrich']);
});

test('inputs keep the order given, and upstream is sorted', () => {
  // GIVEN
  const workflow = newWorkflow();
  const zeta = ordersSource(workflow, 'Zeta');
  const alpha = ordersSource(workflow, 'Alpha');
  new SparkTask(workflow, 'Join', { script: 's3://jobs-bucket/join.py', inputs: [zeta.output, alpha.output] });

  // WHEN
  const join = buildGraph(workflow).node('join');

  // THEN
  expect(join.inputs).toEqual(['zeta', 'alpha']);
  expect(join.upstream).toEqual(['alpha', 'zeta']);
});

test('a sink reading a checked dataset waits for the check (write-audit-publish) through an audit edge', () => {
  // GIVEN a check on enrich's output, and a sink that reads enrich's output directly
  const { workflow, enrich } = validWorkflow();
  new QualityCheck(workflow, 'EnrichQuality', { input: enrich.output, rules: [CheckRule.unique(['order_id'])] });

  // WHEN
  const graph = buildGraph(workflow);

  // THEN
  expect(edgesOf(workflow)).toEqual(['enrich data enrich_quality', 'enrich data load', 'enrich_quality audit load', 'orders data enrich']);
  expect(graph.node('load').upstream).toEqual(['enrich', 'enrich_quality']);
  expect(graph.node('enrich_quality').audits).toBe('enrich');
  expect(graph.node('enrich_quality').gatesSinks).toBe(true);
});

test("a sink reading one check's output also waits for the other checks of the same dataset", () => {
  // GIVEN two checks on enrich's output; the sink reads the first check's output
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  const enrich = new SparkTask(workflow, 'Enrich', { script: 's3://jobs-bucket/e.py', inputs: [orders.output], output: { schema: ORDERS_SCHEMA } });
  const keys = new QualityCheck(workflow, 'Keys', { input: enrich.output, rules: [CheckRule.unique(['order_id'])] });
  new QualityCheck(workflow, 'Volume', { input: enrich.output, rules: [CheckRule.rowCountAtLeast(10)] });
  new WarehouseSink(workflow, 'Load', { input: keys.output, table: 'analytics.orders', writeMode: WriteMode.merge(['order_id']) });

  // THEN a data edge from the check it reads, an audit edge from the other, and no duplicate audit edge
  expect(edgesOf(workflow).filter((e) => e.endsWith(' load'))).toEqual(['keys data load', 'volume audit load']);
  expect(buildGraph(workflow).node('load').inputs).toEqual(['keys']);
});

test('a check of severity WARNING does not hold back sinks', () => {
  // GIVEN
  const { workflow, enrich } = validWorkflow();
  new QualityCheck(workflow, 'Advisory', { input: enrich.output, rules: [CheckRule.rowCountAtLeast(10)], severity: CheckSeverity.WARNING });

  // WHEN
  const graph = buildGraph(workflow);

  // THEN
  expect(graph.node('advisory').gatesSinks).toBe(false);
  expect(graph.edges.some((e) => e.kind === 'audit')).toBe(false);
  expect(graph.node('load').upstream).toEqual(['enrich']);
});

test('tasks are not held back by checks of their inputs; only sinks are', () => {
  // GIVEN a check on orders, and a task that reads orders directly
  const { workflow, orders } = validWorkflow();
  new QualityCheck(workflow, 'OrdersQuality', { input: orders.output, rules: [CheckRule.notNull(['order_id'])] });

  // THEN
  expect(buildGraph(workflow).node('enrich').upstream).toEqual(['orders']);
});

test('a dataset of another workflow appears as its construct path in inputs and upstream, with no edge', () => {
  // GIVEN two workflows in one stack; Downstream reads Upstream's orders
  const stack = newStack();
  const upstream = newWorkflow({}, 'Upstream', stack);
  const downstream = newWorkflow({}, 'Downstream', stack);
  const orders = ordersSource(upstream);
  const local = ordersSource(downstream, 'Local');
  const spark = new SparkTask(downstream, 'Join', { script: 's3://jobs-bucket/j.py', inputs: [orders.output, local.output] });

  // WHEN
  const graph = buildGraph(downstream);

  // THEN
  expect(spark.node.path).toBe('Test/Downstream/Join');
  expect(graph.node('join').inputs).toEqual(['Test/Upstream/Orders', 'local']);
  expect(graph.node('join').upstream).toEqual(['Test/Upstream/Orders', 'local']);
  expect(graph.edges).toEqual([{ from: 'local', to: 'join', kind: 'data' }]);
  expect(graph.nodes.map((n) => n.id)).toEqual(['join', 'local']);
});

test('a dependency on a node of another workflow appears as its construct path in upstream only', () => {
  // GIVEN
  const stack = newStack();
  const upstream = newWorkflow({}, 'Upstream', stack);
  const downstream = newWorkflow({}, 'Downstream', stack);
  const theirs = ordersSource(upstream);
  const mine = ordersSource(downstream, 'Mine');
  mine.addDependency(theirs);

  // WHEN
  const node = buildGraph(downstream).node('mine');

  // THEN
  expect(node.inputs).toEqual([]);
  expect(node.upstream).toEqual(['Test/Upstream/Orders']);
});

test("the workflow's retry and timeout defaults apply to nodes that do not set their own", () => {
  // GIVEN
  const workflow = newWorkflow({ defaults: { retries: 4, retryDelay: Duration.minutes(1), exponentialBackoff: false, timeout: Duration.hours(2) } });
  const orders = ordersSource(workflow);
  new SparkTask(workflow, 'Own', { script: 's3://jobs-bucket/o.py', inputs: [orders.output], retries: 0, timeout: Duration.minutes(30) });

  // WHEN
  const graph = buildGraph(workflow);

  // THEN
  expect(graph.node('orders')).toMatchObject({ retries: 4, retryDelaySeconds: 60, exponentialBackoff: false, timeoutSeconds: 7200 });
  expect(graph.node('own')).toMatchObject({ retries: 0, retryDelaySeconds: 60, exponentialBackoff: false, timeoutSeconds: 1800 });
});

test('without workflow defaults, nodes retry twice, 5 minutes apart with backoff, with a 6 hour timeout', () => {
  // GIVEN
  const { workflow } = validWorkflow();

  // THEN
  expect(buildGraph(workflow).node('enrich')).toMatchObject({ retries: 2, retryDelaySeconds: 300, exponentialBackoff: true, timeoutSeconds: 21600 });
});

test('a declared expectedDuration is used as is', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  new SparkTask(workflow, 'Slow', { script: 's3://jobs-bucket/s.py', inputs: [orders.output], expectedDuration: Duration.minutes(40) });

  // THEN
  expect(buildGraph(workflow).node('slow').estimatedDurationSeconds).toBe(2400);
});

test('without a declared duration, a node is estimated from its engine and the size of what it reads', () => {
  // GIVEN orders (Spark, 20 GiB) -> enrich (Spark, unknown output size) -> load (warehouse)
  const { workflow } = validWorkflow();

  // WHEN
  const graph = buildGraph(workflow);

  // THEN a source with no inputs is sized by its own output: 300 + 20/2; a task by its inputs
  expect(graph.node('orders').estimatedDurationSeconds).toBe(310);
  expect(graph.node('enrich').estimatedDurationSeconds).toBe(310);
  expect(graph.node('load').estimatedDurationSeconds).toBe(120);
});

test('a snapshot export is estimated with the export start-up cost', () => {
  // GIVEN
  const workflow = newWorkflow();
  new DatabaseSource(workflow, 'Customers', {
    engine: DatabaseEngine.POSTGRES,
    connection: Secret.fromSecretsManager('prod/db/reader'),
    table: 'public.customers',
    ingest: IngestMode.snapshotExport(),
    estimatedSize: Size.gibibytes(600),
  });

  // THEN 1800 + 600
  expect(buildGraph(workflow).node('customers').estimatedDurationSeconds).toBe(2400);
});

test('a completion event, which never reads its inputs, is not estimated from their size', () => {
  // GIVEN a completion event after a 500 GiB dataset
  const workflow = newWorkflow();
  const orders = ordersSource(workflow, 'Orders', Size.gibibytes(500));
  new EventSink(workflow, 'Ready', {
    inputs: [orders.output],
    bus: EventBus.eventBridge('data-platform'),
    source: 'com.example.orders',
    detailType: 'OrdersReady',
  });

  // WHEN
  const ready = buildGraph(workflow).node('ready');

  // THEN
  expect(ready.readsInputData).toBe(false);
  expect(ready.estimatedDurationSeconds).toBe(120);
});

test('nodes inside a grouping construct belong to the workflow', () => {
  // GIVEN
  const workflow = newWorkflow();
  const group = new Construct(workflow, 'Landing');
  new LogSource(group, 'Events', { location: 's3://logs/dt={{ds}}/', format: DataFormat.JSON_LINES });

  // THEN
  expect(buildGraph(workflow).node('events').path).toBe('Test/Pipeline/Landing/Events');
});

test('the nodes of another workflow in the same stack are not part of the graph', () => {
  // GIVEN
  const stack = newStack();
  const first = newWorkflow({}, 'First', stack);
  const second = newWorkflow({}, 'Second', stack);
  ordersSource(first, 'A');
  ordersSource(second, 'B');

  // THEN
  expect(buildGraph(first).nodes.map((n) => n.id)).toEqual(['a']);
  expect(buildGraph(second).nodes.map((n) => n.id)).toEqual(['b']);
});

test('the workflow settings are read as plain data, secrets as references', () => {
  // GIVEN
  const workflow = newWorkflow({
    description: 'Orders to the warehouse.',
    tags: { tier: 'gold' },
    warehouse: { database: 'analytics', workgroupName: 'etl', secret: Secret.fromSecretsManager('prod/redshift/etl') },
  }, 'Orders Daily');

  // THEN
  const { sourceLocation, ...rest } = buildGraph(workflow).workflow;
  expect(rest).toEqual({
    id: 'orders_daily',
    path: 'Test/Orders Daily',
    schedule: '0 2 * * *',
    startDate: '2026-01-01',
    owner: 'team@example.com',
    description: 'Orders to the warehouse.',
    tags: { tier: 'gold' },
    warehouse: {
      database: 'analytics',
      workgroupName: 'etl',
      clusterIdentifier: undefined,
      secret: { store: 'secretsmanager', reference: 'prod/redshift/etl' },
    },
    catchup: false,
    maxActiveRuns: 1,
    defaults: { retries: 2, retryDelaySeconds: 300, exponentialBackoff: true, timeoutSeconds: 21600 },
  });
  expect(sourceLocation).toMatch(/^test\/util\.ts:\d+:\d+$/);
});

test("a node's output dataset is modelled with its id, location, format, size and columns", () => {
  // GIVEN
  const { workflow } = validWorkflow();

  // THEN
  expect(buildGraph(workflow).node('orders').output).toEqual({
    id: 'orders',
    location: 's3://test-lake/pipeline/orders/ds={{ds}}/',
    format: 'parquet',
    estimatedSizeBytes: 20 * 1024 ** 3,
    columns: [
      { name: 'order_id', type: 'bigint', nullable: false },
      { name: 'customer_id', type: 'bigint', nullable: false },
      { name: 'amount', type: 'decimal(18,2)', nullable: true },
      { name: 'updated_at', type: 'timestamp', nullable: false },
    ],
  });
  // A warehouse sink's output is the table it loads, with its input's columns.
  expect(buildGraph(workflow).node('load').output).toMatchObject({ id: 'load', location: 'warehouse://analytics.orders', format: 'warehouse_table' });
});

test('each node records kind, type, engine and where the user created it', () => {
  // GIVEN
  const workflow = newWorkflow();
  const line = thisLine();
  new LogSource(workflow, 'Events', { location: 's3://logs/dt={{ds}}/', format: DataFormat.JSON_LINES, description: 'Raw events.' });

  // WHEN
  const events = buildGraph(workflow).node('events');

  // THEN
  expect(events).toMatchObject({ kind: 'source', type: 'LogSource', engine: 'sensor', description: 'Raw events.', path: 'Test/Pipeline/Events' });
  expect(events.sourceLocation).toMatch(new RegExp(`^test/model/build-graph\\.test\\.ts:${line + 1}:\\d+$`));
});

test('an empty workflow gives an empty graph', () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  const graph = buildGraph(workflow);

  // THEN
  expect(graph.nodes).toEqual([]);
  expect(graph.edges).toEqual([]);
  expect(graph.order).toEqual([]);
});

test('Workflow.toGraph is the model phase', () => {
  // GIVEN
  const { workflow } = validWorkflow();

  // THEN
  expect(workflow.toGraph().order).toEqual(buildGraph(workflow).order);
  expect(workflow.toGraph().order).toEqual(['orders', 'enrich', 'load']);
});
