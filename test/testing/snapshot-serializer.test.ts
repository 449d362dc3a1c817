import { GraphTarget, Testing } from '../../lib';
import * as serializer from '../../lib/testing/snapshot-serializer';
import { newWorkflow, ordersSource } from '../util';

expect.addSnapshotSerializer(serializer);

test('a Testing.synth result is recognised; other values are left to jest', () => {
  // THEN
  expect(serializer.test({ 'graph.json': '{}\n', 'airflow/orders.py': 'x\n' })).toBe(true);
  expect(serializer.test({})).toBe(false);
  expect(serializer.test({ 'graph.json': 1 })).toBe(false);
  expect(serializer.test({ name: 'not a path' })).toBe(false);
  expect(serializer.test({ '../escape.json': '{}' })).toBe(false);
  expect(serializer.test(['graph.json'])).toBe(false);
  expect(serializer.test('graph.json')).toBe(false);
});

test('artifacts are stored as their own text, each under its path, in path order', () => {
  // THEN the text is stored as it is: quotes, backslashes and newlines are not escaped
  expect(serializer.serialize({ 'b.txt': 'second "line"\n', 'a/z.json': '{\n  "k": "v\\\\"\n}\n' }))
    .toBe('=== a/z.json ===\n{\n  "k": "v\\\\"\n}\n\n=== b.txt ===\nsecond "line"\n');
});

test('a workflow snapshot through the serializer holds each artifact as text', () => {
  // GIVEN a workflow rendering its graph only
  const workflow = newWorkflow({ targets: [new GraphTarget()] });
  ordersSource(workflow);

  // THEN
  expect(Testing.synth(workflow)).toMatchSnapshot();
});
