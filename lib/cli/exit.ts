/** Exit codes of every verb: documented in the README. */
export enum ExitCode {
  /** The command did what was asked. */
  OK = 0,
  /** The app has errors (or, with `--strict`, warnings), or it threw. */
  DIAGNOSTICS = 1,
  /** The command line is wrong: unknown verb or option, missing app file, unknown workflow id. */
  USAGE = 2,
}

/** A mistake on the command line: reported in one line, exit code 2. */
export class UsageError extends Error {}

/**
 * Run an asynchronous verb: a UsageError it throws is reported in one line with exit code 2 (the
 * synchronous verbs' are reported by `main`, which an asynchronous verb has already returned to).
 */
export async function withUsageErrors(verb: () => Promise<ExitCode>): Promise<ExitCode> {
  try {
    return await verb();
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`tributary: ${e.message}\n`);
    return ExitCode.USAGE;
  }
}
