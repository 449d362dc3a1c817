import { Testing } from '../lib';
import { validWorkflow } from './util';

test('a valid workflow synthesizes graph.json and graph.mmd', () => {
  const { workflow } = validWorkflow();
  expect(Object.keys(Testing.synth(workflow))).toEqual(['emr/enrich.json', 'emr/orders.json', 'graph.json', 'graph.mmd']);
});
