import { DiagnosticSeverity } from '../../lib';

test('severities are the words the reports print', () => {
  // THEN
  expect([DiagnosticSeverity.ERROR, DiagnosticSeverity.WARNING]).toEqual(['error', 'warning']);
});
