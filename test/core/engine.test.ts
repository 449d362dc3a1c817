import { Engine, NodeKind, Testing } from '../../lib';
import { validWorkflow } from '../util';

test('engine values are the strings written to artifacts', () => {
  // THEN
  expect(Object.entries(Engine)).toEqual([
    ['SPARK', 'spark'],
    ['WAREHOUSE', 'warehouse'],
    ['SINGLE_WORKER', 'single_worker'],
    ['SENSOR', 'sensor'],
    ['DATABASE_EXPORT', 'database_export'],
    ['CHANGE_DATA_CAPTURE', 'change_data_capture'],
  ]);
});

test('node kind values are the strings written to artifacts', () => {
  // THEN
  expect(Object.entries(NodeKind)).toEqual([
    ['SOURCE', 'source'],
    ['TASK', 'task'],
    ['SINK', 'sink'],
  ]);
});

test('the graph carries engine and kind as those strings', () => {
  // GIVEN
  const { workflow } = validWorkflow();

  // WHEN
  const graph = Testing.graph(workflow);

  // THEN
  expect(graph.nodes.map((n) => [n.id, n.kind, n.engine])).toEqual([
    ['enrich', 'task', 'spark'],
    ['load', 'sink', 'warehouse'],
    ['orders', 'source', 'spark'],
  ]);
});
