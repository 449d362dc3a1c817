import type { Workflow } from '../core/workflow';
import type { WorkflowGraph } from '../model/workflow-graph';
import { compare } from '../private/canonical';
import { builtinTargets } from '../targets/builtin';
import type { ITarget } from '../targets/target';
import { DiagnosticSeverity } from '../validation/diagnostic';
import { sortDiagnostics } from '../validation/format';
import type { Diagnostic } from '../validation/diagnostic';
import { validateGraph } from '../validation/validate';
import { ValidationError } from '../validation/validation-error';

/**
 * Model, validate and render one workflow in memory: `{ relativePath: content }` in sorted
 * path order. Throws ValidationError, with every error, before anything is rendered.
 */
export function synthesizeWorkflow(workflow: Workflow): Record<string, string> {
  const graph = workflow.toGraph();
  const errors = validateWorkflowGraph(workflow, graph).filter((d) => d.severity === DiagnosticSeverity.ERROR);
  if (errors.length > 0) throw new ValidationError(errors);
  return renderWorkflow(workflow, graph);
}

/** The validate phase for one workflow: the rules over its graph, then each of its targets' own checks. */
export function validateWorkflowGraph(workflow: Workflow, graph: WorkflowGraph): Diagnostic[] {
  const found = validateGraph(graph);
  // A target's checks assume a graph the rules accept (acyclic, ids unique): run them only then.
  if (found.some((d) => d.severity === DiagnosticSeverity.ERROR)) return found;
  return sortDiagnostics([...found, ...targetsOf(workflow).flatMap((target) => target.validate?.(graph) ?? [])]);
}

/** The targets a workflow renders: its own, or every built-in one. */
export function targetsOf(workflow: Workflow): ITarget[] {
  return workflow._targets ?? builtinTargets();
}

/** The render phase alone: every target of `workflow` over its already validated `graph`. */
export function renderWorkflow(workflow: Workflow, graph: WorkflowGraph): Record<string, string> {
  const files = new Map<string, string>();
  for (const target of targetsOf(workflow)) {
    for (const file of target.render(graph)) {
      if (files.has(file.path)) {
        throw new Error(`Target '${target.name}' renders '${file.path}', which another target of workflow '${graph.workflow.id}' already rendered`);
      }
      files.set(file.path, file.content);
    }
  }
  const result: Record<string, string> = {};
  for (const path of [...files.keys()].sort(compare)) result[path] = files.get(path)!;
  return result;
}
