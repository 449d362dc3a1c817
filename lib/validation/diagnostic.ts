/** How serious a diagnostic is. */
export enum DiagnosticSeverity {
  /** Synthesis stops; nothing is written. */
  ERROR = 'error',
  /** Reported; synthesis goes on. */
  WARNING = 'warning',
}

/** One problem found by validation, with where it is and how to fix it. */
export interface Diagnostic {
  /** Stable code (`TRB001`), listed with an example in docs/errors.md. */
  readonly code: string;
  /** Error or warning. */
  readonly severity: DiagnosticSeverity;
  /** Construct path of the node or workflow at fault. */
  readonly path: string;
  /**
   * `file:line:column` where that construct was created.
   * @default - unknown
   */
  readonly location?: string;
  /** What is wrong, in one sentence. */
  readonly message: string;
  /** What to change. */
  readonly fix: string;
}
