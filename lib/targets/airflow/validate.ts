import type { WorkflowGraph } from '../../model/workflow-graph';
import type { Diagnostic } from '../../validation/diagnostic';
import { diagnostic } from '../../validation/rule';

/** The longest DAG tag Airflow accepts (`TAG_MAX_LEN`). */
export const AIRFLOW_TAG_MAX = 100;

/**
 * The Airflow target's own rules: what Airflow would refuse although the
 * model is valid. TRB040: a DAG tag over 100 characters. (A warehouse check's custom SQL of several
 * statements is refused for every workflow by the language's rule TRB042.)
 */
export function validateForAirflow(graph: WorkflowGraph): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const key of Object.keys(graph.workflow.tags).sort()) {
    const tag = `${key}:${graph.workflow.tags[key]}`;
    if (tag.length > AIRFLOW_TAG_MAX) {
      found.push(diagnostic(graph.workflow, 'TRB040',
        `tag '${key}' becomes the DAG tag '${tag.slice(0, 40)}…' of ${tag.length} characters; Airflow accepts at most ${AIRFLOW_TAG_MAX}`,
        `shorten the tag's key and value to ${AIRFLOW_TAG_MAX - 1} characters in all`));
    }
  }
  return found;
}
