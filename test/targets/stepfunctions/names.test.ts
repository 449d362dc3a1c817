import { helperName } from '../../../lib/targets/stepfunctions/names';

test('a helper state name is the node id and a suffix', () => {
  expect(helperName('load_orders', 'wait')).toBe('load_orders wait');
});

test('a helper name that would pass 80 characters is cut, and a hash of the whole id keeps it unique', () => {
  // GIVEN two ids that differ only after the cut
  const a = helperName(`${'x'.repeat(75)}_a`, 'next poll');
  const b = helperName(`${'x'.repeat(75)}_b`, 'next poll');

  // THEN
  expect(a.length).toBeLessThanOrEqual(80);
  expect(a.endsWith(' next poll')).toBe(true);
  expect(a).not.toBe(b);
});
