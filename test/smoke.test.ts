import { Testing } from '../lib';
import { validWorkflow } from './util';

test('a valid workflow synthesizes graph.json, graph.mmd and its Step Functions definition', () => {
  const { workflow } = validWorkflow();
  expect(Object.keys(Testing.synth(workflow))).toEqual(['graph.json', 'graph.mmd', 'stepfunctions/state-machine.asl.json']);
});
