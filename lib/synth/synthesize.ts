import type { Workflow } from '../core/workflow';
import type { WorkflowGraph } from '../model/workflow-graph';
import { compare } from '../private/canonical';
import { builtinTargets } from '../targets/builtin';
import type { ITarget } from '../targets/target';
import { DiagnosticSeverity } from '../validation/diagnostic';
import { sortDiagnostics } from '../validation/format';
import type { Diagnostic } from '../validation/diagnostic';
import { validateGraph } from '../validation/validate';
import { diagnostic } from '../validation/rule';
import { artifactPathProblem, describeArtifactPath } from './write';
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
  // Targets the user gave are rendered once here too, so that their artifact paths are checked (TRB019) before anything is written.
  const paths = workflow._targets ? collectArtifacts(workflow, graph).problems : [];
  return sortDiagnostics(distinct([...found, ...paths, ...targetsOf(workflow).flatMap((target) => target.validate?.(graph) ?? [])]));
}

/** Diagnostics without repeats: targets that check the same thing (the EMR limits, for the EMR target and both orchestrators) report it once. */
function distinct(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = [d.code, d.severity, d.path, d.location ?? '', d.message, d.fix].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Every target's files, and a TRB019 diagnostic for each path that would leave the workflow's folder
 * or that two targets render (even differing only in case, as on a case-insensitive disk).
 */
function collectArtifacts(workflow: Workflow, graph: WorkflowGraph): { files: Map<string, string>; problems: Diagnostic[] } {
  // Targets are pure functions of the graph: the validate phase's rendering is reused by the render phase.
  // The user's targets, as they are now (none: the built-in ones, which are pure).
  const own = workflow._targets ? [...workflow._targets] : undefined;
  const cached = RENDERED.get(graph);
  if (cached && cached.workflow === workflow && sameTargets(cached.own, own)) return cached;
  const targets = own ?? builtinTargets();
  const files = new Map<string, string>();
  const folded = new Set<string>();
  const problems: Diagnostic[] = [];
  for (const target of targets) {
    for (const file of target.render(graph)) {
      const problem = artifactPathProblem(file.path)
        ?? (folded.has(String(file.path).toLowerCase()) ? 'is also rendered by another target, or differs from another path only in case' : undefined)
        ?? (typeof file.content !== 'string' ? 'has content that is not text' : undefined);
      if (problem !== undefined) {
        problems.push(diagnostic(graph.workflow, 'TRB019', `${describeArtifactPath(file.path, String(target.name))} ${problem}`,
          "render paths relative to the workflow's folder, such as 'custom/dag.json': plain names separated by '/', each path once"));
        continue;
      }
      folded.add(file.path.toLowerCase());
      files.set(file.path, file.content);
    }
  }
  RENDERED.set(graph, { workflow, own, files, problems });
  return { files, problems };
}

/** What each graph rendered to, while the graph is alive. */
const RENDERED = new WeakMap<WorkflowGraph, { workflow: Workflow; own?: readonly ITarget[]; files: Map<string, string>; problems: Diagnostic[] }>();

function sameTargets(a: readonly ITarget[] | undefined, b: readonly ITarget[] | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.length === b.length && a.every((t, i) => t === b[i]);
}

/** The targets a workflow renders: its own, or every built-in one. */
export function targetsOf(workflow: Workflow): ITarget[] {
  return workflow._targets ?? builtinTargets();
}

/** The render phase alone: every target of `workflow` over its already validated `graph`. */
export function renderWorkflow(workflow: Workflow, graph: WorkflowGraph): Record<string, string> {
  const { files, problems } = collectArtifacts(workflow, graph);
  if (problems.length > 0) throw new ValidationError(sortDiagnostics(problems));
  const result: Record<string, string> = {};
  for (const path of [...files.keys()].sort(compare)) result[path] = files.get(path)!;
  return result;
}
