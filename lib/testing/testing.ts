import { IConstruct } from 'constructs';
import { Workflow } from '../core/workflow';
import { runLocally } from './local-run';
import type { LocalRunProps, LocalRunResult } from './local-run-types';
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

  /**
   * Rehearse one run of the workflow offline: its synthesized Step Functions definitions (children
   * included) run in aws-local-stepfunctions for `props.date`, every service call answered by a stub
   * (by default, success), with the failures asked for injected. The result's trace lists every
   * attempt of every node in start order, with the input it saw, and says whether the same order is
   * valid for the workflow's Airflow DAG. Waits and retry delays take no time.
   */
  public static async run(workflow: Workflow, props: LocalRunProps): Promise<LocalRunResult> {
    return runLocally(workflow.toGraph(), props);
  }

  private constructor() {}
}
