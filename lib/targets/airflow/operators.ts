import type { AirflowOperatorClass } from './dag-model';
import { AIRFLOW_VARIABLES, airflowTemplate, airflowTemplates, variableExpression } from './jinja';
import type { PyValue } from './python-literal';
import type { GraphNode } from '../../model/graph';
import type { WorkflowGraph } from '../../model/workflow-graph';
import { canonicalJson } from '../../private/canonical';
import { sharedStartJobRunSpec } from '../emr';
import { warehouseStatements } from '../warehouse';

/** The operators of the official providers that Tributary's DAGs use. */
export const OPERATORS = {
  emrJob: { name: 'EmrServerlessStartJobOperator', module: 'airflow.providers.amazon.aws.operators.emr' },
  redshiftData: { name: 'RedshiftDataOperator', module: 'airflow.providers.amazon.aws.operators.redshift_data' },
  s3KeySensor: { name: 'S3KeySensor', module: 'airflow.providers.amazon.aws.sensors.s3' },
  putEvents: { name: 'EventBridgePutEventsOperator', module: 'airflow.providers.amazon.aws.operators.eventbridge' },
  rdsExport: { name: 'RdsStartExportTaskOperator', module: 'airflow.providers.amazon.aws.operators.rds' },
} as const satisfies Record<string, AirflowOperatorClass>;

/** `template_ext` of RedshiftDataOperator: any templated field ending with it is read as a file name. */
const SQL_TEMPLATE_EXT = ['.sql'];

/** How often a waiting task asks AWS whether the job or export has finished, in seconds. */
export const WAITER_DELAY_SECONDS = 60;

/** Airflow Variables of snapshot exports (the source ARN is one Variable per node: see `exportSourceVariable`). */
export const EXPORT_VARIABLES = {
  bucket: 'tributary_rds_export_bucket',
  roleArn: 'tributary_rds_export_role_arn',
  kmsKeyId: 'tributary_rds_export_kms_key_id',
} as const;

/** The Airflow Variable holding the snapshot (or cluster) ARN a snapshot-export node exports. */
export function exportSourceVariable(workflowId: string, nodeId: string): string {
  return `tributary_rds_export_source_arn.${workflowId}.${nodeId}`;
}

/** One step of a node: a task id suffix (empty for the node's own task), an operator and its arguments. */
export interface OperatorStep {
  /** `''` for the task named after the node, `export` for `<node>.export`. */
  readonly suffix: string;
  /** The operator. */
  readonly operator: AirflowOperatorClass;
  /** Operator arguments, in the order they are written. */
  readonly arguments: Array<[string, PyValue]>;
}

/**
 * The operator steps that run one node, in order: one step for every node, two for a snapshot
 * export (the export, then the EMR job converting its files). Job kinds follow the team's
 * decisions, the same as in the Step Functions target.
 */
export function operatorSteps(graph: WorkflowGraph, node: GraphNode): OperatorStep[] {
  switch (node.engine) {
    case 'spark':
      return [{ suffix: '', operator: OPERATORS.emrJob, arguments: emrJobArguments(graph, node) }];
    case 'single_worker':
      if (isEventBridgeCompletion(node)) return [{ suffix: '', operator: OPERATORS.putEvents, arguments: putEventsArguments(graph, node) }];
      return [{ suffix: '', operator: OPERATORS.emrJob, arguments: emrJobArguments(graph, node) }];
    case 'sensor':
      return [{ suffix: '', operator: OPERATORS.s3KeySensor, arguments: sensorArguments(node) }];
    case 'warehouse':
      return [{ suffix: '', operator: OPERATORS.redshiftData, arguments: redshiftArguments(graph, node) }];
    case 'database_export':
      return [
        { suffix: 'export', operator: OPERATORS.rdsExport, arguments: exportArguments(graph, node) },
        { suffix: '', operator: OPERATORS.emrJob, arguments: emrJobArguments(graph, node) },
      ];
    default:
      throw new Error(`Airflow has no operator for node '${node.id}' on engine '${node.engine}'`);
  }
}

/** True for an EventSink that publishes a completion event to EventBridge. */
export function isEventBridgeCompletion(node: GraphNode): boolean {
  return node.type === 'EventSink' && node.properties.bus?.broker === 'eventbridge' && node.properties.payload?.kind === 'completion';
}

/** Attempts the operator's waiter makes before it gives up, so that it outlasts the node's timeout. */
export function waiterAttempts(timeoutSeconds: number): number {
  return Math.ceil(timeoutSeconds / WAITER_DELAY_SECONDS) + 1;
}

/**
 * EmrServerlessStartJobOperator arguments from the node's StartJobRun request: the request's
 * jobDriver and configurationOverrides as they are, its other settings (timeout, tags, retry
 * policy) through `config`, which the operator merges into the request.
 */
function emrJobArguments(graph: WorkflowGraph, node: GraphNode): Array<[string, PyValue]> {
  const spec = sharedStartJobRunSpec(graph, node.id);
  if (spec === undefined) throw new Error(`node '${node.id}' is mapped to an EMR job but the EMR target gives it no StartJobRun request`);
  const { applicationId, executionRoleArn, name, jobDriver, configurationOverrides, clientToken: _token, ...config } = spec;
  const args: Array<[string, PyValue]> = [
    ['application_id', airflowTemplate(String(applicationId))],
    ['execution_role_arn', airflowTemplate(String(executionRoleArn))],
    ['name', airflowTemplate(String(name ?? `${graph.workflow.id}.${node.id}`))],
    ['job_driver', airflowTemplates(jobDriver as PyValue)],
  ];
  if (configurationOverrides !== undefined) args.push(['configuration_overrides', airflowTemplates(configurationOverrides as PyValue)]);
  if (Object.keys(config).length > 0) args.push(['config', airflowTemplates(config as PyValue)]);
  args.push(['waiter_delay', WAITER_DELAY_SECONDS], ['waiter_max_attempts', waiterAttempts(node.timeoutSeconds)]);
  return args;
}

/** S3KeySensor arguments: wait for the partition's completion marker, in reschedule mode (no worker held). */
function sensorArguments(node: GraphNode): Array<[string, PyValue]> {
  const location = node.output!.location;
  const marker = String(node.properties.completionMarker);
  const key = location.endsWith('/') ? `${location}${marker}` : `${location}/${marker}`;
  return [
    ['bucket_key', airflowTemplate(key)],
    ['mode', 'reschedule'],
    ['poke_interval', Number(node.properties.pollIntervalSeconds)],
    ['timeout', Number(node.properties.arrivalTimeoutSeconds)],
  ];
}

/** EventBridgePutEventsOperator arguments: one event naming the workflow, the date and the datasets. */
function putEventsArguments(graph: WorkflowGraph, node: GraphNode): Array<[string, PyValue]> {
  const datasets = node.inputs.filter((id) => graph.hasNode(id)).map((id) => {
    const output = graph.node(id).output;
    return { id, location: output?.location ?? null };
  });
  const detail = JSON.stringify(JSON.parse(canonicalJson({ workflow: graph.workflow.id, ds: '{{ds}}', datasets })));
  return [['entries', [{
    Source: airflowTemplate(String(node.properties.source)),
    DetailType: airflowTemplate(String(node.properties.detailType)),
    EventBusName: airflowTemplate(String(node.properties.bus.busName)),
    Detail: airflowTemplate(detail),
  }]]];
}

/** RedshiftDataOperator arguments for a SQL task, a warehouse check or a warehouse load. */
function redshiftArguments(graph: WorkflowGraph, node: GraphNode): Array<[string, PyValue]> {
  const warehouse = graph.workflow.warehouse ?? {};
  const template = (text: string) => airflowTemplate(text, SQL_TEMPLATE_EXT);
  const args: Array<[string, PyValue]> = [['database', template(String(warehouse.database))]];
  if (warehouse.workgroupName !== undefined) args.push(['workgroup_name', template(String(warehouse.workgroupName))]);
  if (warehouse.clusterIdentifier !== undefined) args.push(['cluster_identifier', template(String(warehouse.clusterIdentifier))]);
  if (warehouse.secret !== undefined) args.push(['secret_arn', secretName(warehouse.secret)]);
  args.push(['statement_name', template(`${graph.workflow.id}.${node.id}`)]);
  args.push(['sql', warehouseSql(graph, node)]);
  return args;
}

/** The SQL a warehouse node runs: a list of statements (one transaction), or one check statement. */
function warehouseSql(graph: WorkflowGraph, node: GraphNode): PyValue {
  const statements = warehouseStatements(graph, node).map((sql) => airflowTemplate(sql, SQL_TEMPLATE_EXT));
  return node.type === 'QualityCheck' ? statements[0] : statements;
}

/** The Secrets Manager name of a secret reference (an Airflow connection is read from `airflow/connections/<id>`). */
export function secretName(secret: { store: string; reference: string }): string {
  return secret.store === 'airflow_connection' ? `airflow/connections/${secret.reference}` : secret.reference;
}

/** RdsStartExportTaskOperator arguments: export the node's snapshot to S3 under `<workflow>/<node>/<ds>`. */
function exportArguments(graph: WorkflowGraph, node: GraphNode): Array<[string, PyValue]> {
  const variable = (name: string) => variableExpression(name);
  return [
    ['export_task_identifier', `${exportIdPrefix(graph.workflow.id, node.id)}-{{ ds_nodash }}-{{ ti.try_number }}`],
    ['source_arn', variable(exportSourceVariable(graph.workflow.id, node.id))],
    ['s3_bucket_name', variable(EXPORT_VARIABLES.bucket)],
    ['s3_prefix', airflowTemplate(`${graph.workflow.id}/${node.id}/{{ds}}`)],
    ['iam_role_arn', variable(EXPORT_VARIABLES.roleArn)],
    ['kms_key_id', variable(EXPORT_VARIABLES.kmsKeyId)],
    ['waiter_interval', WAITER_DELAY_SECONDS],
    ['waiter_max_attempts', waiterAttempts(node.timeoutSeconds)],
  ];
}

/**
 * The start of an export task identifier: RDS allows 60 letters, digits and single hyphens,
 * starting with a letter. A readable part of the node id and a hash of the workflow and node
 * ids leave room for the date and the attempt.
 */
export function exportIdPrefix(workflowId: string, nodeId: string): string {
  const readable = nodeId.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 24).replace(/-+$/, '');
  return `trb-${readable ? `${readable}-` : ''}${fnv1a(`${workflowId}/${nodeId}`)}`;
}

/** Every Airflow Variable an EMR job, export or other task may read, for documentation. */
export const ALL_FIXED_VARIABLES = [...Object.values(AIRFLOW_VARIABLES), ...Object.values(EXPORT_VARIABLES)];

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf-8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

