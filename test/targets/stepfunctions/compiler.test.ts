import { DEFAULT_OPTIONS, compileSchedule, reverse } from '../../../lib/targets/stepfunctions/compiler';
import { Block, ScheduleInput, levelSchedule, makespan, parallel, sequence, task } from '../../../lib/targets/stepfunctions/schedule';
import { criticalPath, graph, lateEdges, taskCounts, unorderedEdges } from './schedule-support';

/** Compiles and checks what must hold of every schedule: each task once, every edge ordered. */
function compileChecked(input: ScheduleInput): Block {
  const block = compileSchedule(input);
  const counts = taskCounts(block);
  expect([...counts.keys()].sort()).toEqual([...input.ids].sort());
  expect([...counts.values()].every((count) => count === 1)).toBe(true);
  expect(unorderedEdges(block, input.edges)).toEqual([]);
  expect(lateEdges(block, input)).toEqual([]);
  return block;
}

test('an empty graph compiles to an empty sequence', () => {
  // WHEN
  const block = compileSchedule({ ids: [], edges: [], durations: {} });

  // THEN
  expect(block).toEqual({ kind: 'sequence', blocks: [] });
  expect(makespan(block, {})).toBe(0);
});

test('a single task compiles to that task', () => {
  // THEN
  expect(compileChecked(graph([], {}, ['only']))).toEqual(task('only'));
});

test('a chain compiles to one flat sequence in dependency order', () => {
  // GIVEN c→a→b (ids sort differently from the chain)
  const input = graph(['c->a', 'a->b']);

  // THEN
  expect(compileChecked(input)).toEqual(sequence([task('c'), task('a'), task('b')]));
});

test('disconnected components run side by side', () => {
  // GIVEN two chains and a lone task
  const input = graph(['a->b', 'x->y'], { a: 5, b: 5, x: 1, y: 30 }, ['lone']);

  // WHEN
  const block = compileChecked(input);

  // THEN
  expect(block).toEqual(parallel([sequence([task('a'), task('b')]), task('lone'), sequence([task('x'), task('y')])]));
  expect(makespan(block, input.durations)).toBe(31);
});

test('fan-out then fan-in compiles to a sequence around one Parallel, at the critical path', () => {
  // GIVEN s fans out to a, b, c which all feed t
  const input = graph(['s->a', 's->b', 's->c', 'a->t', 'b->t', 'c->t'], { a: 3, b: 7, c: 5 });

  // WHEN
  const block = compileChecked(input);

  // THEN
  expect(block).toEqual(sequence([task('s'), parallel([task('a'), task('b'), task('c')]), task('t')]));
  expect(makespan(block, input.durations)).toBe(criticalPath(input));
});

test('a series-parallel graph with transitive edges is scheduled at exactly its critical path', () => {
  // GIVEN two diamonds in series, inner chains of different lengths, and transitive edges a→d, a→h
  const input = graph(
    ['a->b', 'a->c', 'b->d', 'c->c2', 'c2->d', 'd->e', 'd->f', 'e->h', 'f->g', 'g->h', 'a->d', 'a->h'],
    { a: 4, b: 30, c: 10, c2: 11, d: 2, e: 1, f: 9, g: 9, h: 5 },
  );

  // WHEN
  const block = compileChecked(input);

  // THEN
  expect(makespan(block, input.durations)).toBe(criticalPath(input));
  expect(makespan(block, input.durations)).toBe(4 + 30 + 2 + 18 + 5);
});

test('an N (a→c, b→c, b→d) never starts d before b nor c before a and b, and loses nothing when durations allow', () => {
  // GIVEN an N whose long task is b
  const input = graph(['a->c', 'b->c', 'b->d'], { a: 2, b: 10, c: 5, d: 5 });

  // WHEN
  const block = compileChecked(input);

  // THEN
  expect(makespan(block, input.durations)).toBe(criticalPath(input));
});

test('an N whose durations force a wait loses the least possible', () => {
  // GIVEN an N with a long a and a long d: any schedule delays c until a and b, or d until a
  const input = graph(['a->c', 'b->c', 'b->d'], { a: 10, b: 1, c: 1, d: 10 });

  // WHEN
  const block = compileChecked(input);

  // THEN the best schedules are b then (d ∥ (a then c)) = 12, or (a ∥ b) then (c ∥ d) = 20
  expect(criticalPath(input)).toBe(11);
  expect(makespan(block, input.durations)).toBe(12);
  expect(makespan(levelSchedule(input), input.durations)).toBe(20);
});

test('a W (two Ns side by side) loses only what no Step Functions schedule can avoid', () => {
  // GIVEN a→x, b→x, b→y, c→y with c long
  const input = graph(['a->x', 'b->x', 'b->y', 'c->y'], { a: 1, b: 1, c: 20, x: 20, y: 1 });

  // WHEN
  const block = compileChecked(input);

  // THEN the critical path is 21, but y must wait for b and c, x for a and b: the best schedules,
  // such as (a ∥ b) then (x ∥ (c then y)), take 22
  expect(criticalPath(input)).toBe(21);
  expect(makespan(block, input.durations)).toBe(22);
  expect(makespan(levelSchedule(input), input.durations)).toBe(40);
});

test('a diamond with a cross edge between its branches stays valid and at its critical path', () => {
  // GIVEN s→a→b→t and s→c→d→t with cross edges a→d and c→b
  const input = graph(['s->a', 'a->b', 'b->t', 's->c', 'c->d', 'd->t', 'a->d', 'c->b'], { a: 8, b: 2, c: 3, d: 7 });

  // WHEN
  const block = compileChecked(input);

  // THEN s, then a ∥ c, then b ∥ d, then t: nothing is lost
  expect(makespan(block, input.durations)).toBe(criticalPath(input));
});

test('tasks without a duration count as instantaneous and are still ordered', () => {
  // GIVEN a chain of instantaneous tasks beside a slow one
  const input: ScheduleInput = {
    ids: ['p', 'q', 'r', 'slow'],
    edges: [{ from: 'p', to: 'q' }, { from: 'q', to: 'r' }, { from: 'slow', to: 'r' }],
    durations: { slow: 10 },
  };

  // WHEN
  const block = compileChecked(input);

  // THEN
  expect(makespan(block, input.durations)).toBe(10);
});

test('the same graph gives the same schedule whatever the order of its ids and edges', () => {
  // GIVEN a non-series-parallel graph, and the same graph listed backwards with duplicate edges
  const input = graph(['a->c', 'b->c', 'b->d', 'c->e', 'd->e', 'a->f', 'f->e', 'd->g'], { a: 3, b: 9, c: 4, d: 2, f: 12, g: 6 });
  const shuffled: ScheduleInput = {
    ids: [...input.ids].reverse(),
    edges: [...input.edges].reverse().concat(input.edges.slice(0, 2)),
    durations: { ...input.durations },
  };

  // THEN
  expect(compileSchedule(shuffled)).toEqual(compileSchedule(input));
});

test('an edge to an unknown task or a cycle is refused', () => {
  // THEN
  expect(() => compileSchedule({ ...graph(['a->b']), edges: [{ from: 'a', to: 'zz' }] })).toThrow(/zz/);
  expect(() => compileSchedule(graph(['a->b', 'b->c', 'c->a']))).toThrow(/cycle/);
  expect(() => compileSchedule(graph(['a->a']))).toThrow(/cycle/);
});

test('a 20,000-task chain given backwards compiles without overflowing the stack', () => {
  // GIVEN
  const ids = Array.from({ length: 20_000 }, (_, i) => `t${String(i).padStart(5, '0')}`);
  const edges = ids.slice(1).map((id, i) => ({ from: ids[i], to: id })).reverse();
  const durations = Object.fromEntries(ids.map((id) => [id, 1]));

  // WHEN
  const block = compileSchedule({ ids: [...ids].reverse(), edges, durations });

  // THEN
  expect(block).toEqual(sequence(ids.map(task)));
});

test('a block read backwards reverses every sequence, keeps every Parallel, and is a schedule of the reversed graph', () => {
  // GIVEN a schedule of a→b, a→c, b→d, c→d, x→y
  const input = graph(['a->b', 'a->c', 'b->d', 'c->d', 'x->y'], { a: 1, b: 5, c: 2, d: 3, x: 4, y: 9 });
  const block = parallel([sequence([task('a'), parallel([task('b'), task('c')]), task('d')]), sequence([task('x'), task('y')])]);

  // WHEN
  const back = reverse(block);

  // THEN
  expect(back).toEqual(parallel([sequence([task('d'), parallel([task('b'), task('c')]), task('a')]), sequence([task('y'), task('x')])]));
  const reversed = { ...input, edges: input.edges.map((e) => ({ from: e.to, to: e.from })) };
  expect(unorderedEdges(back, reversed.edges)).toEqual([]);
  expect(makespan(back, input.durations)).toBe(makespan(block, input.durations));
});

test('when the reversed graph compiles shorter, its schedule read backwards is kept and stays valid', () => {
  // GIVEN a→b→d, c→d, a→e, c→e, on which the forward search alone loses 3 minutes and the search
  // on the reversed graph loses nothing
  const input = graph(['a->b', 'a->d', 'a->e', 'b->d', 'c->d', 'c->e'], { a: 3, b: 9, c: 9, d: 7, e: 3 });

  // WHEN
  const both = compileChecked(input);
  const forward = compileSchedule(input, { ...DEFAULT_OPTIONS, reversed: false });

  // THEN
  expect(makespan(forward, input.durations)).toBe(22);
  expect(makespan(both, input.durations)).toBe(19);
  expect(criticalPath(input)).toBe(19);
});
