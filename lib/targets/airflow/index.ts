import { buildAirflowDag } from './dag';
import { renderDagJson } from './dag-json';
import { renderDagPython } from './render-python';
import { validateForAirflow } from './validate';
import { validateEmr } from '../emr/validate';
import type { WorkflowGraph } from '../../model/workflow-graph';
import type { Diagnostic } from '../../validation/diagnostic';
import type { ArtifactFile, ITarget } from '../target';

/**
 * An Apache Airflow 3 DAG per workflow: `airflow/<workflow_id>.py`, which Airflow's DagBag
 * loads, and `airflow/<workflow_id>.json`, the same DAG as data. EMR jobs read the EMR
 * application, job role, scripts location and log location from the Airflow Variables
 * `tributary_emr_application_id`, `tributary_emr_job_role_arn`, `tributary_scripts_location` and
 * `tributary_emr_log_uri` when they run.
 */
export class AirflowTarget implements ITarget {
  /** `airflow`. */
  public readonly name = 'airflow';

  /** Render the DAG file and its JSON form. */
  public render(graph: WorkflowGraph): ArtifactFile[] {
    const dag = buildAirflowDag(graph);
    return [
      { path: `airflow/${graph.workflow.id}.json`, content: renderDagJson(dag) },
      { path: `airflow/${graph.workflow.id}.py`, content: renderDagPython(dag) },
    ];
  }

  /** Airflow's own rule, the length of DAG tags (TRB040), and the EMR Serverless limits of the job runs the DAG starts (TRB020-TRB029). */
  public validate(graph: WorkflowGraph): Diagnostic[] {
    return [...validateForAirflow(graph), ...validateEmr(graph)];
  }
}
