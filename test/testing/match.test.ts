import { editDistance, firstMismatch, parsePath } from '../../lib/testing/match';

test('partial matching: objects may have more keys, arrays match item by item, values exactly', () => {
  // THEN
  expect(firstMismatch({ a: { b: 1 } }, { a: { b: 1, c: 2 }, d: 3 })).toBeUndefined();
  expect(firstMismatch({ a: [1, { b: 2 }] }, { a: [1, { b: 2, c: 3 }] })).toBeUndefined();
  expect(firstMismatch({ a: [1] }, { a: [1, 2] })).toEqual({ path: '$.a', problem: 'expected 1 items, found 2: [1,2]' });
  expect(firstMismatch({ a: { b: 1 } }, { a: { b: '1' } })).toEqual({ path: '$.a.b', problem: 'expected 1, found "1"' });
  expect(firstMismatch({ x: 1 }, {})).toEqual({ path: '$.x', problem: 'missing; present here: nothing' });
});

test('edit distance and JSON paths', () => {
  // THEN
  expect([editDistance('kitten', 'sitting'), editDistance('', 'ab'), editDistance('same', 'same')]).toEqual([3, 2, 0]);
  expect(parsePath('$.States.load.Retry[0].MaxAttempts')).toEqual(['States', 'load', 'Retry', 0, 'MaxAttempts']);
  expect(parsePath('a["b.c"][2]')).toEqual(['a', 'b.c', 2]);
});
