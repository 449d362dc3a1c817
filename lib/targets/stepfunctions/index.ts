import { validateEmr } from '../emr/validate';
import type { WorkflowGraph } from '../../model/workflow-graph';
import { DiagnosticSeverity, type Diagnostic } from '../../validation/diagnostic';
import type { ArtifactFile, ITarget } from '../target';
import { MACHINE_OVERHEAD_EVENTS, MAX_HISTORY_EVENTS } from './machines';
import { stateMachineArtifacts } from './placeholders';
import { sharedNodeStates } from './states';

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

  /**
   * The checks of this target: no node alone can take more history events than an execution
   * allows (TRB032), and the EMR Serverless limits of the job runs it starts (TRB020-TRB029, as
   * the EMR target checks them). (A warehouse check of files, which no target can run, is refused
   * by the language's own rule TRB041 before any target's checks.) Names are checked for every
   * target by TRB005.
   */
  public validate(graph: WorkflowGraph): Diagnostic[] {
    const found: Diagnostic[] = [];
    for (const id of graph.order) {
      const node = graph.node(id);
      const at = { severity: DiagnosticSeverity.ERROR, path: node.path, location: node.sourceLocation };
      const events = sharedNodeStates(graph, node).events;
      if (events > MAX_HISTORY_EVENTS - MACHINE_OVERHEAD_EVENTS) {
        found.push({
          code: 'TRB032',
          ...at,
          message: `node '${id}' alone may take ${events} Step Functions history events at its worst (every poll of every attempt); an execution allows ${MAX_HISTORY_EVENTS}`,
          fix: 'poll less often (a longer pollInterval), wait less (a shorter arrivalTimeout or timeout) or retry fewer times',
        });
      }
    }
    return [...found, ...validateEmr(graph)];
  }
}
