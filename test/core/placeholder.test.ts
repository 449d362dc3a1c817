import { Placeholder } from '../../lib';

test('placeholders are written as the targets expect them, without spaces', () => {
  // THEN
  expect([Placeholder.DS, Placeholder.DS_NODASH, Placeholder.NEXT_DS, Placeholder.PREV_DS, Placeholder.TABLE])
    .toEqual(['{{ds}}', '{{ds_nodash}}', '{{next_ds}}', '{{prev_ds}}', '{{table}}']);
});
