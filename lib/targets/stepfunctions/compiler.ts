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
  let best = new Compiler(graph, options).solve(Int32Array.from(graph.byRank), 0);
  // A schedule read backwards is a schedule of the reversed graph with the same makespan, and the
  // search is not symmetric (idle instants of the as-soon-as-possible schedule, earliest-finish
  // prefixes): compile the reversed graph too, and keep the reversed result when it is shorter.
  if (options.reversed !== false) {
    const back = prepare({ ids: input.ids, durations: input.durations, edges: input.edges.map((e) => ({ from: e.to, to: e.from })) });
    const other = new Compiler(back, options).solve(Int32Array.from(back.byRank), 0);
    if (other.span < best.span * (1 - EPSILON)) best = { block: reverse(other.block), span: other.span };
  }
  // The level schedule is always valid; keep it in the rare case it is better.
  const naive = levelSchedule(input);
  return makespan(naive, graph.durations) < best.span * (1 - EPSILON) ? naive : best.block;
}

/** The block run backwards: every sequence reversed (without recursion, for deep blocks). */
export function reverse(block: Block): Block {
  // Children are rebuilt after their parent is visited: a post-order over an explicit stack.
  type Frame = { block: Block; done: Block[]; next: number };
  const stack: Frame[] = [{ block, done: [], next: 0 }];
  let last: Block = block;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    const b = frame.block;
    if (b.kind === 'task') {
      last = b;
      stack.pop();
      if (stack.length > 0) stack[stack.length - 1].done.push(last);
      continue;
    }
    const children = b.kind === 'sequence' ? b.blocks : b.branches;
    if (frame.next < children.length) {
      stack.push({ block: children[frame.next++], done: [], next: 0 });
      continue;
    }
    last = b.kind === 'sequence' ? { kind: 'sequence', blocks: frame.done.reverse() } : { kind: 'parallel', branches: frame.done };
    stack.pop();
    if (stack.length > 0) stack[stack.length - 1].done.push(last);
  }
  return last;
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
  /** The longest path, weighting each task by its duration. */
  readonly criticalPath: number;
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
  const finish = new Float64Array(n);
  let criticalPath = 0;
  for (const v of byRank) {
    let start = 0;
    for (let k = predStart[v]; k < predStart[v + 1]; k++) start = Math.max(start, finish[pred[k]]);
    finish[v] = start + dur[v];
    criticalPath = Math.max(criticalPath, finish[v]);
  }
  return { n, ids, durations: input.durations, dur, succStart, succ, predStart, pred, rank, byRank, criticalPath };
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
    this.budget = Math.min(options.budgetPerTask * g.n + 10_000, options.budgetLimit);
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
    if (this.options.cuts === 'best') {
      // Each piece that must lose something, compiled by each strategy: keep the shorter schedule.
      let best: Result | undefined;
      for (const strategy of this.strategies()) {
        const compiled = strategy.solve(nodes, level + 1);
        if (!best || compiled.span < best.span * (1 - EPSILON)) best = compiled;
      }
      // And once, at the top: all sources first and all sinks last, the rest compiled in between.
      if (level === 0 && nodes.length <= this.options.searchSize) {
        const peeled = this.peel(nodes);
        if (peeled.span < best!.span * (1 - EPSILON)) best = peeled;
      }
      item.result = best;
      return;
    }
    // No series cut loses nothing here: search the best few when the piece is small enough and
    // the budget allows, otherwise take the one with the least bound. Either way, keep the piece's
    // level-by-level split instead if it is better.
    const searching = nodes.length <= this.options.searchSize && level < this.options.searchDepth && this.work < this.budget;
    const key = searching ? nodes.join(',') : '';
    const known = searching ? this.memo.get(key) : undefined;
    if (known) {
      item.result = known;
      return;
    }
    const levels = this.levelSplit(nodes);
    const cuts = this.cuts(nodes, searching ? this.options.width : 1);
    if (searching && cuts.length > 1) {
      const found = this.search(cuts, level);
      item.result = levels.span < found.span * (1 - EPSILON) ? levels : found;
      this.memo.set(key, item.result);
      return;
    }
    item.alternative = levels;
    this.addChildren(items, item, 'sequence', [cuts[0].before, cuts[0].after]);
  }

  /** The piece as its sources, then the rest compiled, then its sinks (the piece is connected). */
  private peel(nodes: Int32Array): Result {
    const { depth, rdepth } = this;
    const first = nodes.filter((v) => depth[v] === 0);
    const last = nodes.filter((v) => depth[v] !== 0 && rdepth[v] === 0);
    const middle = nodes.filter((v) => depth[v] !== 0 && rdepth[v] !== 0);
    const ids = this.g.ids;
    const longest = (part: Int32Array) => part.reduce((m, v) => Math.max(m, this.g.dur[v]), 0);
    const inner = middle.length > 0 ? this.solve(middle, 1) : { block: sequence([]), span: 0 };
    return {
      block: sequence([parallel(Array.from(first, (v) => task(ids[v]))), inner.block, parallel(Array.from(last, (v) => task(ids[v])))]),
      span: longest(first) + inner.span + longest(last),
    };
  }

  private compilers?: Compiler[];

  /** One compiler per cut strategy, sharing nothing but the graph. */
  private strategies(): Compiler[] {
    this.compilers ??= (['time', 'hops'] as const).map((cuts) => new Compiler(this.g, { ...this.options, cuts }));
    return this.compilers;
  }

  /** Compiles each candidate cut's two sides and keeps the best, skipping cuts whose bound cannot beat it. */
  private search(cuts: Cut[], level: number): Result {
    let best: Result | undefined;
    for (const cut of cuts) {
      if (best && cut.bound >= best.span * (1 - EPSILON)) continue;
      if (best && this.work >= this.budget) break;
      const before = this.solve(cut.before, level + 1);
      const after = this.solve(cut.after, level + 1);
      const span = before.span + after.span;
      if (!best || span < best.span * (1 - EPSILON)) best = { block: sequence([before.block, after.block]), span };
    }
    return best!;
  }

  /** The piece level by level (hop depth within the piece): a sequence of Parallels of tasks. */
  private levelSplit(nodes: Int32Array): Result {
    const forward = this.levels(nodes, this.depth, false);
    const backward = this.levels(nodes, this.rdepth, true);
    return backward.span < forward.span * (1 - EPSILON) ? backward : forward;
  }

  /** The piece as a sequence of Parallels of tasks, one per value of `level` (reversed: from the end). */
  private levels(nodes: Int32Array, level: Int32Array, reversed: boolean): Result {
    const dur = this.g.dur;
    const groups: number[][] = [];
    for (let i = 0; i < nodes.length; i++) (groups[level[nodes[i]]] ??= []).push(nodes[i]);
    if (reversed) groups.reverse();
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
  private cuts(nodes: Int32Array, width: number): Cut[] {
    const m = nodes.length;
    // The best few positions, kept sorted: least bound, then most balanced, then order, then position.
    type Found = { bound: number; order: Int32Array; at: number; which: number };
    const better = (x: Found, y: Found) =>
      x.bound - y.bound || Math.abs(2 * x.at - m) - Math.abs(2 * y.at - m) || x.which - y.which || x.at - y.at;
    const keep = 3 * width;
    const found: Found[] = [];
    const orders = this.options.cuts === 'hops'
      ? [this.orderBy(nodes, this.depth, false), this.orderBy(nodes, this.rdepth, true)]
      : [this.orderBy(nodes, this.eft, false), this.orderBy(nodes, this.tail, true)];
    const maxTailFrom = new Float64Array(m + 1);
    const { eft, tail } = this;
    orders.forEach((order, which) => {
      maxTailFrom[m] = 0;
      for (let i = m - 1; i >= 0; i--) maxTailFrom[i] = Math.max(maxTailFrom[i + 1], tail[order[i]]);
      let maxEft = 0;
      for (let p = 1; p < m; p++) {
        maxEft = Math.max(maxEft, eft[order[p - 1]]);
        const bound = maxEft + maxTailFrom[p];
        if (found.length === keep && bound > found[keep - 1].bound) continue;
        const candidate = { bound, order, at: p, which };
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
      cuts.push({ bound: f.bound, before, after });
    }
    return cuts;
  }

  /**
   * The piece (sorted by rank) sorted by a key, ascending or descending, ties kept in rank order.
   * With earliest finish ascending, latest start ascending (time to the end descending), or hop
   * depth, every prefix is closed under upstreams, since rank is a topological order.
   */
  private orderBy(nodes: Int32Array, key: Float64Array | Int32Array, descending: boolean): Int32Array {
    const m = nodes.length;
    const values = Float64Array.from(nodes, (v) => key[v]).sort();
    const slot = new Int32Array(m);
    const size = new Int32Array(m + 1);
    for (let i = 0; i < m; i++) {
      const s = lowerBound(values, key[nodes[i]]);
      slot[i] = descending ? m - 1 - s : s;
      size[slot[i] + 1]++;
    }
    for (let i = 0; i < m; i++) size[i + 1] += size[i];
    const out = new Int32Array(m);
    for (let i = 0; i < m; i++) out[size[slot[i]]++] = nodes[i];
    return out;
  }

}

/** A series cut: a set closed under upstreams, run before the rest of its piece. */
interface Cut {
  /** Critical path before the cut + critical path after it: no schedule with this cut is shorter. */
  readonly bound: number;
  readonly before: Int32Array;
  readonly after: Int32Array;
}

/** How the compiler looks for series cuts where none loses nothing; the defaults suit graphs of any size. */
export interface SearchOptions {
  /**
   * Which cuts are tried: prefixes of the as-soon-as-possible and as-late-as-possible orders
   * (`time`), cuts between hop levels (`hops`), or both strategies compiled in full and the shorter
   * schedule kept (`best`).
   */
  readonly cuts: 'time' | 'hops' | 'best';
  /** Candidate cuts compiled for each piece searched. */
  readonly width: number;
  /** Nested searches at most (bounds the recursion); deeper pieces take the cut with the least bound. */
  readonly searchDepth: number;
  /** Pieces of more tasks than this take the cut with the least bound without a search. */
  readonly searchSize: number;
  /** Work (tasks examined) per task of the graph after which every piece takes the cut with the least bound. */
  readonly budgetPerTask: number;
  /** The same, whatever the graph's size: keeps compile time linear on large graphs. */
  readonly budgetLimit: number;
  /**
   * Whether the reversed graph is compiled too and the shorter schedule kept (about twice the time).
   * @default true
   */
  readonly reversed?: boolean;
}

/** The options `compileSchedule` uses unless given others. */
export const DEFAULT_OPTIONS: SearchOptions = {
  cuts: 'best',
  width: 5,
  searchDepth: 40,
  searchSize: 2500,
  budgetPerTask: 500,
  budgetLimit: 500_000,
};

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
