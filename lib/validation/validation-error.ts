import type { Diagnostic } from './diagnostic';
import { formatDiagnostic } from './format';

const VALIDATION_ERROR_SYMBOL = Symbol.for('tributary.ValidationError');

/**
 * Thrown when validation finds errors: it carries all of them, and nothing has been written.
 * Test for it with `Errors.isValidationError(e)`.
 * @internal
 */
export class ValidationError extends Error {
  /** True if `x` is a ValidationError, across copies of this library. */
  public static isValidationError(x: unknown): x is ValidationError {
    return x !== null && typeof x === 'object' && VALIDATION_ERROR_SYMBOL in x;
  }

  /** Every error found, in a stable order. */
  public readonly diagnostics: Diagnostic[];

  constructor(diagnostics: Diagnostic[]) {
    const count = diagnostics.length;
    super(`Tributary found ${count} error${count === 1 ? '' : 's'}; nothing was written.\n\n${diagnostics.map(formatDiagnostic).join('\n\n')}\n`);
    Object.setPrototypeOf(this, ValidationError.prototype);
    Object.defineProperty(this, VALIDATION_ERROR_SYMBOL, { value: true });
    this.name = 'ValidationError';
    this.diagnostics = diagnostics;
  }
}
