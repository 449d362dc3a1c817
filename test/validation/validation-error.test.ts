import { Diagnostic, DiagnosticSeverity, Errors } from '../../lib';
import { ValidationError } from '../../lib/validation/validation-error';

const CYCLE: Diagnostic = {
  code: 'TRB001', severity: DiagnosticSeverity.ERROR, path: 'Stack/Pipeline/A', location: 'bin/app.ts:12:3',
  message: 'cycle: a => b => a', fix: 'remove a dependency',
};
const DATE: Diagnostic = {
  code: 'TRB012', severity: DiagnosticSeverity.ERROR, path: 'Stack/Pipeline',
  message: "startDate '2026-02-30' is not a calendar date written YYYY-MM-DD", fix: 'write a real date',
};

test('the message counts the errors, says nothing was written and lists every diagnostic', () => {
  // WHEN
  const error = new ValidationError([CYCLE, DATE]);

  // THEN
  expect(error.message).toBe([
    'Tributary found 2 errors; nothing was written.',
    '',
    'error TRB001 [Stack/Pipeline/A] (bin/app.ts:12:3)',
    '  cycle: a => b => a',
    '  fix: remove a dependency',
    '',
    'error TRB012 [Stack/Pipeline]',
    "  startDate '2026-02-30' is not a calendar date written YYYY-MM-DD",
    '  fix: write a real date',
    '',
  ].join('\n'));
});

test('one error is counted in the singular', () => {
  expect(new ValidationError([CYCLE]).message).toMatch(/^Tributary found 1 error; nothing was written\.\n/);
});

test('the error carries its diagnostics, a name, and is an Error', () => {
  // WHEN
  const error = new ValidationError([CYCLE]);

  // THEN
  expect(error.diagnostics).toEqual([CYCLE]);
  expect(error.name).toBe('ValidationError');
  expect(error).toBeInstanceOf(Error);
  expect(error).toBeInstanceOf(ValidationError);
  expect(error.stack).toContain('Tributary found 1 error');
});

test('isValidationError recognises it by symbol, so copies of the library agree, and nothing else', () => {
  // GIVEN an object from another copy of the library: same global symbol, other class
  const fromOtherCopy = Object.defineProperty(new Error('x'), Symbol.for('tributary.ValidationError'), { value: true });

  // THEN
  expect(ValidationError.isValidationError(new ValidationError([CYCLE]))).toBe(true);
  expect(ValidationError.isValidationError(fromOtherCopy)).toBe(true);
  for (const other of [new Error('Tributary found 1 error'), { diagnostics: [CYCLE] }, null, undefined, 'TRB001']) {
    expect(ValidationError.isValidationError(other)).toBe(false);
  }
});

test('Errors exposes the check and the diagnostics to users, as a copy', () => {
  // GIVEN
  const error = new ValidationError([CYCLE, DATE]);

  // WHEN
  const diagnostics = Errors.diagnosticsOf(error);
  diagnostics.pop();

  // THEN
  expect(Errors.isValidationError(error)).toBe(true);
  expect(Errors.diagnosticsOf(error)).toEqual([CYCLE, DATE]);
  expect(Errors.diagnosticsOf(new Error('no'))).toEqual([]);
});
