import { levelSchedule, makespan, parallel, sequence, startTimes, task } from '../../../lib/targets/stepfunctions/schedule';
import { graph, lateEdges, taskCounts, unorderedEdges } from './schedule-support';

test('a sequence of one block is that block, and nested sequences are flattened', () => {
  // WHEN
  const single = sequence([task('a')]);
  const nested = sequence([task('a'), sequence([task('b'), task('c')])]);

  // THEN
  expect(single).toEqual({ kind: 'task', id: 'a' });
  expect(nested).toEqual({ kind: 'sequence', blocks: [task('a'), task('b'), task('c')] });
});

test('a Parallel of one branch is that branch, and nested Parallels are flattened', () => {
  // WHEN
  const single = parallel([task('a')]);
  const nested = parallel([task('a'), parallel([task('b'), task('c')])]);

  // THEN
  expect(single).toEqual({ kind: 'task', id: 'a' });
  expect(nested).toEqual({ kind: 'parallel', branches: [task('a'), task('b'), task('c')] });
});

test('in a sequence each block starts when the one before ends; a Parallel ends with its longest branch', () => {
  // GIVEN a, then b and (c then d) side by side, then e
  const block = sequence([task('a'), parallel([task('b'), sequence([task('c'), task('d')])]), task('e')]);
  const durations = { a: 5, b: 20, c: 3, d: 4, e: 1 };

  // WHEN
  const starts = startTimes(block, durations);

  // THEN
  expect(Object.fromEntries(starts)).toEqual({ a: 0, b: 5, c: 5, d: 8, e: 25 });
  expect(makespan(block, durations)).toBe(26);
});

test('the level schedule runs the tasks level by level, each level a Parallel sorted by id', () => {
  // GIVEN an N: a→c, b→c, b→d
  const input = graph(['b->d', 'a->c', 'b->c']);

  // WHEN
  const block = levelSchedule(input);

  // THEN
  expect(block).toEqual(sequence([parallel([task('a'), task('b')]), parallel([task('c'), task('d')])]));
  expect(lateEdges(block, input)).toEqual([]);
});

test('the level schedule is valid and complete on a long chain given in reverse, without overflowing the stack', () => {
  // GIVEN a 50,000-task chain, ids and edges listed backwards
  const ids = Array.from({ length: 50_000 }, (_, i) => `t${i}`);
  const edges = ids.slice(1).map((id, i) => ({ from: ids[i], to: id })).reverse();
  const input = { ids: [...ids].reverse(), edges, durations: Object.fromEntries(ids.map((id) => [id, 1])) };

  // WHEN
  const block = levelSchedule(input);

  // THEN
  expect(makespan(block, input.durations)).toBe(50_000);
  expect([...taskCounts(block).values()].every((count) => count === 1)).toBe(true);
  expect(taskCounts(block).size).toBe(50_000);
  expect(unorderedEdges(sequence([block]), edges.slice(0, 100))).toEqual([]);
});

test('start times are computed without recursion, however deeply blocks nest', () => {
  // GIVEN 20,000 levels of x_i ∥ (y_i then …), every task lasting 1
  let block = task('bottom');
  const durations: Record<string, number> = { bottom: 1 };
  for (let i = 0; i < 20_000; i++) {
    block = parallel([task(`x${i}`), sequence([task(`y${i}`), block])]);
    durations[`x${i}`] = 1;
    durations[`y${i}`] = 1;
  }

  // WHEN
  const starts = startTimes(block, durations);

  // THEN the innermost task starts after every y, and every x starts at once
  expect(starts.get('bottom')).toBe(20_000);
  expect(starts.get('x0')).toBe(19_999);
  expect(starts.get('x19999')).toBe(0);
  expect(makespan(block, durations)).toBe(20_001);
});
