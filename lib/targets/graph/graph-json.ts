import type { WorkflowGraph } from '../../model/workflow-graph';
import { canonicalJson } from '../../private/canonical';

/** Version of the graph.json layout; raised when a field changes meaning. */
export const GRAPH_FORMAT_VERSION = 1;

/**
 * graph.json: the canonical model. Source locations are left out (they depend on the
 * machine's checkout), so the file is byte-identical wherever it is synthesized.
 */
export function renderGraphJson(graph: WorkflowGraph): string {
  const { sourceLocation: _w, ...workflow } = graph.workflow;
  const critical = graph.criticalPath();
  return canonicalJson({
    formatVersion: GRAPH_FORMAT_VERSION,
    workflow,
    nodes: graph.nodes.map(({ sourceLocation: _n, ...node }) => node),
    edges: graph.edges,
    order: graph.order,
    criticalPath: critical,
  });
}
