import { CriticalPath, GraphEdge, GraphNode, GraphWorkflow } from './graph';
import { NodeKind } from '../core/engine';
import { compare } from '../private/canonical';
import { appendTo } from '../private/multimap';

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
      appendTo(this.up, edge.to, edge.from);
      appendTo(this.down, edge.from, edge.to);
    }
    for (const [id, ids] of this.up) this.up.set(id, unique(ids));
    for (const [id, ids] of this.down) this.down.set(id, unique(ids));
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
   * (`['a', 'b', 'a']`), or an empty list when the graph is acyclic. The first of `findCycles()`.
   */
  public findCycle(): string[] {
    return this.findCycles()[0] ?? [];
  }

  /**
   * One cycle for each group of nodes that wait for each other (strongly connected component),
   * so that every cycle is reported at once. Each cycle is the shortest one through the group's
   * smallest id, and starts and ends with it; the cycles are sorted by that id.
   */
  public findCycles(): string[][] {
    return stronglyConnected([...this.byId.keys()].sort(compare), (id) => this.downstreamOf(id).filter((n) => this.byId.has(n)))
      .filter((group) => group.length > 1 || this.downstreamOf(group[0]).includes(group[0]))
      .map((group) => shortestCycle(group, (id) => this.downstreamOf(id)))
      .sort((a, b) => compare(a[0], b[0]));
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

/** Tarjan's strongly connected components, iterative so that long chains cannot overflow the stack. */
function stronglyConnected(ids: readonly string[], next: (id: string) => string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const groups: string[][] = [];
  let counter = 0;
  for (const root of ids) {
    if (index.has(root)) continue;
    const work: Array<{ id: string; edges: string[]; at: number }> = [];
    const open = (id: string) => {
      index.set(id, counter);
      low.set(id, counter++);
      stack.push(id);
      onStack.add(id);
      work.push({ id, edges: next(id), at: 0 });
    };
    open(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame.at < frame.edges.length) {
        const to = frame.edges[frame.at++];
        if (!index.has(to)) open(to);
        else if (onStack.has(to)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(to)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].id;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.id)!));
      }
      if (low.get(frame.id) === index.get(frame.id)) {
        const group: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          group.push(member);
        } while (member !== frame.id);
        groups.push(group.sort(compare));
      }
    }
  }
  return groups;
}

/** The shortest cycle through the group's first id, staying inside the group (breadth first, ids in order). */
function shortestCycle(group: readonly string[], next: (id: string) => string[]): string[] {
  const start = group[0];
  const members = new Set(group);
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const to of next(id)) {
      if (to === start) {
        const path = [start];
        for (let at: string | undefined = id; at !== start && at !== undefined; at = previous.get(at)) path.splice(1, 0, at);
        return [...path, start];
      }
      if (members.has(to) && !previous.has(to)) {
        previous.set(to, id);
        queue.push(to);
      }
    }
  }
  return [start, start];
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
