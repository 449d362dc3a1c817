import { appendTo } from '../../lib/private/multimap';

test('appendTo collects the values of each key in the order added, in one list per key', () => {
  // GIVEN
  const map = new Map<string, number[]>();

  // WHEN
  appendTo(map, 'a', 1);
  appendTo(map, 'b', 2);
  const first = map.get('a');
  appendTo(map, 'a', 3);

  // THEN the list of 'a' grew in place
  expect([...map.entries()]).toEqual([['a', [1, 3]], ['b', [2]]]);
  expect(map.get('a')).toBe(first);
});
