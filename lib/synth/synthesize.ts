import type { Workflow } from '../core/workflow';
import type { WorkflowGraph } from '../model/workflow-graph';
import { compare } from '../private/canonical';
import { builtinTargets } from '../targets/builtin';
import { DiagnosticSeverity } from '../validation/diagnostic';
import { validateGraph } from '../validation/validate';
import { ValidationError } from '../validation/validation-error';

/**
 * Model, validate and render one workflow in memory: `{ relativePath: content }` in sorted
 * path order. Throws ValidationError, with every error, before anything is rendered.
 */
export function synthesizeWorkflow(workflow: Workflow): Record<string, string> {
  const graph = workflow.toGraph();
  const errors = validateGraph(graph).filter((d) => d.severity === DiagnosticSeverity.ERROR);
  if (errors.length > 0) throw new ValidationError(errors);
  return renderWorkflow(workflow, graph);
}

/** The render phase alone: every target of `workflow` over its already validated `graph`. */
export function renderWorkflow(workflow: Workflow, graph: WorkflowGraph): Record<string, string> {
  const files = new Map<string, string>();
  for (const target of workflow._targets ?? builtinTargets()) {
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
