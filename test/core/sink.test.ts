import { Construct } from 'constructs';
import {
  ApiSink, CheckRule, CheckSeverity, Dataset, Engine, EventBus, EventSink, NodeKind, QualityCheck, Sink, SparkTask, Testing,
  WarehouseSink, WriteMode,
} from '../../lib';
import { NodeDescription, NodeProps } from '../../lib/core/node';
import { newWorkflow, ordersSource } from '../util';

/** A sink kind written outside the library: drops a file for a partner. */
class PartnerDropSink extends Sink {
  constructor(scope: Construct, id: string, input: Dataset, props: NodeProps = {}) {
    super(scope, id, props);
    this.addInput(input);
  }

  public _describe(): NodeDescription {
    return { type: 'PartnerDropSink', engine: Engine.SINGLE_WORKER, properties: { bucket: 'partner-drop' } };
  }
}

function load(scope: Construct, id: string, input: Dataset): WarehouseSink {
  return new WarehouseSink(scope, id, { input, table: 'analytics.orders', writeMode: WriteMode.merge(['order_id']) });
}

function check(scope: Construct, id: string, input: Dataset, severity?: CheckSeverity): QualityCheck {
  return new QualityCheck(scope, id, { input, rules: [CheckRule.notNull(['order_id'])], severity });
}

test('every sink kind is a SINK node; only the warehouse sink has an output, the table it loads', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);

  // WHEN
  const sinks: Sink[] = [
    load(workflow, 'Load', orders.output),
    new ApiSink(workflow, 'Push', { input: orders.output, url: 'https://crm.example.com/orders', idempotencyKey: 'order_id' }),
    new EventSink(workflow, 'Announce', { inputs: [orders.output], bus: EventBus.eventBridge('data'), source: 'com.acme.orders', detailType: 'OrdersLoaded' }),
  ];

  // THEN
  expect(sinks.map((s) => s.kind)).toEqual([NodeKind.SINK, NodeKind.SINK, NodeKind.SINK]);
  const graph = Testing.graph(workflow);
  expect(graph.sinks).toEqual(['announce', 'load', 'push']);
  expect(graph.sinks.map((id) => graph.node(id).output?.location)).toEqual([undefined, 'warehouse://analytics.orders', undefined]);
});

test('a sink kind defined outside the library appears in the graph', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);

  // WHEN
  new PartnerDropSink(workflow, 'Drop', orders.output);

  // THEN
  expect(Testing.graph(workflow).node('drop')).toMatchObject({
    kind: 'sink', type: 'PartnerDropSink', engine: 'single_worker', inputs: ['orders'], properties: { bucket: 'partner-drop' },
  });
});

test('a sink reading a dataset waits for every ERROR check of that dataset', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  check(workflow, 'NotNull', orders.output);
  check(workflow, 'Unique', orders.output, CheckSeverity.ERROR);

  // WHEN
  load(workflow, 'Load', orders.output);

  // THEN
  const graph = Testing.graph(workflow);
  expect(graph.edges.filter((e) => e.to === 'load')).toEqual([
    { from: 'not_null', to: 'load', kind: 'audit' },
    { from: 'orders', to: 'load', kind: 'data' },
    { from: 'unique', to: 'load', kind: 'audit' },
  ]);
  expect(graph.node('load').upstream).toEqual(['not_null', 'orders', 'unique']);
  expect(graph.order).toEqual(['orders', 'not_null', 'unique', 'load']);
});

test('the audit edge does not depend on the order in which the check and the sink are created', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  load(workflow, 'Load', orders.output);

  // WHEN the check comes after the sink
  check(workflow, 'NotNull', orders.output);

  // THEN
  expect(Testing.graph(workflow).upstreamOf('load')).toEqual(['not_null', 'orders']);
});

test('a sink reading a check\'s output waits for that check and for the other ERROR checks of the audited dataset', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  const notNull = check(workflow, 'NotNull', orders.output);
  check(workflow, 'Unique', orders.output);

  // WHEN
  load(workflow, 'Load', notNull.output);

  // THEN
  expect(Testing.graph(workflow).edges.filter((e) => e.to === 'load')).toEqual([
    { from: 'not_null', to: 'load', kind: 'data' },
    { from: 'unique', to: 'load', kind: 'audit' },
  ]);
});

test('a sink reading a dataset waits for a check chained on another check of it', () => {
  // GIVEN a second check that audits the first check's output, which is the same data
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  const notNull = check(workflow, 'NotNull', orders.output);
  check(workflow, 'Unique', notNull.output);

  // WHEN
  load(workflow, 'Load', orders.output);

  // THEN
  expect(Testing.graph(workflow).upstreamOf('load')).toEqual(['not_null', 'orders', 'unique']);
});

test('WARNING checks do not gate sinks', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  check(workflow, 'Volume', orders.output, CheckSeverity.WARNING);

  // WHEN
  load(workflow, 'Load', orders.output);

  // THEN
  const graph = Testing.graph(workflow);
  expect(graph.upstreamOf('load')).toEqual(['orders']);
  expect(graph.edges.filter((e) => e.kind === 'audit')).toEqual([]);
});

test('a sink reading a WARNING check\'s output waits for it by data and for the ERROR checks by audit', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  const volume = check(workflow, 'Volume', orders.output, CheckSeverity.WARNING);
  check(workflow, 'NotNull', orders.output);

  // WHEN
  load(workflow, 'Load', volume.output);

  // THEN
  expect(Testing.graph(workflow).edges.filter((e) => e.to === 'load')).toEqual([
    { from: 'not_null', to: 'load', kind: 'audit' },
    { from: 'volume', to: 'load', kind: 'data' },
  ]);
});

test('checks gate sinks only, not the tasks that read the dataset', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  check(workflow, 'NotNull', orders.output);

  // WHEN
  new SparkTask(workflow, 'Enrich', { script: 's3://jobs-bucket/enrich.py', inputs: [orders.output] });

  // THEN
  expect(Testing.graph(workflow).upstreamOf('enrich')).toEqual(['orders']);
});

test('checks of one dataset do not gate the sinks of another', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow, 'Orders');
  const customers = ordersSource(workflow, 'Customers');
  check(workflow, 'NotNull', orders.output);

  // WHEN
  load(workflow, 'Load', customers.output);

  // THEN
  expect(Testing.graph(workflow).upstreamOf('load')).toEqual(['customers']);
});

test('every sink kind is gated, including a completion event and a sink defined outside the library', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  check(workflow, 'NotNull', orders.output);

  // WHEN
  new ApiSink(workflow, 'Push', { input: orders.output, url: 'https://crm.example.com/orders', idempotencyKey: 'order_id' });
  new EventSink(workflow, 'Announce', { inputs: [orders.output], bus: EventBus.eventBridge('data'), source: 'com.acme.orders', detailType: 'OrdersLoaded' });
  new PartnerDropSink(workflow, 'Drop', orders.output);

  // THEN
  const audits = Testing.graph(workflow).edges.filter((e) => e.kind === 'audit');
  expect(audits).toEqual([
    { from: 'not_null', to: 'announce', kind: 'audit' },
    { from: 'not_null', to: 'drop', kind: 'audit' },
    { from: 'not_null', to: 'push', kind: 'audit' },
  ]);
});
