import { AirflowTarget, EmrTarget, GraphTarget, StepFunctionsTarget } from '../../lib';
import { builtinTargets } from '../../lib/targets/builtin';

test('the built-in targets are the graph, EMR, Airflow and Step Functions targets, as new instances each time (targets share no state)', () => {
  // WHEN
  const first = builtinTargets();
  const second = builtinTargets();

  // THEN
  expect(first.map((t) => t.name)).toEqual(['graph', 'emr', 'airflow', 'stepfunctions']);
  expect(first[0]).toBeInstanceOf(GraphTarget);
  expect(first[1]).toBeInstanceOf(EmrTarget);
  expect(first[2]).toBeInstanceOf(AirflowTarget);
  expect(first[3]).toBeInstanceOf(StepFunctionsTarget);
  expect(first[0]).not.toBe(second[0]);
  expect(first[1]).not.toBe(second[1]);
});
