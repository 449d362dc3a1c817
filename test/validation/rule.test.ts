import { DiagnosticSeverity } from '../../lib';
import { TIB, diagnostic, humanBytes } from '../../lib/validation/rule';
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
