import { TributaryError } from './errors';
import type { Diagnostic } from '../validation/diagnostic';
import { ValidationError } from '../validation/validation-error';

/** Tests for the errors Tributary throws, usable from every language. */
export class Errors {
  /** True if `x` was thrown by a construct given bad input (codes TRB1xx). */
  public static isTributaryError(x: any): boolean {
    return TributaryError.isTributaryError(x);
  }

  /** True if `x` was thrown by validation at synth (codes TRB0xx); nothing was written. */
  public static isValidationError(x: any): boolean {
    return ValidationError.isValidationError(x);
  }

  /** The diagnostics carried by a validation error; empty for any other value. */
  public static diagnosticsOf(x: any): Diagnostic[] {
    return ValidationError.isValidationError(x) ? [...x.diagnostics] : [];
  }

  private constructor() {}
}
