import type { GraphNode } from '../../model/graph';
import type { WorkflowGraph } from '../../model/workflow-graph';

/**
 * Placeholders in a job spec that each orchestrator fills with its own values: Step Functions
 * through `DefinitionSubstitutions`, Airflow at run time. Nothing account-specific is in a spec.
 */
export const EMR_PLACEHOLDERS = {
  /** The EMR Serverless application id. */
  applicationId: '${EmrApplicationId}',
  /** The job runtime role's ARN. */
  executionRoleArn: '${EmrJobRoleArn}',
  /** `s3://bucket/prefix` where Tributary's generic job scripts (`scripts/`) are uploaded. */
  scriptsLocation: '${TributaryScriptsLocation}',
  /** `s3://bucket/prefix` for the jobs' Spark logs. */
  logUri: '${EmrLogUri}',
} as const;

/** A StartJobRun request (the EMR Serverless API's camelCase shape), with placeholders, as plain JSON. */
export type StartJobRunSpec = Record<string, unknown>;

/**
 * Nodes that run as an EMR Serverless job run: every Spark node (Spark tasks, Spark ingestion of
 * database sources, Spark quality checks, record-level events) and the single-worker HTTP and
 * Kafka jobs, which run Tributary's generic scripts on one driver.
 * PROVISIONAL: the EMR target issue replaces this with the full rules.
 */
export function emrJobNodes(graph: WorkflowGraph): GraphNode[] {
  return graph.order.map((id) => graph.node(id)).filter((node) => node.engine === 'spark');
}

/**
 * The StartJobRun request for one node, or undefined when the node is not an EMR job.
 * PROVISIONAL: no sizing yet; the EMR target issue replaces it.
 */
export function startJobRunSpec(graph: WorkflowGraph, nodeId: string): StartJobRunSpec | undefined {
  const node = graph.node(nodeId);
  if (node.engine !== 'spark') return undefined;
  const script = typeof node.properties.script === 'string' ? node.properties.script : `${EMR_PLACEHOLDERS.scriptsLocation}/${node.type}.py`;
  return {
    applicationId: EMR_PLACEHOLDERS.applicationId,
    executionRoleArn: EMR_PLACEHOLDERS.executionRoleArn,
    name: `${graph.workflow.id}.${node.id}`,
    executionTimeoutMinutes: Math.ceil(node.timeoutSeconds / 60),
    jobDriver: {
      sparkSubmit: {
        entryPoint: script,
        entryPointArguments: Array.isArray(node.properties.arguments) ? node.properties.arguments : ['--ds', '{{ds}}'],
        sparkSubmitParameters: '',
      },
    },
    configurationOverrides: {
      monitoringConfiguration: { s3MonitoringConfiguration: { logUri: `${EMR_PLACEHOLDERS.logUri}/${graph.workflow.id}/${node.id}/` } },
    },
    tags: { workflow: graph.workflow.id, node: node.id },
  };
}
