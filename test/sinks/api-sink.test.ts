import { ApiSink, ApiSinkProps, HttpMethod, Secret, Testing, Workflow } from '../../lib';
import { atLine, errorOf, newWorkflow, ordersSource, thisLine } from '../util';

const FILE = 'test/sinks/api-sink.test.ts';
const URL = 'https://crm.example.com/api/orders/batch';

/** A workflow with an orders source and an ApiSink named Push reading it, with `props` over minimal ones. */
function push(props: Partial<ApiSinkProps> = {}, workflow: Workflow = newWorkflow()): ApiSink {
  const orders = ordersSource(workflow);
  return new ApiSink(workflow, 'Push', { input: orders.output, url: URL, idempotencyKey: 'order_id', ...props });
}

test('HTTP method values are the strings written to artifacts', () => {
  // THEN
  expect(Object.values(HttpMethod)).toEqual(['POST', 'PUT', 'PATCH']);
});

test('method defaults to POST, batches to 500 records, the rate limit to 5 per second and auth to none', () => {
  // WHEN
  const sink = push();

  // THEN
  expect([sink.method, sink.batchSize, sink.maxRequestsPerSecond, sink.auth]).toEqual([HttpMethod.POST, 500, 5, undefined]);
  expect(Testing.graph(sink.workflow).node('push').properties).toEqual({
    url: URL,
    method: 'POST',
    auth: undefined,
    batchSize: 500,
    maxRequestsPerSecond: 5,
    idempotencyKey: 'order_id',
    idempotent: true,
  });
});

test('the graph shows a single-worker sink with its secret reference and settings', () => {
  // WHEN
  const sink = push({ method: HttpMethod.PUT, auth: Secret.fromSecretsManager('prod/crm/token'), batchSize: 50, maxRequestsPerSecond: 2 });

  // THEN
  expect(Testing.graph(sink.workflow).node('push')).toMatchObject({
    kind: 'sink',
    type: 'ApiSink',
    engine: 'single_worker',
    inputs: ['orders'],
    properties: {
      method: 'PUT',
      auth: { store: 'secretsmanager', reference: 'prod/crm/token' },
      batchSize: 50,
      maxRequestsPerSecond: 2,
    },
  });
});

test('the idempotency key is required of the input', () => {
  // WHEN
  const sink = push({ idempotencyKey: 'order_id' });

  // THEN
  expect(Testing.graph(sink.workflow).node('push').requiredColumns).toEqual([{ name: 'order_id', role: 'idempotency key' }]);
});

test('without an idempotency key the sink is not idempotent and is refused at synth with TRB013', () => {
  // WHEN
  const sink = push({ idempotencyKey: undefined });

  // THEN
  const node = Testing.graph(sink.workflow).node('push');
  expect(node.properties.idempotent).toBe(false);
  expect(node.requiredColumns).toEqual([]);
  expect(Testing.diagnostics(sink.workflow).map((d) => [d.code, d.severity, d.path])).toEqual([['TRB013', 'error', 'Test/Pipeline/Push']]);
});

test('a sink with an idempotency key passes validation', () => {
  // THEN
  expect(Testing.diagnostics(push().workflow)).toEqual([]);
});

test.each(['http://crm.example.com/api', 'crm.example.com/api', 'https:///api'])('url %p is refused with TRB104', (url) => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);

  // WHEN
  const line = thisLine() + 1;
  const error = errorOf(() => new ApiSink(workflow, 'Push', { input: orders.output, url, idempotencyKey: 'order_id' }));

  // THEN
  expect(error.code).toBe('TRB104');
  expect(error.location).toEqual(atLine(FILE, line));
});

test.each([0, 10_001, 2.5])('batchSize %p is refused with TRB104', (batchSize) => {
  // WHEN
  const error = errorOf(() => push({ batchSize }));

  // THEN
  expect(error.code).toBe('TRB104');
  expect(error.fix).toBe('set batchSize to a whole number from 1 to 10000');
});

test.each([0, -2])('maxRequestsPerSecond %p is refused with TRB104', (maxRequestsPerSecond) => {
  // WHEN
  const error = errorOf(() => push({ maxRequestsPerSecond }));

  // THEN
  expect(error.code).toBe('TRB104');
});

test('the sink records the test file line where it was created', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);

  // WHEN
  const line = thisLine() + 1;
  const sink = new ApiSink(workflow, 'Push', { input: orders.output, url: URL, idempotencyKey: 'order_id' });

  // THEN
  expect(sink._sourceLocation).toEqual(atLine(FILE, line));
});

test('an empty idempotency key is refused rather than taken as idempotent', () => {
  // WHEN
  const error = errorOf(() => push({ idempotencyKey: '' }));

  // THEN
  expect(error.code).toBe('TRB106');
  expect(error.message).toContain('idempotencyKey is empty');
});
