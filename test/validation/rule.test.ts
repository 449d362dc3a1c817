import { DiagnosticSeverity } from '../../lib';
import { TIB, diagnostic, humanBytes, walk } from '../../lib/validation/rule';
import { validWorkflow } from '../util';

test('a diagnostic about a node carries its path and source location', () => {
  // GIVEN
  const graph = validWorkflow().workflow.toGraph();
  const node = graph.node('enrich');

  // WHEN
  const d = diagnostic(node, 'TRB999', 'something is wrong', 'change it');

  // THEN
  expect(d).toEqual({
    code: 'TRB999', severity: DiagnosticSeverity.ERROR, path: 'Test/Pipeline/Enrich',
    location: node.sourceLocation, message: 'something is wrong', fix: 'change it',
  });
  expect(d.location).toMatch(/^test\/util\.ts:\d+:\d+$/);
});

test('a diagnostic about the workflow carries the workflow path, and can be a warning', () => {
  // GIVEN
  const graph = validWorkflow().workflow.toGraph();

  // WHEN
  const d = diagnostic(graph.workflow, 'TRB999', 'p', 'f', DiagnosticSeverity.WARNING);

  // THEN
  expect(d).toMatchObject({ path: 'Test/Pipeline', severity: DiagnosticSeverity.WARNING, location: graph.workflow.sourceLocation });
});

test('a diagnostic without a known location has none', () => {
  // GIVEN a node read from elsewhere than user code
  const graph = validWorkflow().workflow.toGraph();
  const node = { ...graph.node('enrich'), sourceLocation: undefined };

  // THEN
  expect(diagnostic(node, 'TRB999', 'p', 'f').location).toBeUndefined();
});

test.each([
  [0, '0.0 B'],
  [1023, '1023.0 B'],
  [1024, '1.0 KiB'],
  [512 * 1024 ** 3, '512.0 GiB'],
  [TIB, '1.0 TiB'],
  [12.5 * TIB, '12.5 TiB'],
  [2048 * TIB, '2.0 PiB'],
  [1024 ** 6, '1024.0 PiB'],
])('humanBytes(%p) is %p', (bytes, text) => {
  expect(humanBytes(bytes)).toBe(text);
});

test('TIB is 1024^4 bytes', () => {
  expect(TIB).toBe(1_099_511_627_776);
});

test('walk visits every place in a stable order, naming it by its path and the key it sits under', () => {
  // GIVEN
  const seen: string[] = [];

  // WHEN every place is visited and looked inside
  const result = walk('properties', { z: 1, a: ['x', { k: 'v' }] }, (field, value, key) => {
    seen.push(`${field} ${key ?? '-'} ${typeof value}`);
    return undefined;
  });

  // THEN
  expect(result).toEqual([]);
  expect(seen).toEqual([
    'properties - object',
    'properties.a a object',
    'properties.a[0] - string',
    'properties.a[1] - object',
    'properties.a[1].k k string',
    'properties.z z number',
  ]);
});

test('walk does not look inside a place whose visit returns diagnostics', () => {
  // GIVEN a visit that stops at the object under `a`
  const stop = diagnostic(graphWorkflowAt(), 'TRB000', 'stop', 'none');
  const seen: string[] = [];

  // WHEN
  const result = walk('p', { a: { b: 'hidden' } }, (field) => {
    seen.push(field);
    return field === 'p.a' ? [stop] : undefined;
  });

  // THEN
  expect(result).toEqual([stop]);
  expect(seen).toEqual(['p', 'p.a']);
});

function graphWorkflowAt() {
  return { id: 'w', path: 'Test/W', schedule: '0 2 * * *', startDate: '2026-01-01', owner: 'o', tags: {} };
}
