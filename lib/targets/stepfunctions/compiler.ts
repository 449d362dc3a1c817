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
export function compileSchedule(input: ScheduleInput, options: SearchOptions = DEFAULT_OPTIONS): Block {
  const graph = prepare(input);
  if (graph.n === 0) return sequence([]);
  const all = Int32Array.from(graph.byRank);
  const compiler = new Compiler(graph, options);
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
  /** A schedule of the same piece to keep instead if the decomposition turns out worse. */
  alternative?: Result;
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

  private readonly memo = new Map<string, Result>();
  private readonly budget: number;
  private work = 0;

  constructor(private readonly g: Graph, private readonly options: SearchOptions) {
    this.n = g.n;
    this.budget = options.budgetPerTask * g.n + 10_000;
    this.stamp = new Int32Array(this.n);
    this.est = new Float64Array(this.n);
    this.eft = new Float64Array(this.n);
    this.tail = new Float64Array(this.n);
    this.depth = new Int32Array(this.n);
    this.rdepth = new Int32Array(this.n);
    this.component = new Int32Array(this.n);
  }

  /** Compiles a set of nodes (sorted by rank), decomposing it without recursion. */
  public solve(nodes: Int32Array, level: number): Result {
    const items: Item[] = [{ nodes }];
    for (let i = 0; i < items.length; i++) this.decompose(items, i, level);
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
      if (item.alternative && item.alternative.span < item.result.span * (1 - EPSILON)) item.result = item.alternative;
    }
    return items[0].result!;
  }

  private addChildren(items: Item[], item: Item, kind: 'sequence' | 'parallel', parts: Int32Array[]): void {
    item.kind = kind;
    item.children = parts.map((nodes) => items.push({ nodes }) - 1);
  }

  private decompose(items: Item[], at: number, level: number): void {
    const item = items[at];
    const nodes = item.nodes;
    this.work += nodes.length;
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
    const levels = this.levelSplit(nodes);

    const cuts = this.cuts(nodes);
    if (nodes.length <= this.options.searchSize && level < this.options.searchDepth && this.work < this.budget && cuts.length > 1) {
      const found = this.search(nodes, cuts, level);
      item.result = levels.span < found.span * (1 - EPSILON) ? levels : found;
      return;
    }
    item.alternative = levels;
    this.addChildren(items, item, 'sequence', [cuts[0].before(), cuts[0].after()]);
  }

  /** Compiles each candidate cut's two sides and keeps the best, stopping when no bound can beat it. */
  private search(nodes: Int32Array, cuts: Cut[], level: number): Result {
    const key = this.key(nodes);
    const known = this.memo.get(key);
    if (known) return known;
    let best: Result | undefined;
    for (const cut of cuts) {
      if (best && cut.bound >= best.span * (1 - EPSILON)) break;
      const before = this.solve(cut.before(), level + 1);
      const after = this.solve(cut.after(), level + 1);
      const span = before.span + after.span;
      if (!best || span < best.span * (1 - EPSILON)) best = { block: sequence([before.block, after.block]), span };
    }
    this.memo.set(key, best!);
    return best!;
  }

  /** The piece level by level (hop depth within the piece): a sequence of Parallels of tasks. */
  private levelSplit(nodes: Int32Array): Result {
    const { depth } = this;
    const dur = this.g.dur;
    const groups: number[][] = [];
    for (let i = 0; i < nodes.length; i++) (groups[depth[nodes[i]]] ??= []).push(nodes[i]);
    let span = 0;
    for (const group of groups) {
      let longest = 0;
      for (const v of group) longest = Math.max(longest, dur[v]);
      span += longest;
    }
    const ids = this.g.ids;
    return {
      span,
      get block() {
        return sequence(groups.map((group) => parallel(group.map((v) => task(ids[v])))));
      },
    };
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
    const { est, eft } = this;
    const m = nodes.length;
    // Candidate instants are the distinct earliest starts; the tasks that start before instant j
    // must all have finished by it.
    const starts = Float64Array.from(nodes, (v) => est[v]).sort();
    const slot = new Int32Array(m);
    const latestEnd = new Float64Array(m).fill(-Infinity);
    for (let i = 0; i < m; i++) {
      const v = nodes[i];
      slot[i] = lowerBound(starts, est[v]);
      if (eft[v] > latestEnd[slot[i]]) latestEnd[slot[i]] = eft[v];
    }
    // segmentOf[j]: how many valid instants are at or before starts[j].
    const segmentOf = new Int32Array(m);
    let count = 0;
    let endBefore = -Infinity;
    for (let j = 0; j < m; j++) {
      if (j > 0 && starts[j] > starts[j - 1] && endBefore <= starts[j]) count++;
      segmentOf[j] = count;
      endBefore = Math.max(endBefore, latestEnd[j]);
    }
    if (count === 0) return [nodes];
    const sizes = new Int32Array(count + 1);
    for (let i = 0; i < m; i++) sizes[segmentOf[slot[i]]]++;
    const segments = Array.from(sizes, (size) => new Int32Array(size));
    const fill = new Int32Array(count + 1);
    for (let i = 0; i < m; i++) {
      const k = segmentOf[slot[i]];
      segments[k][fill[k]++] = nodes[i];
    }
    return segments;
  }

  /** The nodes of `piece` (sorted by rank) that are among `members`, sorted by rank, and the others. */
  private split(piece: Int32Array, members: Int32Array): [Int32Array, Int32Array] {
    const mark = ++this.stampCounter;
    for (let i = 0; i < members.length; i++) this.stamp[members[i]] = mark;
    const inside = new Int32Array(members.length);
    const outside = new Int32Array(piece.length - members.length);
    let a = 0;
    let b = 0;
    for (let i = 0; i < piece.length; i++) {
      if (this.stamp[piece[i]] === mark) inside[a++] = piece[i];
      else outside[b++] = piece[i];
    }
    return [inside, outside];
  }

  /**
   * The most promising series cuts of a piece, best lower bound first (critical path before the
   * cut + critical path after it). Among all sets closed under upstreams, a prefix of the
   * earliest-finish order attains the least bound; prefixes of the latest-start order offer the
   * same bounds with the slack tasks on the other side.
   */
  private cuts(nodes: Int32Array): Cut[] {
    const m = nodes.length;
    const width = this.options.width;
    // The best few positions, kept sorted: least bound, then most balanced, then order, then position.
    type Found = { bound: number; order: Int32Array; at: number; which: number };
    const better = (x: Found, y: Found) =>
      x.bound - y.bound || Math.abs(2 * x.at - m) - Math.abs(2 * y.at - m) || x.which - y.which || x.at - y.at;
    const keep = 3 * width;
    const found: Found[] = [];
    const orders = [this.asapOrder(nodes), this.alapOrder(nodes)];
    const maxTailFrom = new Float64Array(m + 1);
    orders.forEach((order, which) => {
      maxTailFrom[m] = 0;
      for (let i = m - 1; i >= 0; i--) maxTailFrom[i] = Math.max(maxTailFrom[i + 1], this.tail[order[i]]);
      let maxEft = 0;
      for (let p = 1; p < m; p++) {
        maxEft = Math.max(maxEft, this.eft[order[p - 1]]);
        const candidate = { bound: maxEft + maxTailFrom[p], order, at: p, which };
        if (found.length === keep && better(candidate, found[keep - 1]) >= 0) continue;
        let i = found.length === keep ? keep - 1 : found.length;
        while (i > 0 && better(candidate, found[i - 1]) < 0) {
          found[i] = found[i - 1];
          i--;
        }
        found[i] = candidate;
      }
    });
    const cuts: Cut[] = [];
    const seen = new Set<string>();
    for (const f of found) {
      if (cuts.length >= width) break;
      const [before, after] = this.split(nodes, f.order.subarray(0, f.at));
      const key = before.join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      cuts.push({ bound: f.bound, before: () => before, after: () => after });
    }
    return cuts;
  }

  private key(nodes: Int32Array): string {
    return nodes.join(',');
  }
}

/** A series cut: a set closed under upstreams, run before the rest of its piece. */
interface Cut {
  readonly bound: number;
  before(): Int32Array;
  after(): Int32Array;
}

/** How hard the compiler searches. */
export interface SearchOptions {
  /** Candidate cuts compiled per piece that needs one. */
  readonly width: number;
  /** Nested searches at most; deeper pieces take the cut with the best bound. */
  readonly searchDepth: number;
  /** Pieces of more tasks than this take the cut with the best bound without a search. */
  readonly searchSize: number;
  /** Work (tasks examined) per task of the graph after which every piece takes the cut with the best bound. */
  readonly budgetPerTask: number;
}

const DEFAULT_OPTIONS: SearchOptions = { width: 3, searchDepth: 4, searchSize: 200, budgetPerTask: 200 };

/** The number of values in the sorted array that are less than `value`. */
function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
