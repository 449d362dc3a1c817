import type { WorkflowGraph } from '../model/workflow-graph';
import type { Diagnostic } from '../validation/diagnostic';

/** One file a target renders, relative to the workflow's artifact folder. */
export interface ArtifactFile {
  /** Path relative to `tributary/<workflow_id>/`, with `/` separators: `airflow/orders.py`. */
  readonly path: string;
  /** File content, UTF-8 text, ending with a newline. */
  readonly content: string;
}

/**
 * A synthesis target: a pure function from the model to files. Targets never read the
 * construct tree and share no state, so a new orchestrator is a new folder under `lib/targets/`.
 */
export interface ITarget {
  /** Short name (`graph`, `airflow`), used in messages. */
  readonly name: string;
  /** Render the files for one validated workflow. */
  render(graph: WorkflowGraph): ArtifactFile[];

  /**
   * The target's own checks (its service's quotas and naming rules), run in the validate phase
   * with the workflow's rules, before anything is rendered. Errors stop synthesis.
   * @default - no checks of its own
   */
  validate?(graph: WorkflowGraph): Diagnostic[];
}
