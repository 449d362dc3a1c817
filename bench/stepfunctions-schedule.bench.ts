#!/usr/bin/env node
/**
 * Quality and speed of the Step Functions schedule compiler, as ratios measured in the same run:
 *
 * 1. makespan ÷ critical path over a seeded set of random DAGs (20 to 2,000 tasks; five shapes),
 *    for `compileSchedule` and for the naive `levelSchedule` on the same graphs (1.00 is the best
 *    any schedule can do; a Step Functions schedule can only add waiting), and the compiler against
 *    two better references: `cutBound`, a lower bound on every Step Functions schedule (at least
 *    the critical path), and `optimum`, the best Step Functions schedule found by exhaustive search,
 *    on the graphs whose components all have at most 24 tasks;
 * 2. compile time at 100, 1,000 and 10,000 tasks, per task, and its ratio 10,000 vs 100 (1 = linear).
 *
 * Prints one JSON object. Run with
 * `npx ts-node --transpile-only --prefer-ts-exts -P tsconfig.dev.json bench/stepfunctions-schedule.bench.ts`
 * (also part of `npm run bench`).
 */
import { performance } from 'perf_hooks';
import { compileSchedule } from '../lib/targets/stepfunctions/compiler';
import { ScheduleInput, levelSchedule, makespan } from '../lib/targets/stepfunctions/schedule';

/** A small seeded generator (mulberry32): the same seed gives the same graphs on every machine. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Edge = { from: string; to: string };
export const SHAPES = ['layered', 'erdos-renyi', 'fork-join', 'fan-out', 'chains'] as const;
export type Shape = (typeof SHAPES)[number];

/** A random DAG of about `n` tasks of the given shape, durations 1 to 60 minutes. */
export function randomDag(shape: Shape, n: number, rnd: () => number): ScheduleInput {
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const ids = Array.from({ length: n }, (_, i) => `t${String(i).padStart(5, '0')}`);
  const edges: Edge[] = [];
  const edge = (a: number, b: number) => edges.push({ from: ids[a], to: ids[b] });
  switch (shape) {
    case 'layered': {
      // Layers of random width; each task reads 1–3 tasks of the layer before, near its position,
      // and sometimes one of two layers before.
      const layers: number[][] = [];
      let next = 0;
      while (next < n) {
        const width = Math.min(n - next, int(1, Math.max(2, Math.round(Math.sqrt(n)))));
        layers.push(Array.from({ length: width }, (_, i) => next + i));
        next += width;
      }
      for (let l = 1; l < layers.length; l++) {
        const before = layers[l - 1];
        layers[l].forEach((task, i) => {
          const centre = Math.round((i / layers[l].length) * before.length);
          const parents = new Set<number>();
          for (let k = int(1, 3); k > 0; k--) parents.add(before[Math.min(before.length - 1, Math.max(0, centre + int(-2, 2)))]);
          if (l >= 2 && rnd() < 0.1) parents.add(layers[l - 2][int(0, layers[l - 2].length - 1)]);
          for (const p of parents) edge(p, task);
        });
      }
      break;
    }
    case 'erdos-renyi': {
      // A random order of the tasks; each pair in that order is an edge with probability 2/n.
      const order = ids.map((_, i) => i);
      for (let i = n - 1; i > 0; i--) {
        const j = int(0, i);
        [order[i], order[j]] = [order[j], order[i]];
      }
      const p = 2 / n;
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (rnd() < p) edge(order[i], order[j]);
      break;
    }
    case 'fork-join': {
      // A random series-parallel graph, plus some transitive edges (already implied by the others).
      seriesParallel(n, rnd, edge);
      break;
    }
    case 'fan-out': {
      // A few sources fan out wide; the wide layer fans in to a few sinks; some wide tasks read
      // another wide task.
      const hubs = Math.max(1, Math.round(n / 100));
      const sinks = Math.max(1, Math.round(n / 100));
      const wide = n - hubs - sinks;
      for (let i = 0; i < wide; i++) {
        const task = hubs + i;
        edge(int(0, hubs - 1), task);
        if (i > 0 && rnd() < 0.1) edge(hubs + int(0, i - 1), task);
        edge(task, hubs + wide + int(0, sinks - 1));
      }
      break;
    }
    case 'chains': {
      // 2–8 long chains side by side, with a cross link every ten tasks or so.
      const k = int(2, 8);
      const chainOf = (i: number) => i % k;
      for (let i = k; i < n; i++) edge(i - k, i);
      for (let c = Math.round(n / 10); c > 0; c--) {
        const a = int(0, n - 1);
        const b = a + int(1, 4) * k + int(0, k - 1);
        if (b < n && chainOf(a) !== chainOf(b)) edge(a, b);
      }
      break;
    }
  }
  const durations: Record<string, number> = {};
  for (const id of ids) durations[id] = int(1, 60) * 60;
  return { ids, edges, durations };
}

/** Edges of a random series-parallel graph over tasks 0..n-1, with some transitive edges added. */
function seriesParallel(n: number, rnd: () => number, edge: (a: number, b: number) => void): void {
  // Split the range of task numbers at random, top down; compose the halves bottom up, each
  // in series or in parallel.
  type Range = { from: number; to: number; mid: number };
  type Part = { sources: number[]; sinks: number[]; all: number[] };
  const ranges: Range[] = [];
  const stack = [{ from: 0, to: n }];
  while (stack.length > 0) {
    const { from, to } = stack.pop()!;
    const mid = to - from > 1 ? from + 1 + Math.floor(rnd() * (to - from - 1)) : to;
    ranges.push({ from, to, mid });
    if (to - from > 1) stack.push({ from, to: mid }, { from: mid, to });
  }
  const parts = new Map<string, Part>();
  for (let i = ranges.length - 1; i >= 0; i--) {
    const { from, to, mid } = ranges[i];
    if (to - from === 1) {
      parts.set(`${from}:${to}`, { sources: [from], sinks: [from], all: [from] });
      continue;
    }
    const left = parts.get(`${from}:${mid}`)!;
    const right = parts.get(`${mid}:${to}`)!;
    parts.delete(`${from}:${mid}`);
    parts.delete(`${mid}:${to}`);
    const all = left.all.concat(right.all);
    if (rnd() < 0.5) {
      for (const a of left.sinks) for (const b of right.sources) edge(a, b);
      if (rnd() < 0.3) edge(left.all[Math.floor(rnd() * left.all.length)], right.all[Math.floor(rnd() * right.all.length)]);
      parts.set(`${from}:${to}`, { sources: left.sources, sinks: right.sinks, all });
    } else {
      parts.set(`${from}:${to}`, { sources: left.sources.concat(right.sources), sinks: left.sinks.concat(right.sinks), all });
    }
  }
}

/** The longest path, weighting each task by its duration. */
export function criticalPath(input: ScheduleInput): number {
  const index = new Map(input.ids.map((id, i) => [id, i]));
  const succ: number[][] = input.ids.map(() => []);
  const indegree = new Array<number>(input.ids.length).fill(0);
  for (const e of input.edges) {
    succ[index.get(e.from)!].push(index.get(e.to)!);
    indegree[index.get(e.to)!]++;
  }
  const finish = input.ids.map((id) => input.durations[id]);
  const start = new Array<number>(input.ids.length).fill(0);
  const queue = input.ids.map((_, i) => i).filter((i) => indegree[i] === 0);
  let best = 0;
  while (queue.length > 0) {
    const v = queue.pop()!;
    finish[v] = start[v] + input.durations[input.ids[v]];
    best = Math.max(best, finish[v]);
    for (const w of succ[v]) {
      start[w] = Math.max(start[w], finish[v]);
      if (--indegree[w] === 0) queue.push(w);
    }
  }
  return best;
}

/** The graph's successor and predecessor lists, by index in `input.ids`. */
function adjacency(input: ScheduleInput): { succ: number[][]; pred: number[][] } {
  const index = new Map(input.ids.map((id, i) => [id, i]));
  const succ: number[][] = input.ids.map(() => []);
  const pred: number[][] = input.ids.map(() => []);
  for (const e of input.edges) {
    succ[index.get(e.from)!].push(index.get(e.to)!);
    pred[index.get(e.to)!].push(index.get(e.from)!);
  }
  return { succ, pred };
}

/** The weakly connected components, each listed from its lowest index in breadth-first order, ordered by that index. */
function weakComponents(succ: number[][], pred: number[][]): number[][] {
  const comp = new Array<number>(succ.length).fill(-1);
  const members: number[][] = [];
  for (let s = 0; s < succ.length; s++) {
    if (comp[s] !== -1) continue;
    const list = [s];
    comp[s] = members.length;
    for (let h = 0; h < list.length; h++) {
      for (const w of succ[list[h]].concat(pred[list[h]])) {
        if (comp[w] === -1) {
          comp[w] = members.length;
          list.push(w);
        }
      }
    }
    members.push(list);
  }
  return members;
}

/**
 * A lower bound on the makespan of every Step Functions schedule of the graph, at least the critical
 * path: the largest, over its weakly connected components, of the least "critical path before +
 * critical path after" over the component's series cuts (its duration if it is one task).
 *
 * Why it holds: drop from a schedule every task outside one component; no task starts later. What
 * remains schedules a connected graph, so its outermost block is a sequence (the branches of a
 * Parallel share no edge), and its first block is a set closed under upstreams, run before the rest:
 * a series cut. The least bound over all such cuts is attained by a prefix of the earliest-finish
 * order (every duration here is positive, so such a prefix is closed under upstreams): a cut whose
 * side before has critical path `a` lies inside the prefix of tasks finishing by `a`.
 */
export function cutBound(input: ScheduleInput): number {
  const n = input.ids.length;
  const { succ, pred } = adjacency(input);
  const dur = input.ids.map((id) => input.durations[id]);
  // A topological order (Kahn), then earliest finish and longest path to the end.
  const indegree = pred.map((p) => p.length);
  const order: number[] = [];
  for (let i = 0; i < n; i++) if (indegree[i] === 0) order.push(i);
  for (let h = 0; h < order.length; h++) for (const w of succ[order[h]]) if (--indegree[w] === 0) order.push(w);
  const eft = new Array<number>(n).fill(0);
  const tail = new Array<number>(n).fill(0);
  for (const v of order) eft[v] = Math.max(0, ...pred[v].map((u) => eft[u])) + dur[v];
  for (let h = n - 1; h >= 0; h--) tail[order[h]] = Math.max(0, ...succ[order[h]].map((w) => tail[w])) + dur[order[h]];
  let bound = 0;
  for (const list of weakComponents(succ, pred)) {
    if (list.length === 1) {
      bound = Math.max(bound, dur[list[0]]);
      continue;
    }
    const sorted = [...list].sort((a, b) => eft[a] - eft[b]);
    const maxTailFrom = new Array<number>(sorted.length + 1).fill(0);
    for (let i = sorted.length - 1; i >= 0; i--) maxTailFrom[i] = Math.max(maxTailFrom[i + 1], tail[sorted[i]]);
    let best = Infinity;
    let maxEft = 0;
    for (let p = 1; p < sorted.length; p++) {
      maxEft = Math.max(maxEft, eft[sorted[p - 1]]);
      best = Math.min(best, maxEft + maxTailFrom[p]);
    }
    bound = Math.max(bound, best);
  }
  return bound;
}

/**
 * The least makespan over every Step Functions schedule of the graph, or undefined when a weakly
 * connected component has more than `limit` tasks (the search is exponential in a component's size).
 * The outermost block of a connected piece's schedule is a sequence whose first block is a series
 * cut (see `cutBound`), and the pieces on either side are scheduled independently, so the optimum
 * of a connected piece is the least, over its series cuts, of the optima of its two sides; the
 * optimum of a disconnected piece is the largest optimum of its components. Memoized by task set.
 */
export function optimum(input: ScheduleInput, limit = 18): number | undefined {
  const { succ, pred } = adjacency(input);
  const members = weakComponents(succ, pred);
  if (members.some((list) => list.length > limit)) return undefined;
  let best = 0;
  for (const list of members) {
    // Within a component: tasks as bits, in a topological order, so that bit i's upstreams are lower bits.
    const indegree = list.map((v) => pred[v].length);
    const local = new Map(list.map((v, i) => [v, i]));
    const order: number[] = [];
    list.forEach((v, i) => indegree[i] === 0 && order.push(v));
    for (let h = 0; h < order.length; h++) {
      for (const w of succ[order[h]]) if (--indegree[local.get(w)!] === 0) order.push(w);
    }
    const bit = new Map(order.map((v, i) => [v, i]));
    const m = order.length;
    const dur = order.map((v) => input.durations[input.ids[v]]);
    const up = order.map((v) => pred[v].reduce((mask, u) => mask | (1 << bit.get(u)!), 0));
    const down = order.map((v) => succ[v].reduce((mask, w) => mask | (1 << bit.get(w)!), 0));
    const memo = new Map<number, number>();
    const finish = new Array<number>(m).fill(0);
    const path = (set: number): number => {
      let longest = 0;
      for (let i = 0; i < m; i++) {
        if (!(set & (1 << i))) continue;
        let start = 0;
        for (let rest = up[i] & set; rest; rest &= rest - 1) start = Math.max(start, finish[31 - Math.clz32(rest & -rest)]);
        finish[i] = start + dur[i];
        longest = Math.max(longest, finish[i]);
      }
      return longest;
    };
    const solve = (set: number): number => {
      const known = memo.get(set);
      if (known !== undefined) return known;
      const tasks: number[] = [];
      for (let i = 0; i < m; i++) if (set & (1 << i)) tasks.push(i);
      let result: number;
      if (tasks.length === 1) result = dur[tasks[0]];
      else {
        // Components of the set.
        let rest = set;
        const parts: number[] = [];
        while (rest) {
          const first = rest & -rest;
          let part = first;
          let frontier = first;
          while (frontier) {
            const i = 31 - Math.clz32(frontier & -frontier);
            frontier &= frontier - 1;
            const next = (up[i] | down[i]) & set & ~part;
            part |= next;
            frontier |= next;
          }
          parts.push(part);
          rest &= ~part;
        }
        if (parts.length > 1) result = Math.max(...parts.map(solve));
        else {
          // Every series cut: each task in order goes before unless an upstream stays after.
          result = Infinity;
          const choose = (k: number, before: number): void => {
            if (k === tasks.length) {
              if (before === 0 || before === set) return;
              // No schedule with this cut beats the critical paths of its two sides.
              if (path(before) + path(set & ~before) >= result) return;
              result = Math.min(result, solve(before) + solve(set & ~before));
              return;
            }
            const i = tasks[k];
            choose(k + 1, before);
            if ((up[i] & set & ~before) === 0) choose(k + 1, before | (1 << i));
          };
          choose(0, 0);
        }
      }
      memo.set(set, result);
      return result;
    };
    best = Math.max(best, solve(m === 31 ? -1 >>> 0 : (1 << m) - 1));
  }
  return best;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function summary(values: number[]): { median: number; worstDecile: number; worst: number } {
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { median: round(quantile(values, 0.5)), worstDecile: round(quantile(values, 0.9)), worst: round(Math.max(...values)) };
}

function quality(graphsPerShape: number): object {
  const rnd = random(20261128);
  const compiled: number[] = [];
  const naive: number[] = [];
  const overBound: number[] = [];
  const boundOverCp: number[] = [];
  const exact: Array<{ shape: Shape; tasks: number; compilerOverCriticalPath: number; optimumOverCriticalPath: number; compilerOverOptimum: number }> = [];
  const byShape: Record<string, object> = {};
  for (const shape of SHAPES) {
    const c: number[] = [];
    const l: number[] = [];
    const b: number[] = [];
    const k2: number[] = [];
    for (let k = 0; k < graphsPerShape; k++) {
      const n = Math.round(20 * Math.pow(100, rnd()));
      const input = randomDag(shape, n, rnd);
      const cp = criticalPath(input);
      const bound = cutBound(input);
      const span = makespan(compileSchedule(input), input.durations);
      c.push(span / cp);
      l.push(makespan(levelSchedule(input), input.durations) / cp);
      b.push(span / bound);
      k2.push(bound / cp);
      const best = optimum(input, 24);
      const round = (x: number) => Math.round(x * 1000) / 1000;
      if (best !== undefined) {
        exact.push({ shape, tasks: n, compilerOverCriticalPath: round(span / cp), optimumOverCriticalPath: round(best / cp), compilerOverOptimum: round(span / best) });
      }
    }
    compiled.push(...c);
    naive.push(...l);
    overBound.push(...b);
    boundOverCp.push(...k2);
    byShape[shape] = { compiler: summary(c), level: summary(l), compilerOverCutBound: summary(b), cutBoundOverCriticalPath: summary(k2), graphs: graphsPerShape };
  }
  return {
    graphs: compiled.length,
    tasks: '20–2,000',
    compiler: summary(compiled),
    level: summary(naive),
    compilerOverCutBound: summary(overBound),
    cutBoundOverCriticalPath: summary(boundOverCp),
    byShape,
    exactOptimum: {
      graphs: exact.length,
      compilerAtOptimum: exact.filter((e) => e.compilerOverOptimum === 1).length,
      compilerOverOptimum: summary(exact.map((e) => e.compilerOverOptimum)),
      optimumOverCriticalPath: summary(exact.map((e) => e.optimumOverCriticalPath)),
      belowOptimum: exact.filter((e) => e.compilerOverOptimum !== 1),
    },
  };
}

function speed(): object {
  const perTask: Record<string, number> = {};
  for (const n of [100, 1_000, 10_000]) {
    const inputs = SHAPES.map((shape, i) => randomDag(shape, n, random(n + i)));
    const repeats = Math.max(1, Math.round(20_000 / n));
    compileSchedule(inputs[0]); // warm up
    const start = performance.now();
    for (let r = 0; r < repeats; r++) for (const input of inputs) compileSchedule(input);
    const elapsed = performance.now() - start;
    perTask[n] = (elapsed * 1000) / (repeats * inputs.length * n);
  }
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    microsecondsPerTask: { 100: round(perTask[100]), 1000: round(perTask[1000]), 10000: round(perTask[10000]) },
    ratio10000vs100: Math.round((perTask[10000] / perTask[100]) * 100) / 100,
  };
}

if (require.main === module) {
  const graphsPerShape = Number(process.env.SCHEDULE_BENCH_GRAPHS ?? 40);
  console.log(JSON.stringify({ makespanOverCriticalPath: quality(graphsPerShape), compileTime: speed() }, null, 2));
}
