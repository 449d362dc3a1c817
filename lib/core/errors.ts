import { safeText } from './private/text';

const TRIBUTARY_ERROR_SYMBOL = Symbol.for('tributary.TributaryError');

/**
 * An error in the input given to a Tributary construct, reported as soon as it is seen.
 * It carries a stable code, the construct path and, where known, the user's source line.
 * Test for it with `Errors.isTributaryError(e)`.
 * @internal
 */
export class TributaryError extends Error {
  /** Stable code, such as `TRB101`. Listed in docs/errors.md. */
  public readonly code: string;
  /** Construct path of the offending construct. */
  public readonly constructPath: string;
  /** `file:line:column` where the construct was created, when known. */
  public readonly location?: string;
  /** What to change to fix it. */
  public readonly fix: string;

  /** True if `x` is a TributaryError, across copies of this library. */
  public static isTributaryError(x: unknown): x is TributaryError {
    return x !== null && typeof x === 'object' && TRIBUTARY_ERROR_SYMBOL in x;
  }

  constructor(code: string, constructPath: string, problem: string, fix: string, location?: string) {
    // Every part may echo user input: escaped and shortened, so that a value cannot forge lines.
    [constructPath, problem, fix] = [safeText(constructPath), safeText(problem), safeText(fix)];
    location = location === undefined ? undefined : safeText(location);
    super(`${code} [${constructPath}]${location ? ` (${location})` : ''} ${problem}\n  fix: ${fix}`);
    Object.setPrototypeOf(this, TributaryError.prototype);
    Object.defineProperty(this, TRIBUTARY_ERROR_SYMBOL, { value: true });
    this.name = 'TributaryError';
    this.code = code;
    this.constructPath = constructPath;
    this.location = location;
    this.fix = fix;
  }
}
