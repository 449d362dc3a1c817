import { Block, ScheduleInput, startTimes } from '../../../lib/targets/stepfunctions/schedule';

/** How many times each task appears in a block. */
export function taskCounts(block: Block): Map<string, number> {
  const counts = new Map<string, number>();
  const stack: Block[] = [block];
  while (stack.length > 0) {
    const b = stack.pop()!;
    if (b.kind === 'task') counts.set(b.id, (counts.get(b.id) ?? 0) + 1);
    else if (b.kind === 'sequence') stack.push(...b.blocks);
    else stack.push(...b.branches);
  }
  return counts;
}

/**
 * The edges a block does not order: `to` is not after `from` in a sequence at their lowest common
 * ancestor. Structural, so it holds for every choice of durations.
 */
export function unorderedEdges(block: Block, edges: ScheduleInput['edges']): Array<{ from: string; to: string }> {
  // Path of each task from the root: at each level, the child's position and its parent's kind.
  const paths = new Map<string, Array<{ kind: Block['kind']; position: number }>>();
  const stack: Array<{ block: Block; path: Array<{ kind: Block['kind']; position: number }> }> = [{ block, path: [] }];
  while (stack.length > 0) {
    const { block: b, path } = stack.pop()!;
    if (b.kind === 'task') paths.set(b.id, path);
    else {
      const children = b.kind === 'sequence' ? b.blocks : b.branches;
      children.forEach((child, position) => stack.push({ block: child, path: [...path, { kind: b.kind, position }] }));
    }
  }
  return edges.filter(({ from, to }) => {
    const a = paths.get(from)!;
    const b = paths.get(to)!;
    let i = 0;
    while (i < a.length && i < b.length && a[i].position === b[i].position) i++;
    return !(i < a.length && i < b.length && a[i].kind === 'sequence' && a[i].position < b[i].position);
  });
}

/** The edges whose downstream task starts, under `startTimes`, before its upstream ends. */
export function lateEdges(block: Block, input: ScheduleInput): Array<{ from: string; to: string }> {
  const starts = startTimes(block, input.durations);
  return input.edges.filter((e) => starts.get(e.to)! < starts.get(e.from)! + (input.durations[e.from] ?? 0));
}

/** The longest path, weighting each task by its duration (an independent implementation). */
export function criticalPath(input: ScheduleInput): number {
  const finish = new Map<string, number>();
  const upstream = new Map<string, string[]>(input.ids.map((id) => [id, []]));
  for (const e of input.edges) upstream.get(e.to)!.push(e.from);
  let remaining = [...input.ids];
  while (remaining.length > 0) {
    const next: string[] = [];
    for (const id of remaining) {
      const ups = upstream.get(id)!;
      if (ups.every((u) => finish.has(u))) {
        finish.set(id, Math.max(0, ...ups.map((u) => finish.get(u)!)) + (input.durations[id] ?? 0));
      } else next.push(id);
    }
    if (next.length === remaining.length) throw new Error('cycle');
    remaining = next;
  }
  return Math.max(0, ...finish.values());
}

/** A graph from `a->b` strings, every task lasting `duration` unless listed in `durations`. */
export function graph(edges: string[], durations: Record<string, number> = {}, extraIds: string[] = []): ScheduleInput {
  const ids = new Set(extraIds);
  const pairs = edges.map((e) => {
    const [from, to] = e.split('->');
    ids.add(from);
    ids.add(to);
    return { from, to };
  });
  const all = [...ids].sort();
  return { ids: all, edges: pairs, durations: Object.fromEntries(all.map((id) => [id, durations[id] ?? 10])) };
}
