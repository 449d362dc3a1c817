import type { AirflowDag } from '../../../lib/targets/airflow/dag-model';
import { AIRFLOW_JSON_FORMAT_VERSION, renderDagJson } from '../../../lib/targets/airflow/dag-json';
import { PyAsset, PyDate, PyTimedelta } from '../../../lib/targets/airflow/python-literal';

const DAG: AirflowDag = {
  dagId: 'orders',
  constructPath: 'Stack/Orders',
  arguments: [['start_date', new PyDate('2026-01-01')], ['default_args', { retry_delay: new PyTimedelta(60) }]],
  tasks: [
    { taskId: 'b', node: 'b', operator: { name: 'S3KeySensor', module: 'm.s3' }, arguments: [['timeout', 60]], upstream: [] },
    { taskId: 'a', node: 'a', operator: { name: 'X', module: 'm' }, arguments: [['execution_timeout', new PyTimedelta(5)]], upstream: ['b'] },
  ],
  variables: [],
};

test('the JSON form lists the DAG arguments, and the tasks in order with operator, arguments and upstream tasks', () => {
  // WHEN
  const data = JSON.parse(renderDagJson(DAG));

  // THEN
  expect(data).toEqual({
    formatVersion: AIRFLOW_JSON_FORMAT_VERSION,
    dagId: 'orders',
    generatedFrom: 'Stack/Orders',
    arguments: { start_date: { datetime: '2026-01-01T00:00:00+00:00' }, default_args: { retry_delay: { timedelta: { seconds: 60 } } } },
    variables: [],
    tasks: [
      { taskId: 'b', node: 'b', operator: 'm.s3.S3KeySensor', arguments: { timeout: 60 }, upstream: [] },
      { taskId: 'a', node: 'a', operator: 'm.X', arguments: { execution_timeout: { timedelta: { seconds: 5 } } }, upstream: ['b'] },
    ],
  });
});

test('the JSON form is canonical: sorted keys, two-space indentation, a final newline', () => {
  // WHEN
  const text = renderDagJson(DAG);

  // THEN
  expect(text.endsWith('}\n')).toBe(true);
  expect(text.indexOf('"arguments"')).toBeLessThan(text.indexOf('"dagId"'));
  expect(text).toContain('\n  "dagId": "orders",\n');
});

test('an asset in the JSON form is its name, URI and extra under "asset"', () => {
  // GIVEN
  const asset = new PyAsset('w.orders', 's3://lake/orders', { location: 's3://lake/orders/ds={{ds}}/', format: 'parquet' });
  const dag: AirflowDag = { ...DAG, tasks: [{ ...DAG.tasks[0], arguments: [['inlets', [asset]], ['outlets', [asset]]] }] };

  // WHEN
  const task = JSON.parse(renderDagJson(dag)).tasks[0];

  // THEN
  const expected = { asset: { name: 'w.orders', uri: 's3://lake/orders', extra: { location: 's3://lake/orders/ds={{ds}}/', format: 'parquet' } } };
  expect(task.arguments).toEqual({ inlets: [expected], outlets: [expected] });
});
