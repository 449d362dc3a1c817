/**
 * A schedule made only of what Step Functions can express: a task, a sequence of blocks run one
 * after another, or a Parallel whose branches all run at once and which ends when all have ended.
 */
export type Block =
  | { readonly kind: 'task'; readonly id: string }
  | { readonly kind: 'sequence'; readonly blocks: readonly Block[] }
  | { readonly kind: 'parallel'; readonly branches: readonly Block[] };

/** The DAG a schedule is compiled from: node ids, `from → to` dependencies, and seconds per node. */
export interface ScheduleInput {
  readonly ids: readonly string[];
  readonly edges: ReadonlyArray<{ readonly from: string; readonly to: string }>;
  readonly durations: Readonly<Record<string, number>>;
}

/**
 * The naive mapping, kept as the baseline the compiler is measured against: one Parallel per
 * topological level (the longest path from a root), levels in sequence.
 */
export function levelSchedule(input: ScheduleInput): Block {
  // Kahn's algorithm: no recursion, so that long chains cannot overflow the stack.
  const level = new Map<string, number>(input.ids.map((id) => [id, 0]));
  const downstream = new Map<string, string[]>(input.ids.map((id) => [id, []]));
  const indegree = new Map<string, number>(input.ids.map((id) => [id, 0]));
  for (const edge of input.edges) {
    if (!downstream.has(edge.from) || !indegree.has(edge.to)) continue;
    downstream.get(edge.from)!.push(edge.to);
    indegree.set(edge.to, indegree.get(edge.to)! + 1);
  }
  const ready = input.ids.filter((id) => indegree.get(id) === 0);
  while (ready.length > 0) {
    const id = ready.pop()!;
    for (const down of downstream.get(id)!) {
      level.set(down, Math.max(level.get(down)!, level.get(id)! + 1));
      const left = indegree.get(down)! - 1;
      indegree.set(down, left);
      if (left === 0) ready.push(down);
    }
  }
  const levels: string[][] = [];
  for (const id of [...new Set(input.ids)].sort()) (levels[level.get(id)!] ??= []).push(id);
  return sequence(levels.map((ids) => parallel(ids.map(task))));
}

/** When every task starts if each starts as soon as the schedule lets it: seconds from the start. */
export function startTimes(block: Block, durations: Readonly<Record<string, number>>): Map<string, number> {
  // An explicit stack rather than recursion, so that deeply nested blocks cannot overflow it.
  // Each frame: the block, when it starts, its next child, and the time reached so far (for a
  // sequence, the end of the child before; for a Parallel, the latest end of its branches).
  const starts = new Map<string, number>();
  type Frame = { block: Block; at: number; next: number; reached: number };
  const stack: Frame[] = [{ block, at: 0, next: 0, reached: 0 }];
  let ended = 0;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    const b = frame.block;
    if (b.kind === 'task') {
      starts.set(b.id, frame.at);
      ended = frame.at + (durations[b.id] ?? 0);
      stack.pop();
      continue;
    }
    const children = b.kind === 'sequence' ? b.blocks : b.branches;
    if (frame.next === 0) frame.reached = frame.at;
    else frame.reached = b.kind === 'sequence' ? ended : Math.max(frame.reached, ended);
    if (frame.next < children.length) {
      const child = children[frame.next++];
      stack.push({ block: child, at: b.kind === 'sequence' ? frame.reached : frame.at, next: 0, reached: 0 });
    } else {
      ended = frame.reached;
      stack.pop();
    }
  }
  return starts;
}

/** Seconds from the start of the schedule to the end of its last task. */
export function makespan(block: Block, durations: Readonly<Record<string, number>>): number {
  let end = 0;
  for (const [id, start] of startTimes(block, durations)) end = Math.max(end, start + (durations[id] ?? 0));
  return end;
}

/** A task block. */
export function task(id: string): Block {
  return { kind: 'task', id };
}

/** A sequence, flattened: a sequence of one block is that block. */
export function sequence(blocks: readonly Block[]): Block {
  const flat = blocks.flatMap((b) => (b.kind === 'sequence' ? b.blocks : [b]));
  return flat.length === 1 ? flat[0] : { kind: 'sequence', blocks: flat };
}

/** A Parallel, flattened: a Parallel of one branch is that branch. */
export function parallel(branches: readonly Block[]): Block {
  const flat = branches.flatMap((b) => (b.kind === 'parallel' ? b.branches : [b]));
  return flat.length === 1 ? flat[0] : { kind: 'parallel', branches: flat };
}
