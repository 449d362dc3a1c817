import { EmrTarget } from './emr/target';
import { AirflowTarget } from './airflow';
import { GraphTarget } from './graph';
import { StepFunctionsTarget } from './stepfunctions';
import type { ITarget } from './target';

/** The targets a workflow renders when it names none. A new built-in target adds one line here. */
export function builtinTargets(): ITarget[] {
  return [new GraphTarget(), new EmrTarget(), new AirflowTarget(), new StepFunctionsTarget()];
}
