import { IConstruct } from 'constructs';
import { Workflow } from '../core/workflow';
import type { WorkflowGraph } from '../model/workflow-graph';
import { synthesizeWorkflow } from '../synth/synthesize';
import { validateWorkflows } from '../synth/validate-app';
import type { Diagnostic } from '../validation/diagnostic';
import { sortDiagnostics } from '../validation/format';

/** Helpers for unit tests of workflows: synthesize in memory, read the graph, list diagnostics. */
export class Testing {
  /**
   * Synthesize one workflow in memory: `{ relativePath: content }`, paths relative to
   * `tributary/<workflow_id>/` in sorted order. Throws ValidationError when validation fails.
   * Snapshot each file's text, not the object, so that order changes show in the diff.
   */
  public static synth(workflow: Workflow): Record<string, string> {
    return synthesizeWorkflow(workflow);
  }

  /** The workflow's model, for assertions on nodes, edges, order and critical path. */
  public static graph(workflow: Workflow): WorkflowGraph {
    return workflow.toGraph();
  }

  /** Every diagnostic, errors and warnings, without throwing. */
  public static diagnostics(workflow: Workflow): Diagnostic[] {
    return workflow.validate();
  }

  /**
   * Every diagnostic of every workflow under `scope` (an App, a Stage or a Stack), including those
   * that concern several workflows at once (TRB016), in a stable order, without throwing.
   */
  public static appDiagnostics(scope: IConstruct): Diagnostic[] {
    return sortDiagnostics(validateWorkflows(scope.node.findAll().filter(Workflow.isWorkflow)).flatMap((v) => v.diagnostics));
  }

  private constructor() {}
}
