import type { IConstruct } from 'constructs';
import type { Diagnostic } from '../validation/diagnostic';

const SESSION_KEY = Symbol.for('tributary.synthSession');

/**
 * A synthesis driven by the `tributary` CLI: the app's code runs inside it, and what Tributary
 * found is recorded here for the CLI to report, instead of being printed by the library.
 * Kept on `globalThis` under a registered symbol so that every copy of the library sees it.
 */
export interface SynthSession {
  /** Warnings fail the synthesis as errors (`--strict`). */
  readonly strict: boolean;
  /** Only this workflow's artifacts are written (`--workflow`); every workflow is still validated. */
  readonly onlyWorkflow?: string;
  /** Every construct tree root that holds a workflow, in creation order. */
  readonly roots: IConstruct[];
  /** Roots whose validation has run (the app synthesized them). */
  readonly validated: Set<IConstruct>;
  /** Unacknowledged warnings, each once. */
  readonly warnings: Diagnostic[];
}

/** The session in force, if the CLI is running the app. */
export function activeSession(): SynthSession | undefined {
  return (globalThis as Record<symbol, SynthSession | undefined>)[SESSION_KEY];
}

/** Start a session; the caller must end it with `endSession`. */
export function startSession(options: { strict?: boolean; onlyWorkflow?: string } = {}): SynthSession {
  const session: SynthSession = { strict: options.strict ?? false, onlyWorkflow: options.onlyWorkflow, roots: [], validated: new Set(), warnings: [] };
  (globalThis as Record<symbol, SynthSession | undefined>)[SESSION_KEY] = session;
  return session;
}

/** End the session in force. */
export function endSession(): void {
  delete (globalThis as Record<symbol, SynthSession | undefined>)[SESSION_KEY];
}

/** True when the AWS CDK CLI runs the app: it prints the app's annotations itself. */
export function underCdkCli(): boolean {
  return process.env.CDK_CLI_ASM_VERSION !== undefined || process.env.CDK_CLI_VERSION !== undefined;
}
