import { GraphTarget } from '../../lib';
import { builtinTargets } from '../../lib/targets/builtin';

test('the built-in targets are the graph and Step Functions targets, as new instances each time (targets share no state)', () => {
  // WHEN
  const first = builtinTargets();
  const second = builtinTargets();

  // THEN
  expect(first.map((t) => t.name)).toEqual(['graph', 'stepfunctions']);
  expect(first[0]).toBeInstanceOf(GraphTarget);
  expect(first[0]).not.toBe(second[0]);
});
