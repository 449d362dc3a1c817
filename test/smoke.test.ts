import { Testing } from '../lib';
import { validWorkflow } from './util';

test('a valid workflow synthesizes graph.json, graph.mmd and the Airflow DAG', () => {
  const { workflow } = validWorkflow();
  expect(Object.keys(Testing.synth(workflow))).toEqual(['airflow/pipeline.json', 'airflow/pipeline.py', 'emr/enrich.json', 'emr/orders.json', 'graph.json', 'graph.mmd']);
});
