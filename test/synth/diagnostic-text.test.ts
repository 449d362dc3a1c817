import { countWords, docsLink, formatCompilerStyle, warningId } from '../../lib/synth/diagnostic-text';
import { DiagnosticSeverity } from '../../lib';

const ERROR = { code: 'TRB006', severity: DiagnosticSeverity.ERROR, path: 'Data/Pipeline/Load', location: 'bin/app.ts:7:1', message: "column 'k' is not in input 'orders'", fix: "use 'id'" };

test('an error is file:line:col: error CODE message, then the construct, the fix and the docs link', () => {
  expect(formatCompilerStyle(ERROR)).toBe([
    "bin/app.ts:7:1: error TRB006 column 'k' is not in input 'orders'",
    '  at: Data/Pipeline/Load',
    "  fix: use 'id'",
    '  see: docs/errors.md#trb006',
  ].join('\n'));
});

test('a warning also says how to acknowledge it; without a location the line starts with the construct path', () => {
  // GIVEN
  const warning = { ...ERROR, code: 'TRB018', severity: DiagnosticSeverity.WARNING, location: undefined };

  // THEN
  expect(formatCompilerStyle(warning)).toBe([
    "Data/Pipeline/Load: warning TRB018 column 'k' is not in input 'orders'",
    "  fix: use 'id'",
    "  or acknowledge it: Annotations.of(<Load>).acknowledgeWarning('tributary:TRB018', '<why>')",
    '  see: docs/errors.md#trb018',
  ].join('\n'));
});

test('the docs link is relative to the working directory; ids and counts read as words', () => {
  expect(docsLink('TRB001')).toBe('docs/errors.md#trb001');
  expect(warningId('TRB014')).toBe('tributary:TRB014');
  expect([countWords(1, 0), countWords(2, 1)]).toEqual(['1 error, 0 warnings', '2 errors, 1 warning']);
});
