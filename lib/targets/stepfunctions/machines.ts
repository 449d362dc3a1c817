import { canonicalJson } from '../../private/canonical';
import type { WorkflowGraph } from '../../model/workflow-graph';
import type { StateMachineArtifact } from './placeholders';

/** Every state machine of a workflow, children before parents. */
export function buildStateMachines(graph: WorkflowGraph): StateMachineArtifact[] {
  const definition = { Comment: `Tributary workflow ${graph.workflow.id}`, StartAt: 'Done', States: { Done: { Type: 'Succeed' } } };
  return [{ name: graph.workflow.id, path: 'stepfunctions/state-machine.asl.json', definition: canonicalJson(definition), placeholders: [], children: [] }];
}
