import { ColumnType } from '../../../lib';
import { columnRequirements, namedRequirements } from '../../../lib/core/private/columns';

test('typed columns become requirements with their type name and the role given', () => {
  // WHEN
  const requirements = columnRequirements([
    { name: 'order_id', type: ColumnType.BIGINT },
    { name: 'amount', type: ColumnType.decimal(18, 2) },
  ], 'required column');

  // THEN
  expect(requirements).toEqual([
    { name: 'order_id', type: 'bigint', role: 'required column' },
    { name: 'amount', type: 'decimal(18,2)', role: 'required column' },
  ]);
});

test('named columns become requirements of any type', () => {
  // THEN
  expect(namedRequirements(['order_id', 'ds'], 'merge key')).toEqual([
    { name: 'order_id', role: 'merge key' },
    { name: 'ds', role: 'merge key' },
  ]);
});
