import * as fc from 'fast-check';
import { compileSchedule } from '../../../lib/targets/stepfunctions/compiler';
import { ScheduleInput, makespan } from '../../../lib/targets/stepfunctions/schedule';
import { criticalPath, lateEdges, taskCounts, unorderedEdges } from './schedule-support';

// Cost: about 2.5 s on the shared two-core machine (230 graphs of up to 300 tasks).

/** A random DAG: tasks in a random order of ids, each edge going forward in a hidden topological order. */
const randomDag: fc.Arbitrary<ScheduleInput> = fc
  .record({
    n: fc.integer({ min: 1, max: 300 }),
    density: fc.double({ min: 0.2, max: 3, noNaN: true }),
    seed: fc.integer(),
  })
  .chain(({ n, density, seed }) =>
    fc.tuple(
      fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: Math.round(density * n), size: 'max' }),
      fc.array(fc.integer({ min: 1, max: 100 }), { minLength: n, maxLength: n }),
      fc.constant(seed),
    ),
  )
  .map(([pairs, durations, seed]) => {
    const n = durations.length;
    const ids = Array.from({ length: n }, (_, i) => `t${((i * 7919 + seed) >>> 0) % 100_003}_${i}`);
    const edges = pairs.filter(([a, b]) => a !== b).map(([a, b]) => ({ from: ids[Math.min(a, b)], to: ids[Math.max(a, b)] }));
    return { ids: [...ids].sort(), edges, durations: Object.fromEntries(ids.map((id, i) => [id, durations[i]])) };
  });

/** A random series-parallel DAG, with some transitive edges added, built without recursion. */
const randomSeriesParallel: fc.Arbitrary<ScheduleInput> = fc
  .array(fc.tuple(fc.boolean(), fc.nat(), fc.nat(), fc.integer({ min: 1, max: 100 }), fc.boolean()), { minLength: 1, maxLength: 300, size: 'max' })
  .map((steps) => {
    // Start from one part per task; repeatedly compose two parts in series or in parallel.
    type Part = { sources: string[]; sinks: string[]; all: string[] };
    const durations: Record<string, number> = {};
    const edges: Array<{ from: string; to: string }> = [];
    const parts: Part[] = steps.map(([, , , duration], i) => {
      const id = `n${i}`;
      durations[id] = duration;
      return { sources: [id], sinks: [id], all: [id] };
    });
    let k = 0;
    while (parts.length > 1) {
      const [series, x, y, , transitive] = steps[k++ % steps.length];
      const left = parts.splice(x % parts.length, 1)[0];
      const right = parts.splice(y % parts.length, 1)[0];
      const all = left.all.concat(right.all);
      if (series) {
        for (const a of left.sinks) for (const b of right.sources) edges.push({ from: a, to: b });
        if (transitive) edges.push({ from: left.all[x % left.all.length], to: right.all[y % right.all.length] });
        parts.push({ sources: left.sources, sinks: right.sinks, all });
      } else {
        parts.push({ sources: left.sources.concat(right.sources), sinks: left.sinks.concat(right.sinks), all });
      }
    }
    return { ids: Object.keys(durations), edges, durations };
  });

test('on random DAGs every task appears once, no dependency is violated, and the makespan is at least the critical path', () => {
  fc.assert(
    fc.property(randomDag, (input) => {
      // WHEN
      const block = compileSchedule(input);

      // THEN
      const counts = taskCounts(block);
      expect(counts.size).toBe(input.ids.length);
      expect([...counts.values()].every((count) => count === 1)).toBe(true);
      expect(unorderedEdges(block, input.edges)).toEqual([]);
      expect(lateEdges(block, input)).toEqual([]);
      expect(makespan(block, input.durations)).toBeGreaterThanOrEqual(criticalPath(input));
    }),
    { numRuns: 100, seed: 20261128 },
  );
});

test('on random series-parallel DAGs with transitive edges the makespan is exactly the critical path', () => {
  fc.assert(
    fc.property(randomSeriesParallel, (input) => {
      // WHEN
      const block = compileSchedule(input);

      // THEN
      expect(unorderedEdges(block, input.edges)).toEqual([]);
      expect(taskCounts(block).size).toBe(input.ids.length);
      expect(makespan(block, input.durations)).toBe(criticalPath(input));
    }),
    { numRuns: 100, seed: 20261128 },
  );
});

test('shuffling the ids and edges of a random DAG does not change its schedule', () => {
  fc.assert(
    fc.property(randomDag, fc.integer(), (input, seed) => {
      // GIVEN the same graph, listed in another order
      const shuffle = <T>(items: readonly T[]): T[] => {
        const out = [...items];
        let state = seed >>> 0;
        for (let i = out.length - 1; i > 0; i--) {
          state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
          const j = state % (i + 1);
          [out[i], out[j]] = [out[j], out[i]];
        }
        return out;
      };
      const shuffled = { ids: shuffle(input.ids), edges: shuffle(input.edges), durations: input.durations };

      // THEN
      expect(compileSchedule(shuffled)).toEqual(compileSchedule(input));
    }),
    { numRuns: 30, seed: 20261128 },
  );
});
