import { Testing } from '../lib';
import { validWorkflow } from './util';

test('a valid workflow synthesizes its graph, EMR job specs, Airflow DAG and Step Functions definition', () => {
  const { workflow } = validWorkflow();
  expect(Object.keys(Testing.synth(workflow))).toEqual([
    'airflow/pipeline.json', 'airflow/pipeline.py', 'emr/enrich.json', 'emr/orders.json', 'graph.json', 'graph.mmd', 'stepfunctions/state-machine.asl.json',
  ]);
});
