import { Size } from 'aws-cdk-lib/core';
import { EventBus, EventPayload, EventSink, EventSinkProps, Secret, Testing, Workflow } from '../../lib';
import { atLine, errorOf, newWorkflow, ordersSource, thisLine } from '../util';

const FILE = 'test/sinks/event-sink.test.ts';

/** A workflow with an orders source and an EventSink named Announce reading it, with `props` over minimal ones. */
function announce(props: Partial<EventSinkProps> = {}, workflow: Workflow = newWorkflow()): EventSink {
  const orders = ordersSource(workflow);
  return new EventSink(workflow, 'Announce', {
    inputs: [orders.output],
    bus: EventBus.eventBridge('data-events'),
    source: 'com.acme.orders',
    detailType: 'OrdersLoaded',
    ...props,
  });
}

test('buses name their broker and carry their settings, a Kafka connection as a secret reference', () => {
  // THEN
  expect([EventBus.eventBridge('data-events').broker, EventBus.eventBridge('data-events').settings]).toEqual(['eventbridge', { busName: 'data-events' }]);
  const kafka = EventBus.kafka({ topic: 'orders.loaded', connection: Secret.fromSecretsManager('prod/msk/producer') });
  expect([kafka.broker, kafka.settings]).toEqual(['kafka', { topic: 'orders.loaded', connection: { store: 'secretsmanager', reference: 'prod/msk/producer' } }]);
  expect(Secret.isSecret(kafka.settings.connection)).toBe(false);
});

test('payloads name their kind and carry their settings', () => {
  // THEN
  expect([EventPayload.completion().kind, EventPayload.completion().settings]).toEqual(['completion', {}]);
  expect([EventPayload.records('order_id').kind, EventPayload.records('order_id').settings]).toEqual(['records', { idempotencyKey: 'order_id' }]);
});

test('the payload defaults to one completion event, published by a single worker that does not read the data', () => {
  // WHEN
  const sink = announce();

  // THEN
  expect(sink.payload.kind).toBe('completion');
  expect(Testing.graph(sink.workflow).node('announce')).toMatchObject({
    kind: 'sink',
    type: 'EventSink',
    engine: 'single_worker',
    readsInputData: false,
    requiredColumns: [],
    properties: {
      bus: { broker: 'eventbridge', busName: 'data-events' },
      source: 'com.acme.orders',
      detailType: 'OrdersLoaded',
      payload: { kind: 'completion' },
      idempotent: true,
    },
  });
});

test('a completion event is expected to take the same time whatever the size of its inputs', () => {
  // GIVEN
  const small = newWorkflow();
  const large = newWorkflow();

  // WHEN
  announce({}, small);
  new EventSink(large, 'Announce', {
    inputs: [ordersSource(large, 'Orders', Size.tebibytes(20)).output],
    bus: EventBus.eventBridge('data-events'),
    source: 'com.acme.orders',
    detailType: 'OrdersLoaded',
  });

  // THEN
  expect(Testing.graph(large).node('announce').estimatedDurationSeconds).toBe(Testing.graph(small).node('announce').estimatedDurationSeconds);
});

test('a records payload runs on Spark, reads the data and requires its event id column', () => {
  // WHEN
  const sink = announce({ payload: EventPayload.records('order_id') });

  // THEN
  expect(Testing.graph(sink.workflow).node('announce')).toMatchObject({
    engine: 'spark',
    readsInputData: true,
    requiredColumns: [{ name: 'order_id', role: 'event id column' }],
    properties: { payload: { kind: 'records', idempotencyKey: 'order_id' } },
  });
});

test('a Kafka bus appears in the graph with its connection as a secret reference', () => {
  // WHEN
  const sink = announce({ bus: EventBus.kafka({ topic: 'orders.loaded', connection: Secret.fromAirflowConnection('msk') }) });

  // THEN
  expect(Testing.graph(sink.workflow).node('announce').properties.bus).toEqual({
    broker: 'kafka', topic: 'orders.loaded', connection: { store: 'airflow_connection', reference: 'msk' },
  });
});

test('an event about several datasets waits for each of them', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow, 'Orders');
  const refunds = ordersSource(workflow, 'Refunds');

  // WHEN
  new EventSink(workflow, 'Announce', { inputs: [orders.output, refunds.output], bus: EventBus.eventBridge('b'), source: 'com.acme.orders', detailType: 'Ready' });

  // THEN
  const graph = Testing.graph(workflow);
  expect(graph.node('announce').inputs).toEqual(['orders', 'refunds']);
  expect(graph.upstreamOf('announce')).toEqual(['orders', 'refunds']);
});

test('an event sink passes validation', () => {
  // THEN
  expect(Testing.diagnostics(announce().workflow)).toEqual([]);
});

test('no inputs is refused with TRB106', () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  const line = thisLine() + 1;
  const error = errorOf(() => new EventSink(workflow, 'Announce', { inputs: [], bus: EventBus.eventBridge('b'), source: 'com.acme.orders', detailType: 'Ready' }));

  // THEN
  expect(error.code).toBe('TRB106');
  expect(error.location).toEqual(atLine(FILE, line));
});

test('more than 10 inputs is refused with TRB104', () => {
  // GIVEN
  const workflow = newWorkflow();
  const inputs = Array.from({ length: 11 }, (_, i) => ordersSource(workflow, `Orders${i}`).output);

  // WHEN
  const error = errorOf(() => new EventSink(workflow, 'Announce', { inputs, bus: EventBus.eventBridge('b'), source: 'com.acme.orders', detailType: 'Ready' }));

  // THEN
  expect(error.code).toBe('TRB104');
  expect(error.message).toContain('inputs is 11');
});

test.each(['aws.orders', '', '.orders', 'com acme orders', 'x'.repeat(257)])('event source %p is refused with TRB107', (source) => {
  // WHEN
  const error = errorOf(() => announce({ source }));

  // THEN
  expect(error.code).toBe('TRB107');
  expect(error.message).toContain('is not allowed');
});

test.each(['com.acme.orders', 'acme/orders-v2', 'Orders_1'])('event source %p is accepted', (source) => {
  // THEN
  expect(announce({ source }).source).toBe(source);
});

test.each([0, 129])('a detail type of %p characters is refused with TRB107', (length) => {
  // WHEN
  const error = errorOf(() => announce({ detailType: 'x'.repeat(length) }));

  // THEN
  expect(error.code).toBe('TRB107');
  expect(error.message).toContain('must be 1 to 128 characters');
});

test('a detail type of 128 characters is accepted', () => {
  // THEN
  expect(announce({ detailType: 'x'.repeat(128) }).detailType).toHaveLength(128);
});
