import { EdgeKind } from '../../lib';

test('edge kinds are the strings graph.json uses', () => {
  // THEN
  expect([EdgeKind.DATA, EdgeKind.DEPENDENCY, EdgeKind.AUDIT]).toEqual(['data', 'dependency', 'audit']);
});
