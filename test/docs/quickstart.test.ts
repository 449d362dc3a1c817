import { Testing } from '../../lib';
import { workflow } from '../../examples/quickstart';

test('the daily orders workflow', () => {
  const files = Testing.synth(workflow); // { 'graph.json': …, 'graph.mmd': … }
  expect(files['graph.mmd']).toMatchSnapshot(); // snapshot the text, not the object
  expect(Testing.graph(workflow).upstreamOf('load_orders')).toEqual(['clean_orders', 'orders_quality']);
  expect(Testing.diagnostics(workflow)).toEqual([]);
});
