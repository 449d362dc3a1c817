import { Size } from 'aws-cdk-lib/core';
import { ApiSource, ApiSourceProps, Pagination, Secret, Testing, Workflow } from '../../lib';
import { ORDERS_SCHEMA, atLine, errorOf, newWorkflow, thisLine } from '../util';

const FILE = 'test/sources/api-source.test.ts';

/** An ApiSource named Rates with `props` over minimal ones. */
function rates(workflow: Workflow, props: Partial<ApiSourceProps> = {}): ApiSource {
  return new ApiSource(workflow, 'Rates', { baseUrl: 'https://api.example.com/v2', path: '/rates/{{ds}}', ...props });
}

test('pagination styles carry their settings, page size defaulting to 100', () => {
  // THEN
  expect([Pagination.none().style, Pagination.none().settings]).toEqual(['none', {}]);
  expect([Pagination.linkHeader().style, Pagination.linkHeader().settings]).toEqual(['link_header', {}]);
  expect(Pagination.cursor({ cursorParam: 'starting_after', nextCursorPath: 'meta.next_cursor' }).settings)
    .toEqual({ cursorParam: 'starting_after', nextCursorPath: 'meta.next_cursor' });
  expect(Pagination.page({ pageParam: 'page' }).settings).toEqual({ pageParam: 'page', pageSizeParam: undefined, pageSize: 100 });
  expect(Pagination.page({ pageParam: 'page', pageSizeParam: 'per_page', pageSize: 250 }).settings)
    .toEqual({ pageParam: 'page', pageSizeParam: 'per_page', pageSize: 250 });
});

test('pagination defaults to none, the rate limit to 5 per second, query to none and auth to none', () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  const source = rates(workflow);

  // THEN
  expect(source.pagination.style).toBe('none');
  expect(source.maxRequestsPerSecond).toBe(5);
  expect(source.auth).toBeUndefined();
  expect(Testing.graph(workflow).node('rates').properties).toEqual({
    baseUrl: 'https://api.example.com/v2',
    path: '/rates/{{ds}}',
    query: {},
    auth: undefined,
    pagination: { style: 'none' },
    maxRequestsPerSecond: 5,
  });
});

test('the graph shows a single-worker source with its secret reference, query and pagination', () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  rates(workflow, {
    query: { base: 'EUR', date: '{{ds}}' },
    auth: Secret.fromAirflowConnection('fx_api'),
    pagination: Pagination.cursor({ cursorParam: 'after', nextCursorPath: 'next' }),
    maxRequestsPerSecond: 0.5,
  });

  // THEN
  const node = Testing.graph(workflow).node('rates');
  expect(node).toMatchObject({ kind: 'source', type: 'ApiSource', engine: 'single_worker', inputs: [] });
  expect(node.properties).toEqual({
    baseUrl: 'https://api.example.com/v2',
    path: '/rates/{{ds}}',
    query: { base: 'EUR', date: '{{ds}}' },
    auth: { store: 'airflow_connection', reference: 'fx_api' },
    pagination: { style: 'cursor', cursorParam: 'after', nextCursorPath: 'next' },
    maxRequestsPerSecond: 0.5,
  });
});

test('the records land as JSON lines at the default location, with the declared schema and size', () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  rates(workflow, { schema: ORDERS_SCHEMA, estimatedSize: Size.mebibytes(2) });

  // THEN
  const output = Testing.graph(workflow).node('rates').output!;
  expect(output).toMatchObject({
    id: 'rates',
    location: 's3://test-lake/pipeline/rates/ds={{ds}}/',
    format: 'jsonl',
    estimatedSizeBytes: 2 * 1024 * 1024,
  });
  expect(output.columns).toHaveLength(4);
});

test('the base URL loses its trailing slashes and the path gains a leading one', () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  const source = rates(workflow, { baseUrl: 'https://api.example.com/v2//', path: 'rates' });

  // THEN
  expect([source.baseUrl, source.path]).toEqual(['https://api.example.com/v2', '/rates']);
});

test('the query is copied from the props', () => {
  // GIVEN
  const workflow = newWorkflow();
  const query: Record<string, string> = { base: 'EUR' };
  rates(workflow, { query });

  // WHEN
  query.base = 'USD';

  // THEN
  expect(Testing.graph(workflow).node('rates').properties.query).toEqual({ base: 'EUR' });
});

test.each(['http://api.example.com', 'api.example.com', 'https://', 'ftp://api.example.com'])('base URL %p is refused with TRB104', (baseUrl) => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  const line = thisLine() + 1;
  const error = errorOf(() => new ApiSource(workflow, 'Rates', { baseUrl, path: '/rates' }));

  // THEN
  expect(error.code).toBe('TRB104');
  expect(error.location).toEqual(atLine(FILE, line));
  expect(error.message).toContain(`baseUrl '${baseUrl}' is not an https:// URL`);
});

test.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('maxRequestsPerSecond %p is refused with TRB104', (maxRequestsPerSecond) => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  const error = errorOf(() => rates(workflow, { maxRequestsPerSecond }));

  // THEN
  expect(error.code).toBe('TRB104');
  expect(error.fix).toBe('set maxRequestsPerSecond to a number greater than 0');
});

test.each([0, 100_001, 10.5])('page size %p is refused with TRB104', (pageSize) => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  const error = errorOf(() => rates(workflow, { pagination: Pagination.page({ pageParam: 'page', pageSize }) }));

  // THEN
  expect(error.code).toBe('TRB104');
});

test('the source records the test file line where it was created', () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  const line = thisLine() + 1;
  const source = new ApiSource(workflow, 'Rates', { baseUrl: 'https://api.example.com', path: '/rates' });

  // THEN
  expect(source._sourceLocation).toEqual(atLine(FILE, line));
});
