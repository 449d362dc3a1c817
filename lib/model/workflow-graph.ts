import { CriticalPath, GraphEdge, GraphNode, GraphWorkflow } from './graph';
import { NodeKind } from '../core/engine';
import { compare } from '../private/canonical';

/** What a WorkflowGraph is made of. */
export interface WorkflowGraphProps {
  /** Workflow-level settings. */
  readonly workflow: GraphWorkflow;
  /** The nodes, in any order. */
  readonly nodes: GraphNode[];
  /** The edges, in any order. */
  readonly edges: GraphEdge[];
}

/**
 * The immutable model of one workflow: nodes, edges and datasets as plain data, in canonical
 * order. Validation and every target read this, never the construct tree.
 */
export class WorkflowGraph {
  /** Workflow-level settings. */
  public readonly workflow: GraphWorkflow;
  /** Nodes sorted by id. */
  public readonly nodes: GraphNode[];
  /** Edges sorted by (from, to, kind). */
  public readonly edges: GraphEdge[];
  /** Node ids in topological order, ties broken by id. Nodes on a cycle, and nodes that wait for one, are left out. */
  public readonly order: string[];

  private readonly byId = new Map<string, GraphNode>();
  private readonly up = new Map<string, string[]>();
  private readonly down = new Map<string, string[]>();

  constructor(props: WorkflowGraphProps) {
    this.workflow = frozenCopy(props.workflow);
    this.nodes = frozenCopy([...props.nodes].sort((a, b) => compare(a.id, b.id) || compare(a.path, b.path)));
    this.edges = frozenCopy([...props.edges].sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to) || compare(a.kind, b.kind)));
    for (const node of this.nodes) {
      if (!this.byId.has(node.id)) this.byId.set(node.id, node);
    }
    for (const edge of this.edges) {
      this.up.set(edge.to, unique([...(this.up.get(edge.to) ?? []), edge.from]));
      this.down.set(edge.from, unique([...(this.down.get(edge.from) ?? []), edge.to]));
    }
    this.order = frozenCopy(topologicalOrder([...this.byId.keys()], this.edges));
  }

  /** The node with this id; throws if there is none. */
  public node(id: string): GraphNode {
    const node = this.byId.get(id);
    if (!node) throw new Error(`Workflow '${this.workflow.id}' has no node '${id}'`);
    return node;
  }

  /** True if the graph has a node with this id. */
  public hasNode(id: string): boolean {
    return this.byId.has(id);
  }

  /** Ids of the nodes `id` waits for directly, sorted. */
  public upstreamOf(id: string): string[] {
    return [...(this.up.get(id) ?? [])];
  }

  /** Ids of the nodes that wait for `id` directly, sorted. */
  public downstreamOf(id: string): string[] {
    return [...(this.down.get(id) ?? [])];
  }

  /** Ids of every node that runs after `id`, directly or not, sorted. */
  public descendantsOf(id: string): string[] {
    const seen = new Set<string>();
    const stack = [id];
    while (stack.length > 0) {
      for (const next of this.downstreamOf(stack.pop()!)) {
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
    return [...seen].sort(compare);
  }

  /** Ids of the sink nodes, sorted. */
  public get sinks(): string[] {
    return this.nodes.filter((n) => n.kind === NodeKind.SINK).map((n) => n.id);
  }

  /**
   * One cycle as a list of node ids that starts and ends with the same id
   * (`['a', 'b', 'a']`), or an empty list when the graph is acyclic.
   */
  public findCycle(): string[] {
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (id: string): string[] | undefined => {
      state.set(id, 'open');
      stack.push(id);
      for (const next of this.downstreamOf(id)) {
        if (!this.byId.has(next)) continue;
        if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
        if (!state.has(next)) {
          const found = visit(next);
          if (found) return found;
        }
      }
      stack.pop();
      state.set(id, 'done');
      return undefined;
    };
    for (const id of this.byId.keys()) {
      if (!state.has(id)) {
        const found = visit(id);
        if (found) return found;
      }
    }
    return [];
  }

  /**
   * The chain of nodes with the longest total duration.
   * @param durations seconds per node id; nodes not listed use their `estimatedDurationSeconds`
   */
  public criticalPath(durations?: Record<string, number>): CriticalPath {
    const duration = (id: string) => durations?.[id] ?? this.node(id).estimatedDurationSeconds;
    const finish = new Map<string, number>();
    const previous = new Map<string, string>();
    for (const id of this.order) {
      let start = 0;
      for (const up of this.upstreamOf(id)) {
        const upFinish = finish.get(up);
        if (upFinish !== undefined && (!previous.has(id) || upFinish > start)) {
          start = upFinish;
          previous.set(id, up);
        }
      }
      finish.set(id, start + duration(id));
    }
    let last: string | undefined;
    for (const id of this.order) {
      if (last === undefined || finish.get(id)! > finish.get(last)!) last = id;
    }
    const nodes: string[] = [];
    for (let id = last; id !== undefined; id = previous.get(id)) nodes.unshift(id);
    return { nodes, durationSeconds: last === undefined ? 0 : finish.get(last)! };
  }
}

function topologicalOrder(ids: string[], edges: readonly GraphEdge[]): string[] {
  const known = new Set(ids);
  const indegree = new Map(ids.map((id) => [id, 0]));
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const edge of edges) {
    if (!known.has(edge.from) || !known.has(edge.to)) continue;
    if (out.get(edge.from)!.includes(edge.to)) continue;
    out.get(edge.from)!.push(edge.to);
    indegree.set(edge.to, indegree.get(edge.to)! + 1);
  }
  const ready = ids.filter((id) => indegree.get(id) === 0).sort(compare);
  const order: string[] = [];
  while (ready.length > 0) {
    const id = ready.shift()!;
    order.push(id);
    for (const next of out.get(id)!) {
      indegree.set(next, indegree.get(next)! - 1);
      if (indegree.get(next) === 0) {
        const at = ready.findIndex((r) => compare(next, r) < 0);
        ready.splice(at === -1 ? ready.length : at, 0, next);
      }
    }
  }
  return order;
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)].sort(compare);
}

/** A deep copy of plain data, frozen at every level: the graph shares nothing with the objects it was built from. */
function frozenCopy<T>(value: T): T {
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy)) as T;
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) copy[key] = frozenCopy(v);
    return Object.freeze(copy) as T;
  }
  return value;
}
