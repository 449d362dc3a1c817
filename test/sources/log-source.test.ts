import { Duration, Size } from 'aws-cdk-lib/core';
import { DataFormat, LogSource, LogSourceProps, Testing, Workflow } from '../../lib';
import { ORDERS_SCHEMA, atLine, errorOf, newWorkflow, thisLine } from '../util';

const FILE = 'test/sources/log-source.test.ts';
const LOCATION = 's3://acme-logs/clickstream/dt={{ds}}/';

/** A LogSource named Clicks with `props` over minimal ones. */
function clicks(workflow: Workflow, props: Partial<LogSourceProps> = {}): LogSource {
  return new LogSource(workflow, 'Clicks', { location: LOCATION, format: DataFormat.JSON_LINES, ...props });
}

test('arrivalTimeout defaults to 6 hours, pollInterval to 5 minutes and completionMarker to _SUCCESS', () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  const source = clicks(workflow);

  // THEN
  expect(source.arrivalTimeout.toHours()).toBe(6);
  expect(source.pollInterval.toMinutes()).toBe(5);
  expect(source.completionMarker).toBe('_SUCCESS');
  expect(Testing.graph(workflow).node('clicks').properties).toEqual({
    arrivalTimeoutSeconds: 21600,
    pollIntervalSeconds: 300,
    completionMarker: '_SUCCESS',
  });
});

test('the graph shows a sensor source whose output is the logs where they land', () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  clicks(workflow, { format: DataFormat.CSV, schema: ORDERS_SCHEMA, estimatedSize: Size.tebibytes(10) });

  // THEN
  const node = Testing.graph(workflow).node('clicks');
  expect(node).toMatchObject({
    kind: 'source',
    type: 'LogSource',
    engine: 'sensor',
    inputs: [],
    requiredColumns: [],
    output: { id: 'clicks', location: LOCATION, format: 'csv', estimatedSizeBytes: 10 * 1024 ** 4 },
  });
  expect(node.output!.columns).toHaveLength(4);
});

test('waiting settings given in the props appear in the graph', () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  clicks(workflow, { arrivalTimeout: Duration.hours(2), pollInterval: Duration.minutes(1), completionMarker: '_DONE' });

  // THEN
  expect(Testing.graph(workflow).node('clicks').properties).toEqual({
    arrivalTimeoutSeconds: 7200,
    pollIntervalSeconds: 60,
    completionMarker: '_DONE',
  });
});

test('a location without {{ds}} is refused with TRB105', () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  const line = thisLine() + 1;
  const error = errorOf(() => new LogSource(workflow, 'Clicks', { location: 's3://acme-logs/clickstream', format: DataFormat.JSON_LINES }));

  // THEN
  expect(error.code).toBe('TRB105');
  expect(error.constructPath).toBe('Test/Pipeline/Clicks');
  expect(error.location).toEqual(atLine(FILE, line));
  expect(error.fix).toContain("'s3://acme-logs/clickstream/dt={{ds}}/'");
});

test('a poll interval longer than the arrival timeout is refused with TRB104', () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  const error = errorOf(() => clicks(workflow, { arrivalTimeout: Duration.minutes(10), pollInterval: Duration.minutes(15) }));

  // THEN
  expect(error.code).toBe('TRB104');
  expect(error.message).toContain('pollInterval (15 minutes) is longer than arrivalTimeout (10 minutes)');
});

test('a poll interval longer than the default arrival timeout is refused', () => {
  // GIVEN
  const workflow = newWorkflow();

  // THEN
  expect(errorOf(() => clicks(workflow, { pollInterval: Duration.hours(7) })).code).toBe('TRB104');
});

test('a poll interval equal to the arrival timeout is accepted', () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  const source = clicks(workflow, { arrivalTimeout: Duration.minutes(10), pollInterval: Duration.minutes(10) });

  // THEN
  expect(source.pollInterval.toMinutes()).toBe(10);
});

test('the source records the test file line where it was created', () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  const line = thisLine() + 1;
  const source = new LogSource(workflow, 'Clicks', { location: LOCATION, format: DataFormat.PARQUET });

  // THEN
  expect(source._sourceLocation).toEqual(atLine(FILE, line));
});

test('an arrival timeout that is not a whole number of seconds throws TRB104', () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  const error = errorOf(() => new LogSource(workflow, 'Logs', {
    location: 's3://acme-logs/app/dt={{ds}}/', format: DataFormat.JSON_LINES, arrivalTimeout: Duration.millis(100),
  }));

  // THEN
  expect(error.code).toBe('TRB104');
  expect(error.message).toContain('arrivalTimeout is 100 millis');
});
