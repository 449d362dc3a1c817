import { Stage } from 'aws-cdk-lib/core';
import type { Workflow } from '../core/workflow';
import type { WorkflowGraph } from '../model/workflow-graph';
import type { Diagnostic } from '../validation/diagnostic';
import { validateWorkflowGraph } from './synthesize';
import { validateArtifactFolders } from '../validation/validate';
import { validateSharedOutputs } from '../validation/rules/data';

/**
 * The validate phase for every workflow of an app: each workflow's own rules, plus the rule that
 * workflows writing to the same output folder (the same Stage) have distinct ids. Returns each
 * workflow's graph and diagnostics, in the order given.
 */
export function validateWorkflows(workflows: readonly Workflow[]): ValidatedWorkflow[] {
  const graphs = workflows.map((workflow) => workflow.toGraph());
  const perWorkflow = graphs.map((graph, i) => ({ graph, diagnostics: validateWorkflowGraph(workflows[i], graph) }));
  const folders = validateArtifactFolders(graphs.map((graph, i) => ({ graph, folder: Stage.of(workflows[i])?.node.path ?? '' })));
  for (const d of folders) perWorkflow[graphs.findIndex((g) => g.workflow.path === d.path)].diagnostics.push(d);
  // Two nodes writing one place, across the app's workflows (TRB062, TRB063): reported on the later node's workflow.
  for (const d of validateSharedOutputs(graphs)) {
    const owner = graphs.findIndex((g) => d.path === g.workflow.path || d.path.startsWith(`${g.workflow.path}/`));
    perWorkflow[owner === -1 ? 0 : owner].diagnostics.push(d);
  }
  return perWorkflow;
}

/** A workflow's model and what validation found in it. */
export interface ValidatedWorkflow {
  readonly graph: WorkflowGraph;
  readonly diagnostics: Diagnostic[];
}
