import type { WorkflowGraph } from '../../model/workflow-graph';
import { DiagnosticSeverity, type Diagnostic } from '../../validation/diagnostic';
import type { ArtifactFile, ITarget } from '../target';
import { MACHINE_OVERHEAD_EVENTS, MAX_HISTORY_EVENTS } from './machines';
import { MAX_STATE_NAME } from './names';
import { stateMachineArtifacts } from './placeholders';
import { nodeStates } from './states';

/** Longest workflow id whose child machine names (`<workflow_id>_part_001`) stay within 80 characters. */
const MAX_WORKFLOW_ID = MAX_STATE_NAME - '_part_001'.length;

/**
 * AWS Step Functions: `stepfunctions/state-machine.asl.json`, a JSONPath state machine definition with
 * every ARN and account-specific value as a `${Name}` placeholder (children beside it when the
 * workflow is split to stay inside the service quotas). One run per logical date: the execution
 * input carries `ds`.
 */
export class StepFunctionsTarget implements ITarget {
  /** `stepfunctions`. */
  public readonly name = 'stepfunctions';

  /** Render the definition of every state machine of the workflow. */
  public render(graph: WorkflowGraph): ArtifactFile[] {
    return stateMachineArtifacts(graph).map((a) => ({ path: a.path, content: a.definition }));
  }

  /** The Step Functions quotas a workflow must fit: state and machine names, history events of a single node. */
  public validate(graph: WorkflowGraph): Diagnostic[] {
    const found: Diagnostic[] = [];
    const at = (node: { path: string; sourceLocation?: string }) => ({ path: node.path, location: node.sourceLocation });
    if (graph.workflow.id.length > MAX_WORKFLOW_ID) {
      found.push({
        code: 'TRB031',
        severity: DiagnosticSeverity.ERROR,
        ...at(graph.workflow),
        message: `workflow id '${graph.workflow.id}' has ${graph.workflow.id.length} characters; Step Functions state machine names (the id, and '<id>_part_001' for a split workflow) allow 80`,
        fix: `give the workflow a construct id whose snake_case form has at most ${MAX_WORKFLOW_ID} characters`,
      });
    }
    for (const id of graph.order) {
      const node = graph.node(id);
      if (id.length > MAX_STATE_NAME) {
        found.push({
          code: 'TRB030',
          severity: DiagnosticSeverity.ERROR,
          ...at(node),
          message: `node id '${id}' has ${id.length} characters; a Step Functions state is named by the node id and state names allow ${MAX_STATE_NAME}`,
          fix: `give the node a construct id whose snake_case form has at most ${MAX_STATE_NAME} characters`,
        });
        continue;
      }
      const events = nodeStates(graph, node).events;
      if (events > MAX_HISTORY_EVENTS - MACHINE_OVERHEAD_EVENTS) {
        found.push({
          code: 'TRB032',
          severity: DiagnosticSeverity.ERROR,
          ...at(node),
          message: `node '${id}' alone may take ${events} Step Functions history events at its worst (every poll of every attempt), more than the ${MAX_HISTORY_EVENTS} an execution allows`,
          fix: 'poll less often (a longer pollInterval), wait less (a shorter arrivalTimeout or timeout) or retry fewer times',
        });
      }
    }
    return found;
  }
}
