import type { WorkflowGraph } from '../model/workflow-graph';

/** A node's place in a layered drawing: its column (layer) and its row in the column. */
export interface Placed {
  readonly id: string;
  readonly layer: number;
  readonly row: number;
}

/** Barycenter sweeps: enough to untangle the usual fan-in and fan-out of a workflow, linear in edges each. */
const SWEEPS = 4;

/**
 * A layered layout (Sugiyama without dummy nodes): each node's column is its longest path from a
 * node without upstream; rows start in the model's order and are reordered by a few sweeps of the
 * barycenter heuristic (the mean row of the upstream nodes, then of the downstream ones), ties by
 * the current row, so the result is deterministic. Time: O(sweeps × (nodes log nodes + edges)).
 */
export function layeredLayout(graph: WorkflowGraph): Placed[] {
  const layer = new Map<string, number>();
  for (const id of graph.order) layer.set(id, Math.max(-1, ...graph.upstreamOf(id).map((up) => layer.get(up) ?? -1)) + 1);
  const columns: string[][] = [];
  for (const id of graph.order) (columns[layer.get(id)!] ??= []).push(id);
  const row = new Map<string, number>();
  const number = () => columns.forEach((column) => column.forEach((id, i) => row.set(id, i)));
  number();
  const up = new Map(graph.order.map((id) => [id, graph.upstreamOf(id)]));
  const down = new Map(graph.order.map((id) => [id, graph.downstreamOf(id)]));
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    const downward = sweep % 2 === 0;
    const indices = columns.map((_, i) => i);
    for (const c of downward ? indices.slice(1) : indices.reverse().slice(1)) {
      const neighbours = downward ? up : down;
      const key = new Map(columns[c].map((id) => {
        const rows = neighbours.get(id)!.map((n) => row.get(n)!);
        return [id, rows.length > 0 ? rows.reduce((a, b) => a + b, 0) / rows.length : row.get(id)!];
      }));
      columns[c].sort((a, b) => key.get(a)! - key.get(b)! || row.get(a)! - row.get(b)!);
      columns[c].forEach((id, i) => row.set(id, i));
    }
  }
  return graph.order.map((id) => ({ id, layer: layer.get(id)!, row: row.get(id)! }));
}
