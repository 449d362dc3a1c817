import type { GraphNode, GraphWorkflow } from '../../model/graph';
import type { Diagnostic } from '../diagnostic';
import { Rule, diagnostic } from '../rule';

const AIRFLOW_ID = /^[A-Za-z0-9_.-]+$/;
const AIRFLOW_MAX = 250;
const STEP_FUNCTIONS_MAX = 80;

/** TRB004 and TRB005: ids must be valid Airflow ids and Step Functions names. */
export const validIds: Rule = (graph) => [
  ...checkId(graph.workflow, graph.workflow.id, 'workflow id', 'DAG id', 'state machine name'),
  ...graph.nodes.flatMap((n) => checkId(n, n.id, 'node id', 'task id', 'state name')),
];

function checkId(at: GraphNode | GraphWorkflow, id: string, what: string, airflowName: string, sfnName: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  if (!AIRFLOW_ID.test(id)) {
    // One pass that removes the allowed characters (a regex per character was slow on long ids).
    const bad = [...new Set(id.replace(/[A-Za-z0-9_.-]+/g, ''))].slice(0, 10).map((ch) => JSON.stringify(ch)).join(', ');
    found.push(diagnostic(at, 'TRB004', `${what} '${id}' is not a valid Airflow ${airflowName}: ${bad ? `it contains ${bad}` : 'it is empty'}`,
      'use only ASCII letters, digits, spaces, "-", "_" and "." in the construct id'));
  } else if (id.length > AIRFLOW_MAX) {
    found.push(diagnostic(at, 'TRB004', `${what} '${id.slice(0, 40)}…' is ${id.length} characters; an Airflow ${airflowName} has at most ${AIRFLOW_MAX}`,
      'shorten the construct id'));
  }
  if (id.length > STEP_FUNCTIONS_MAX) {
    found.push(diagnostic(at, 'TRB005', `${what} '${id.slice(0, 40)}…' is ${id.length} characters; a Step Functions ${sfnName} has at most ${STEP_FUNCTIONS_MAX}`,
      `shorten the construct id to ${STEP_FUNCTIONS_MAX} characters or fewer in snake_case`));
  }
  return found;
}
