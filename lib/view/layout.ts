import type { WorkflowGraph } from '../model/workflow-graph';

/** A place in a layered drawing: a column (layer) and a row in the column. */
export interface Slot {
  readonly layer: number;
  readonly row: number;
}

/** A node's place in a layered drawing: its column (layer) and its row in the column. */
export interface Placed extends Slot {
  readonly id: string;
}

/** An edge's route: the slots it passes through in the columns between its ends, left to right (none between adjacent columns). */
export interface Route {
  readonly from: string;
  readonly to: string;
  readonly via: readonly Slot[];
}

/** A layered drawing: every node's place, and every edge's route. */
export interface Layout {
  /** In the model's order. */
  readonly nodes: readonly Placed[];
  /** In the model's edge order. */
  readonly routes: readonly Route[];
}

/** Barycenter sweeps: enough to untangle the usual fan-in and fan-out of a workflow, linear in edges each. */
const SWEEPS = 4;

/**
 * A layered layout (Sugiyama): each node's column is its longest path from a node without upstream.
 * An edge that spans several columns passes through a slot of its own in each column between its
 * ends (a waypoint), so no edge is drawn across a node; the long edges that leave one node share their
 * waypoints as far as they run together. Rows start in the model's order (waypoints after the nodes)
 * and are reordered by a few sweeps of the barycenter heuristic (the mean row of the neighbours in
 * the column before, then in the column after), ties by the current row, so the result is
 * deterministic. Time: O(sweeps × (slots log slots + edges + waypoints)), where the waypoints of a node's
 * long edges are at most the columns its longest one spans.
 */
export function layeredLayout(graph: WorkflowGraph): Layout {
  const layer = new Map<string, number>();
  for (const id of graph.order) layer.set(id, Math.max(-1, ...graph.upstreamOf(id).map((up) => layer.get(up) ?? -1)) + 1);

  // Slots: the nodes, then one waypoint per (node, column) that one of the node's long edges crosses.
  // A waypoint's key is `\0<node>\0<column>`, which no node id can equal.
  const columns: string[][] = [];
  for (const id of graph.order) (columns[layer.get(id)!] ??= []).push(id);
  const waypoint = (from: string, column: number) => `\u0000${from}\u0000${column}`;
  const up = new Map<string, string[]>(graph.order.map((id) => [id, []]));
  const down = new Map<string, string[]>(graph.order.map((id) => [id, []]));
  const link = (a: string, b: string) => {
    down.get(a)!.push(b);
    up.get(b)!.push(a);
  };
  for (const from of graph.order) {
    const start = layer.get(from)!;
    const reach = Math.max(start, ...graph.downstreamOf(from).map((to) => layer.get(to)! - 1));
    let previous = from;
    for (let column = start + 1; column <= reach; column++) {
      const key = waypoint(from, column);
      columns[column].push(key);
      up.set(key, []);
      down.set(key, []);
      link(previous, key);
      previous = key;
    }
    for (const to of graph.downstreamOf(from)) link(layer.get(to)! - 1 === start ? from : waypoint(from, layer.get(to)! - 1), to);
  }

  const row = new Map<string, number>();
  columns.forEach((column) => column.forEach((key, i) => row.set(key, i)));
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    const downward = sweep % 2 === 0;
    const indices = columns.map((_, i) => i);
    for (const c of downward ? indices.slice(1) : indices.reverse().slice(1)) {
      const neighbours = downward ? up : down;
      const weight = new Map(columns[c].map((key) => {
        const rows = neighbours.get(key)!.map((n) => row.get(n)!);
        return [key, rows.length > 0 ? rows.reduce((a, b) => a + b, 0) / rows.length : row.get(key)!];
      }));
      columns[c].sort((a, b) => weight.get(a)! - weight.get(b)! || row.get(a)! - row.get(b)!);
      columns[c].forEach((key, i) => row.set(key, i));
    }
  }

  const slot = (key: string, column: number): Slot => ({ layer: column, row: row.get(key)! });
  return {
    nodes: graph.order.map((id) => ({ id, ...slot(id, layer.get(id)!) })),
    routes: graph.edges.map((e) => {
      const via: Slot[] = [];
      for (let column = layer.get(e.from)! + 1; column < layer.get(e.to)!; column++) via.push(slot(waypoint(e.from, column), column));
      return { from: e.from, to: e.to, via };
    }),
  };
}
