import { snakeCase, closest } from '../../private/names';
import { DiagnosticSeverity } from '../diagnostic';
import { Rule, diagnostic } from '../rule';

/** TRB001: the graph must be acyclic. Every cycle is reported, each printed as `a => b => a`. */
export const noCycles: Rule = (graph) => {
  // Two nodes sharing one id (TRB003) merge in the graph, which can close a cycle that is not in the app: those are not reported.
  const seen = new Set<string>();
  const duplicated = new Set(graph.nodes.map((n) => n.id).filter((id) => seen.has(id) || !seen.add(id)));
  return graph.findCycles().filter((cycle) => !cycle.some((id) => duplicated.has(id))).map((cycle) =>
  diagnostic(graph.node(cycle[0]), 'TRB001', `cycle: ${cycle.join(' => ')}`,
    `remove one of these dependencies (an addDependency call or an input) so that '${cycle[0]}' does not wait for itself`));
};

/** TRB002: every input and dependency must be a node of the same workflow. */
export const knownUpstream: Rule = (graph) => {
  const ids = graph.nodes.map((n) => n.id);
  return graph.nodes.flatMap((node) => node.upstream.filter((ref) => !graph.hasNode(ref)).map((ref) => {
    const asInput = node.inputs.includes(ref);
    const suggestion = closest(snakeCase(ref.split('/').pop() ?? ref), ids);
    return diagnostic(node, 'TRB002',
      `${asInput ? 'input' : 'dependency'} '${ref}' is not a node of workflow '${graph.workflow.id}'`
        + (suggestion ? `; did you mean '${suggestion}'?` : ''),
      suggestion
        ? `use the output of '${suggestion}' in this workflow, or read the other workflow's dataset through a source`
        : "read the other workflow's dataset through a source of this workflow (a LogSource on its location), or move the node into this workflow");
  }));
};

/** TRB003: node ids must stay unique after normalisation to snake_case. */
export const uniqueIds: Rule = (graph) => {
  const firstById = new Map<string, string>();
  const found = [];
  for (const node of graph.nodes) {
    const first = firstById.get(node.id);
    if (first === undefined) {
      firstById.set(node.id, node.path);
      continue;
    }
    found.push(diagnostic(node, 'TRB003', `node id '${node.id}' is also the id of '${first}': both construct ids normalise to it`,
      'rename one of the two constructs so that their snake_case forms differ'));
  }
  return found;
};

/** TRB014 (warning): a workflow without sinks delivers nothing. */
export const hasSinks: Rule = (graph) => graph.sinks.length > 0 ? [] : [
  diagnostic(graph.workflow, 'TRB014', `workflow '${graph.workflow.id}' has no sinks, so its results reach no warehouse, API or broker`,
    'add a WarehouseSink, ApiSink or EventSink, or delete the workflow if it is no longer used', DiagnosticSeverity.WARNING),
];
