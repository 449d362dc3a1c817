import { Block, ScheduleInput, levelSchedule, makespan, parallel, sequence, task } from './schedule';

/**
 * Compiles a DAG of tasks into a schedule Step Functions can express (tasks, sequences and
 * Parallels), never starting a task before all its upstreams have ended.
 *
 * - Exact on series-parallel graphs (transitive edges included): the makespan equals the critical
 *   path for every choice of durations.
 * - Elsewhere some synchronisation must be added; the compiler chooses where, using the durations,
 *   so that the makespan stays close to the critical path.
 * - Deterministic: the same graph gives the same Block whatever the order of `ids` and `edges`.
 * - Near-linear in practice; no recursion proportional to the graph's size.
 *
 * Throws an `Error` if an edge names an unknown id or the edges form a cycle.
 */
export function compileSchedule(input: ScheduleInput): Block {
  const graph = prepare(input);
  if (graph.n === 0) return sequence([]);
  const all = Int32Array.from(graph.byRank);
  const compiler = new Compiler(graph);
  const compiled = compiler.solve(all, 0);
  // The level schedule is always valid; keep it in the rare case it is better.
  const naive = levelSchedule(input);
  return makespan(naive, graph.durations) < compiled.span ? naive : compiled.block;
}

/** The DAG as arrays over node indices; indices follow the sorted ids. */
interface Graph {
  readonly n: number;
  readonly ids: readonly string[];
  readonly durations: Readonly<Record<string, number>>;
  readonly dur: Float64Array;
  readonly succStart: Int32Array;
  readonly succ: Int32Array;
  readonly predStart: Int32Array;
  readonly pred: Int32Array;
  /** Position of each node in a fixed topological order (by hop depth, then id). */
  readonly rank: Int32Array;
  /** Nodes in that topological order. */
  readonly byRank: Int32Array;
}

function prepare(input: ScheduleInput): Graph {
  const ids = [...new Set(input.ids)].sort(compareStrings);
  const n = ids.length;
  const index = new Map<string, number>(ids.map((id, i) => [id, i]));
  const dur = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = input.durations[ids[i]];
    dur[i] = typeof d === 'number' && Number.isFinite(d) && d > 0 ? d : 0;
  }
  const pairs = new Set<number>();
  for (const edge of input.edges) {
    const from = index.get(edge.from);
    const to = index.get(edge.to);
    if (from === undefined || to === undefined) {
      throw new Error(`schedule edge ${edge.from} → ${edge.to} names a task that is not in the graph`);
    }
    if (from === to) throw new Error(`schedule edge ${edge.from} → ${edge.to} is a cycle`);
    pairs.add(from * n + to);
  }
  const edges = [...pairs].sort((a, b) => a - b);
  const succStart = new Int32Array(n + 1);
  const predStart = new Int32Array(n + 1);
  for (const e of edges) {
    succStart[Math.floor(e / n) + 1]++;
    predStart[(e % n) + 1]++;
  }
  for (let i = 0; i < n; i++) {
    succStart[i + 1] += succStart[i];
    predStart[i + 1] += predStart[i];
  }
  const succ = new Int32Array(edges.length);
  const pred = new Int32Array(edges.length);
  const sFill = succStart.slice(0, n);
  const pFill = predStart.slice(0, n);
  for (const e of edges) {
    const from = Math.floor(e / n);
    const to = e % n;
    succ[sFill[from]++] = to;
    pred[pFill[to]++] = from;
  }
  // Kahn's algorithm, recording the hop depth of each node.
  const indegree = new Int32Array(n);
  for (let i = 0; i < n; i++) indegree[i] = predStart[i + 1] - predStart[i];
  const hop = new Int32Array(n);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < n; i++) if (indegree[i] === 0) queue[tail++] = i;
  while (head < tail) {
    const v = queue[head++];
    for (let k = succStart[v]; k < succStart[v + 1]; k++) {
      const w = succ[k];
      if (hop[w] < hop[v] + 1) hop[w] = hop[v] + 1;
      if (--indegree[w] === 0) queue[tail++] = w;
    }
  }
  if (tail < n) {
    const stuck = ids.filter((_, i) => indegree[i] > 0);
    throw new Error(`schedule edges form a cycle through ${stuck.slice(0, 5).join(', ')}`);
  }
  const byRank = Int32Array.from(queue);
  byRank.sort((a, b) => hop[a] - hop[b] || a - b);
  const rank = new Int32Array(n);
  for (let r = 0; r < n; r++) rank[byRank[r]] = r;
  return { n, ids, durations: input.durations, dur, succStart, succ, predStart, pred, rank, byRank };
}

/** A compiled schedule of a set of tasks and its makespan. */
interface Result {
  readonly block: Block;
  readonly span: number;
}

/** How a piece of the graph was decomposed while compiling it. */
interface Item {
  readonly nodes: Int32Array;
  kind?: 'sequence' | 'parallel';
  children?: number[];
  result?: Result;
}

/** Relative tolerance under which two makespans are the same (sums of floats). */
const EPSILON = 1e-12;

class Compiler {
  private readonly n: number;
  /** Marks nodes of the piece being examined with that piece's stamp. */
  private readonly stamp: Int32Array;
  private stampCounter = 0;
  private readonly est: Float64Array;
  private readonly eft: Float64Array;
  private readonly tail: Float64Array;
  private readonly depth: Int32Array;
  private readonly rdepth: Int32Array;
  private readonly component: Int32Array;

  constructor(private readonly g: Graph) {
    this.n = g.n;
    this.stamp = new Int32Array(this.n);
    this.est = new Float64Array(this.n);
    this.eft = new Float64Array(this.n);
    this.tail = new Float64Array(this.n);
    this.depth = new Int32Array(this.n);
    this.rdepth = new Int32Array(this.n);
    this.component = new Int32Array(this.n);
  }

  /** Compiles a set of nodes (sorted by rank), decomposing it without recursion. */
  public solve(nodes: Int32Array, _level: number): Result {
    const items: Item[] = [{ nodes }];
    for (let i = 0; i < items.length; i++) this.decompose(items, i);
    for (let i = items.length - 1; i >= 0; i--) {
      const item = items[i];
      if (item.result) continue;
      const parts = item.children!.map((c) => items[c].result!);
      if (item.kind === 'parallel') {
        item.result = {
          block: parallel(parts.map((p) => p.block)),
          span: parts.reduce((m, p) => Math.max(m, p.span), 0),
        };
      } else {
        item.result = {
          block: sequence(parts.map((p) => p.block)),
          span: parts.reduce((s, p) => s + p.span, 0),
        };
      }
    }
    return items[0].result!;
  }

  private addChildren(items: Item[], item: Item, kind: 'sequence' | 'parallel', parts: Int32Array[]): void {
    item.kind = kind;
    item.children = parts.map((nodes) => items.push({ nodes }) - 1);
  }

  private decompose(items: Item[], at: number): void {
    const item = items[at];
    const nodes = item.nodes;
    const g = this.g;
    if (nodes.length === 1) {
      item.result = { block: task(g.ids[nodes[0]]), span: g.dur[nodes[0]] };
      return;
    }
    const mark = this.mark(nodes);
    const components = this.components(nodes, mark);
    if (components.length > 1) {
      this.addChildren(items, item, 'parallel', components);
      return;
    }
    this.times(nodes, mark);
    const segments = this.separatedSegments(nodes);
    if (segments.length > 1) {
      this.addChildren(items, item, 'sequence', segments);
      return;
    }
    const [a, b] = this.bestCut(nodes);
    this.addChildren(items, item, 'sequence', [a, b]);
  }

  private mark(nodes: Int32Array): number {
    const s = ++this.stampCounter;
    for (let i = 0; i < nodes.length; i++) this.stamp[nodes[i]] = s;
    return s;
  }

  /** Weakly connected components of the piece, each sorted by rank, ordered by first node. */
  private components(nodes: Int32Array, mark: number): Int32Array[] {
    const g = this.g;
    const comp = this.component;
    for (let i = 0; i < nodes.length; i++) comp[nodes[i]] = -1;
    let count = 0;
    const stack: number[] = [];
    for (let i = 0; i < nodes.length; i++) {
      const start = nodes[i];
      if (comp[start] !== -1) continue;
      comp[start] = count;
      stack.push(start);
      while (stack.length > 0) {
        const v = stack.pop()!;
        for (let k = g.succStart[v]; k < g.succStart[v + 1]; k++) {
          const w = g.succ[k];
          if (this.stamp[w] === mark && comp[w] === -1) {
            comp[w] = count;
            stack.push(w);
          }
        }
        for (let k = g.predStart[v]; k < g.predStart[v + 1]; k++) {
          const w = g.pred[k];
          if (this.stamp[w] === mark && comp[w] === -1) {
            comp[w] = count;
            stack.push(w);
          }
        }
      }
      count++;
    }
    if (count === 1) return [nodes];
    const sizes = new Int32Array(count);
    for (let i = 0; i < nodes.length; i++) sizes[comp[nodes[i]]]++;
    const parts = Array.from(sizes, (size) => new Int32Array(size));
    const fill = new Int32Array(count);
    for (let i = 0; i < nodes.length; i++) {
      const c = comp[nodes[i]];
      parts[c][fill[c]++] = nodes[i];
    }
    return parts;
  }

  /** Earliest start and finish, longest path to the end, hop depths, all within the piece. */
  private times(nodes: Int32Array, mark: number): void {
    const g = this.g;
    const { est, eft, tail, depth, rdepth, stamp } = this;
    for (let i = 0; i < nodes.length; i++) {
      const v = nodes[i];
      let start = 0;
      let d = 0;
      for (let k = g.predStart[v]; k < g.predStart[v + 1]; k++) {
        const u = g.pred[k];
        if (stamp[u] !== mark) continue;
        if (eft[u] > start) start = eft[u];
        if (depth[u] + 1 > d) d = depth[u] + 1;
      }
      est[v] = start;
      eft[v] = start + g.dur[v];
      depth[v] = d;
    }
    for (let i = nodes.length - 1; i >= 0; i--) {
      const v = nodes[i];
      let after = 0;
      let d = 0;
      for (let k = g.succStart[v]; k < g.succStart[v + 1]; k++) {
        const w = g.succ[k];
        if (stamp[w] !== mark) continue;
        if (tail[w] > after) after = tail[w];
        if (rdepth[w] + 1 > d) d = rdepth[w] + 1;
      }
      tail[v] = after + g.dur[v];
      rdepth[v] = d;
    }
  }

  /** The piece in order of earliest finish (ties: hop depth, then rank): every prefix is closed under upstreams. */
  private asapOrder(nodes: Int32Array): Int32Array {
    const { eft, depth } = this;
    const rank = this.g.rank;
    return Int32Array.from(nodes).sort((a, b) => eft[a] - eft[b] || depth[a] - depth[b] || rank[a] - rank[b]);
  }

  /** The piece in order of latest start (ties: hop depth to the end, then rank): every prefix is closed under upstreams. */
  private alapOrder(nodes: Int32Array): Int32Array {
    const { tail, rdepth } = this;
    const rank = this.g.rank;
    return Int32Array.from(nodes).sort((a, b) => tail[b] - tail[a] || rdepth[b] - rdepth[a] || rank[a] - rank[b]);
  }

  /**
   * Splits the piece at every instant when no task runs in its as-soon-as-possible schedule: such
   * cuts lose nothing, and every series composition of a series-parallel graph is one of them.
   */
  private separatedSegments(nodes: Int32Array): Int32Array[] {
    const order = this.asapOrder(nodes);
    const m = order.length;
    const minEstAfter = new Float64Array(m + 1);
    minEstAfter[m] = Infinity;
    for (let i = m - 1; i >= 0; i--) minEstAfter[i] = Math.min(minEstAfter[i + 1], this.est[order[i]]);
    const segments: Int32Array[] = [];
    let maxEft = -Infinity;
    let from = 0;
    for (let i = 0; i < m - 1; i++) {
      maxEft = Math.max(maxEft, this.eft[order[i]]);
      if (maxEft <= minEstAfter[i + 1]) {
        segments.push(this.byRank(order.subarray(from, i + 1)));
        from = i + 1;
      }
    }
    if (segments.length === 0) return [nodes];
    segments.push(this.byRank(order.subarray(from)));
    return segments;
  }

  private byRank(nodes: Int32Array): Int32Array {
    const rank = this.g.rank;
    return Int32Array.from(nodes).sort((a, b) => rank[a] - rank[b]);
  }

  /** The series cut whose lower bound (critical path before + critical path after) is least. */
  private bestCut(nodes: Int32Array): [Int32Array, Int32Array] {
    let best: { bound: number; order: Int32Array; at: number } | undefined;
    const m = nodes.length;
    for (const order of [this.asapOrder(nodes), this.alapOrder(nodes)]) {
      const maxTailFrom = new Float64Array(m + 1);
      for (let i = m - 1; i >= 0; i--) maxTailFrom[i] = Math.max(maxTailFrom[i + 1], this.tail[order[i]]);
      let maxEft = 0;
      for (let p = 1; p < m; p++) {
        maxEft = Math.max(maxEft, this.eft[order[p - 1]]);
        const bound = maxEft + maxTailFrom[p];
        if (!best || bound < best.bound * (1 - EPSILON) ||
          (bound <= best.bound * (1 + EPSILON) && Math.abs(2 * p - m) < Math.abs(2 * best.at - m))) {
          best = { bound, order, at: p };
        }
      }
    }
    return [this.byRank(best!.order.subarray(0, best!.at)), this.byRank(best!.order.subarray(best!.at))];
  }
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
