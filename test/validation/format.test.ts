import { Diagnostic, DiagnosticSeverity } from '../../lib';
import { formatDiagnostic, sortDiagnostics } from '../../lib/validation/format';

const d = (path: string, code: string, message: string, location?: string): Diagnostic =>
  ({ code, severity: DiagnosticSeverity.ERROR, path, location, message, fix: 'do this' });

test('a diagnostic is formatted as "severity code [path] (location)", the message, then the fix', () => {
  // GIVEN
  const diagnostic = d('Stack/Pipeline/A', 'TRB001', 'cycle: a => b => a', 'bin/app.ts:12:3');

  // THEN
  expect(formatDiagnostic(diagnostic)).toBe('error TRB001 [Stack/Pipeline/A] (bin/app.ts:12:3)\n  cycle: a => b => a\n  fix: do this');
});

test('a diagnostic without a location leaves the parentheses out', () => {
  expect(formatDiagnostic(d('Stack/Pipeline', 'TRB012', 'bad date'))).toBe('error TRB012 [Stack/Pipeline]\n  bad date\n  fix: do this');
});

test('a warning is formatted with its severity', () => {
  // GIVEN
  const warning: Diagnostic = { ...d('Stack/Pipeline', 'TRB014', 'no sinks'), severity: DiagnosticSeverity.WARNING };

  // THEN
  expect(formatDiagnostic(warning)).toMatch(/^warning TRB014 \[Stack\/Pipeline\]\n/);
});

test('diagnostics are sorted by path, then code, then message, byte-wise', () => {
  // GIVEN
  const input = [
    d('S/P/b', 'TRB001', 'z'),
    d('S/P/a', 'TRB010', 'b'),
    d('S/P/a', 'TRB010', 'a'),
    d('S/P/a', 'TRB002', 'x'),
    d('S/P/B', 'TRB003', 'x'),
  ];

  // WHEN
  const sorted = sortDiagnostics(input);

  // THEN uppercase sorts before lowercase, whatever the locale
  expect(sorted.map((x) => `${x.path} ${x.code} ${x.message}`)).toEqual([
    'S/P/B TRB003 x',
    'S/P/a TRB002 x',
    'S/P/a TRB010 a',
    'S/P/a TRB010 b',
    'S/P/b TRB001 z',
  ]);
});

test('sorting returns a new array and leaves its input as it was', () => {
  // GIVEN
  const input = [d('b', 'TRB001', 'm'), d('a', 'TRB001', 'm')];

  // WHEN
  const sorted = sortDiagnostics(input);

  // THEN
  expect(sorted).not.toBe(input);
  expect(input.map((x) => x.path)).toEqual(['b', 'a']);
});
