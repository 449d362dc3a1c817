import { emrJobNodes, sharedStartJobRunSpec } from './jobs';
import { validateEmr } from './validate';
import type { WorkflowGraph } from '../../model/workflow-graph';
import { canonicalJson } from '../../private/canonical';
import type { Diagnostic } from '../../validation/diagnostic';
import type { ArtifactFile, ITarget } from '../target';

/**
 * EMR Serverless job specs: `emr/<node_id>.json`, one StartJobRun request per node that runs as an
 * EMR job (Spark nodes, single-worker scripts, snapshot-export conversions), sized from the data
 * the node reads a day. Both orchestrator targets start exactly these requests.
 */
export class EmrTarget implements ITarget {
  /** `emr`. */
  public readonly name = 'emr';

  /** Render one canonical JSON StartJobRun request per EMR job node. */
  public render(graph: WorkflowGraph): ArtifactFile[] {
    return emrJobNodes(graph).map((node) => ({
      path: `emr/${node.id}.json`,
      content: canonicalJson(sharedStartJobRunSpec(graph, node.id)!),
    }));
  }

  /** EMR Serverless limits: worker sizes, request quotas, tags, timeouts and entry points (TRB020-TRB029). */
  public validate(graph: WorkflowGraph): Diagnostic[] {
    return validateEmr(graph);
  }
}
