import { EMR_PLACEHOLDERS } from '../emr';
import type { WorkflowGraph } from '../../model/workflow-graph';
import { buildStateMachines } from './machines';

/**
 * The `${Name}` placeholders a Step Functions definition may contain, instead of ARNs and other
 * account-specific values. The deploy code passes a value for each name a definition lists in
 * `StateMachineArtifact.placeholders` as the state machine's `DefinitionSubstitutions`.
 * Names are ASCII letters, digits and `_` only.
 */
export const SFN_PLACEHOLDERS = {
  /** The EMR Serverless application id (not its ARN) that every EMR job run of the workflow runs on. */
  emrApplicationId: EMR_PLACEHOLDERS.applicationId,
  /** ARN of the EMR Serverless job runtime role (passed with `iam:PassRole` to emr-serverless.amazonaws.com). */
  emrJobRoleArn: EMR_PLACEHOLDERS.executionRoleArn,
  /** `s3://bucket/prefix` (no trailing `/`) where Tributary's generic job scripts (`scripts/`) are uploaded. */
  scriptsLocation: EMR_PLACEHOLDERS.scriptsLocation,
  /** `s3://bucket/prefix` (no trailing `/`) for the EMR jobs' Spark logs. */
  emrLogUri: EMR_PLACEHOLDERS.logUri,
  /** ARN of the SNS topic that receives one message per failed execution (workflow, ds, failed state, error, cause). */
  failureTopicArn: '${FailureTopicArn}',
  /**
   * ARN of the IAM role that RDS assumes to write a snapshot export to S3 (`IamRoleArn` of
   * StartExportTask; trusted by export.rds.amazonaws.com). Used only by snapshot-export sources.
   */
  exportRoleArn: '${ExportRoleArn}',
  /** ARN (or id) of the KMS key that encrypts snapshot exports (`KmsKeyId` of StartExportTask). Snapshot-export sources only. */
  exportKmsKeyArn: '${ExportKmsKeyArn}',
  /**
   * Name (not ARN, no `s3://`) of the S3 bucket that receives the raw snapshot exports; each export
   * is written under `tributary/<workflow_id>/<node_id>/<ds>/` and converted from there by the
   * node's EMR job. Snapshot-export sources only.
   */
  exportBucket: '${ExportBucket}',
} as const;

/** Prefix of the per-node placeholder `ExportSourceArn_<node_id>`. */
export const EXPORT_SOURCE_ARN_PREFIX = 'ExportSourceArn_';
/** Prefix of the per-child placeholder `StateMachineArn_<child machine name>`. */
export const STATE_MACHINE_ARN_PREFIX = 'StateMachineArn_';

/**
 * `${ExportSourceArn_<node_id>}`: the ARN StartExportTask exports from for a snapshot-export source
 * (the Aurora DB cluster ARN, or an RDS DB snapshot ARN), one per such node; the deploy code must
 * map each node id to the database the node's `connection` points at.
 */
export function exportSourceArnPlaceholder(nodeId: string): string {
  return '${' + EXPORT_SOURCE_ARN_PREFIX + nodeId + '}';
}

/**
 * `${StateMachineArn_<child name>}`: the ARN of the child state machine named `<child name>`
 * (a `StateMachineArtifact.name`), which its parent starts with `states:startExecution.sync:2`.
 * The deploy code creates children before parents and substitutes their ARNs here.
 */
export function stateMachineArnPlaceholder(machineName: string): string {
  return '${' + STATE_MACHINE_ARN_PREFIX + machineName + '}';
}

/** One state machine definition of a workflow, with what the deploy code needs to place it. */
export interface StateMachineArtifact {
  /**
   * The machine's snake_case name: the workflow id for the root machine, `<workflow_id>_part_<n>`
   * (n from 1, three digits or more, in the order the split makes them) for a child; a workflow id
   * too long for that is cut and followed by `_<8 hex digits of its hash>`. ≤ 80 characters.
   */
  readonly name: string;
  /**
   * The artifact path relative to `tributary/<workflow_id>/`: `stepfunctions/state-machine.asl.json`
   * for the root, `stepfunctions/<name>.asl.json` for a child.
   */
  readonly path: string;
  /**
   * The ASL definition (JSONPath), canonical JSON text (sorted keys) ending with a newline, with
   * `${Name}` placeholders: pretty-printed with two-space indentation, or compact when the pretty
   * form would pass the 1 MB quota. Pass it unchanged as the definition string: its size, with each
   * substituted value up to 128 bytes longer than its placeholder, is within 1,048,576 bytes.
   */
  readonly definition: string;
  /** The placeholder names (without `${}`) the definition uses, sorted. */
  readonly placeholders: string[];
  /** Names of the child machines this one starts (and whose ARNs it needs), sorted. */
  readonly children: string[];
}

/**
 * Every state machine of a workflow: the root and, when the workflow exceeds a Step Functions quota
 * in one machine, its children; children come before their parents, the root is last.
 *
 * Execution input of the root: `{"ds": "YYYY-MM-DD"}` (a date from 1900-01-01 to 2199-12-31), or,
 * without `ds`, `{"scheduledTime": "<ISO 8601 UTC>"}`, for which ds is the UTC date of that time
 * minus one day. Anything else fails the execution through the failure notification. A parent
 * starts a child with `{"ds": …, "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID": …}`.
 *
 * Service integrations the definitions call (what the state machine role must allow):
 * `emr-serverless:startJobRun.sync`; `aws-sdk:redshiftdata` executeStatement, batchExecuteStatement
 * and describeStatement (with the workflow's warehouse secret, by name, when it has one);
 * `aws-sdk:s3:listObjectsV2` on the buckets of log sources' locations; `aws-sdk:rds` startExportTask
 * and describeExportTasks (and `iam:PassRole` of `${ExportRoleArn}`); `events:putEvents` on the
 * event buses of EventBridge sinks; `sns:publish` to `${FailureTopicArn}`;
 * `states:startExecution.sync:2` of the children.
 */
export function stateMachineArtifacts(graph: WorkflowGraph): StateMachineArtifact[] {
  // A pure function of an immutable graph: rendered once per graph, however many callers ask
  // (the deploy code and the target's render in one synth).
  let artifacts = ARTIFACTS.get(graph);
  if (!artifacts) {
    artifacts = Object.freeze(buildStateMachines(graph).map((a) => { Object.freeze(a.placeholders); Object.freeze(a.children); return Object.freeze(a); }));
    ARTIFACTS.set(graph, artifacts);
  }
  return [...artifacts] as StateMachineArtifact[];
}

/** The artifacts of each graph, while the graph is alive. */
const ARTIFACTS = new WeakMap<WorkflowGraph, readonly StateMachineArtifact[]>();
