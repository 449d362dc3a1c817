import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Aws } from 'aws-cdk-lib/core';
import type { GraphNode } from '../../model/graph';
import type { WorkflowGraph } from '../../model/workflow-graph';
import { compare } from '../../private/canonical';
import { joinKey, s3Pattern } from './locations';
import { appendTo } from '../../private/multimap';

/** A Step Functions service integration that a definition's Task states use, and that needs IAM statements. */
export enum Integration {
  /** `emr-serverless:startJobRun(.sync)`, `cancelJobRun`. */
  EMR_SERVERLESS = 'emr-serverless',
  /** `aws-sdk:redshiftdata:*` (Redshift Data API). */
  REDSHIFT_DATA = 'redshift-data',
  /** `events:putEvents`. */
  EVENTBRIDGE = 'eventbridge',
  /** `aws-sdk:s3:headObject` / `getObject` on completion markers. */
  S3_GET_MARKER = 's3-get-marker',
  /** `aws-sdk:s3:listObjectsV2` under the log locations. */
  S3_LIST_MARKER = 's3-list-marker',
  /** `aws-sdk:rds:startExportTask` / `describeExportTasks`. */
  RDS_EXPORT = 'rds-export',
  /** `states:startExecution(.sync|.sync:2)` of child machines. */
  CHILD_MACHINES = 'child-machines',
  /** `sns:publish` to the failure topic. */
  SNS = 'sns',
}

const BY_RESOURCE: ReadonlyArray<[RegExp, Integration]> = [
  [/^emr-serverless:(startJobRun|cancelJobRun)(\.sync)?$/, Integration.EMR_SERVERLESS],
  [/^aws-sdk:redshiftdata:(executeStatement|batchExecuteStatement|describeStatement|getStatementResult|cancelStatement)$/, Integration.REDSHIFT_DATA],
  [/^events:putEvents$/, Integration.EVENTBRIDGE],
  [/^aws-sdk:s3:(headObject|getObject)$/, Integration.S3_GET_MARKER],
  [/^aws-sdk:s3:listObjectsV2$/, Integration.S3_LIST_MARKER],
  [/^aws-sdk:rds:(startExportTask|describeExportTasks)$/, Integration.RDS_EXPORT],
  [/^states:startExecution(\.sync(:2)?)?$/, Integration.CHILD_MACHINES],
  [/^sns:publish$/, Integration.SNS],
];

/**
 * The integration a Task state's `Resource` calls. Throws for a resource with no statements here,
 * so that a new integration in the definitions cannot deploy without its permissions.
 */
export function integrationOf(resource: string): Integration {
  const match = /^arn:aws[a-z-]*:states:::(.+)$/.exec(resource);
  const found = match ? BY_RESOURCE.find(([pattern]) => pattern.test(match[1])) : undefined;
  if (!found) {
    throw new Error(`The Step Functions deploy code has no IAM statements for the Task resource '${resource}'; add them in lib/deploy/private/integrations.ts`);
  }
  return found[1];
}

/** Every Task state `Resource` of an ASL definition, text or parsed (nested Parallel branches and Map processors included), sorted and unique. */
export function taskResources(definition: string | { States?: Record<string, any> }): string[] {
  const found = new Set<string>();
  const visitStates = (states: Record<string, any> | undefined) => {
    for (const state of Object.values(states ?? {})) {
      if (state.Type === 'Task' && typeof state.Resource === 'string') found.add(state.Resource);
      for (const branch of state.Branches ?? []) visitStates(branch.States);
      visitStates((state.ItemProcessor ?? state.Iterator)?.States);
    }
  };
  visitStates((typeof definition === 'string' ? JSON.parse(definition) : definition).States);
  return [...found].sort(compare);
}

/** One EMR Serverless job run a definition starts: the node it runs (its `node` tag, else the state name) and its entry point. */
export interface EmrJob {
  readonly node: string;
  readonly entryPoint?: string;
}

/** Every EMR Serverless job run of an ASL definition, text or parsed (nested states included), in state order. */
export function emrJobs(definition: string | { States?: Record<string, any> }): EmrJob[] {
  const jobs: EmrJob[] = [];
  const visitStates = (states: Record<string, any> | undefined) => {
    for (const [name, state] of Object.entries(states ?? {})) {
      if (state.Type === 'Task' && typeof state.Resource === 'string' && /:states:::emr-serverless:startJobRun/.test(state.Resource)) {
        const parameters = state.Parameters ?? state.Arguments ?? {};
        const entryPoint = parameters.JobDriver?.SparkSubmit?.EntryPoint;
        jobs.push({ node: typeof parameters.Tags?.node === 'string' ? parameters.Tags.node : name, entryPoint: typeof entryPoint === 'string' ? entryPoint : undefined });
      }
      for (const branch of state.Branches ?? []) visitStates(branch.States);
      visitStates((state.ItemProcessor ?? state.Iterator)?.States);
    }
  };
  visitStates((typeof definition === 'string' ? JSON.parse(definition) : definition).States);
  return jobs;
}

/** What the state machines' statements are scoped to. */
export interface StateMachineScope {
  readonly graph: WorkflowGraph;
  /** The EMR Serverless application id. */
  readonly emrApplicationId: string;
  /** The EMR job runtime role's ARN. */
  readonly jobRoleArn: string;
  /** The failure topic's ARN. */
  readonly failureTopicArn: string;
  /** Each child machine's ARN and name (a token is fine). */
  readonly children: ReadonlyArray<{ readonly arn: string; readonly name: string }>;
  /** Snapshot exports: the role RDS assumes, the KMS key, and the sources exported from. */
  readonly exports?: { readonly roleArn: string; readonly kmsKeyArn: string; readonly sourceArns: string[] };
}

/** Least-privilege statements for the state machines' role: one group per integration used, in a fixed order. */
export function stateMachineStatements(integrations: ReadonlySet<Integration>, scope: StateMachineScope): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  const add = (sid: string, actions: string[], resources: string[], conditions?: Record<string, Record<string, unknown>>) => {
    if (resources.length === 0) return;
    statements.push(new PolicyStatement({ sid, actions, resources, conditions }));
  };
  const { graph } = scope;
  if (integrations.has(Integration.EMR_SERVERLESS)) {
    const application = arn('emr-serverless', `/applications/${scope.emrApplicationId}`);
    add('EmrServerlessStartJobRun', ['emr-serverless:StartJobRun'], [application]);
    add('EmrServerlessJobRuns', ['emr-serverless:GetJobRun', 'emr-serverless:CancelJobRun'], [`${application}/jobruns/*`]);
    add('EmrServerlessPassJobRole', ['iam:PassRole'], [scope.jobRoleArn], { StringEquals: { 'iam:PassedToService': 'emr-serverless.amazonaws.com' } });
    add('EmrServerlessSyncRule', ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'], [arn('events', 'rule/StepFunctionsGetEventsForEMRServerlessJobRule')]);
  }
  if (integrations.has(Integration.REDSHIFT_DATA)) statements.push(...redshiftStatements(graph, 'Redshift'));
  if (integrations.has(Integration.EVENTBRIDGE)) {
    add('EventBridgePutEvents', ['events:PutEvents'], unique(graph.nodes.filter(isEventBridgeEvent).map((n) => eventBusArn(n.properties.bus.busName))));
  }
  if (integrations.has(Integration.S3_GET_MARKER)) {
    add('ReadCompletionMarkers', ['s3:GetObject'], unique(markers(graph).map((m) => s3Arn(m.bucket, m.marker))));
  }
  if (integrations.has(Integration.S3_LIST_MARKER)) {
    statements.push(...listStatements('ListCompletionMarkers', markers(graph).map((m) => ({ bucket: m.bucket, key: m.marker, exact: true }))));
  }
  if (integrations.has(Integration.RDS_EXPORT) && scope.exports) {
    const { roleArn, kmsKeyArn, sourceArns } = scope.exports;
    add('RdsStartExportTask', ['rds:StartExportTask'], unique(sourceArns));
    // DescribeExportTasks has no resource type: it cannot be scoped to the exports started here.
    add('RdsDescribeExportTasks', ['rds:DescribeExportTasks'], ['*']);
    add('RdsPassExportRole', ['iam:PassRole'], [roleArn], { StringEquals: { 'iam:PassedToService': 'export.rds.amazonaws.com' } });
    add('RdsExportKey', ['kms:CreateGrant', 'kms:DescribeKey'], [kmsKeyArn]);
  }
  if (integrations.has(Integration.CHILD_MACHINES)) {
    add('StartChildMachines', ['states:StartExecution'], scope.children.map((c) => c.arn));
    add('ChildExecutions', ['states:DescribeExecution', 'states:StopExecution'], scope.children.map((c) => arn('states', `execution:${c.name}:*`)));
    add('ChildMachinesSyncRule', ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'], [arn('events', 'rule/StepFunctionsGetEventsForStepFunctionsExecutionRule')]);
  }
  if (integrations.has(Integration.SNS)) add('PublishFailures', ['sns:Publish'], [scope.failureTopicArn]);
  return statements;
}

/** Redshift Data API statements on the workflow's warehouse, each sid starting with `prefix`. */
function redshiftStatements(graph: WorkflowGraph, prefix: string): PolicyStatement[] {
  const warehouse = graph.workflow.warehouse;
  if (!warehouse) return [];
  const cluster = typeof warehouse.clusterIdentifier === 'string' ? warehouse.clusterIdentifier : undefined;
  const target = cluster !== undefined
    ? arn('redshift', `cluster:${cluster}`)
    // Workgroup ARNs end with the workgroup's generated id, not its name: the account's workgroups.
    : arn('redshift-serverless', 'workgroup/*');
  const statements = [
    new PolicyStatement({ sid: `${prefix}ExecuteStatement`, actions: ['redshift-data:ExecuteStatement', 'redshift-data:BatchExecuteStatement'], resources: [target] }),
    // Statement ids are not resources: the Data API scopes these calls to statements of the caller.
    new PolicyStatement({
      sid: `${prefix}OwnStatements`,
      actions: ['redshift-data:DescribeStatement', 'redshift-data:GetStatementResult', 'redshift-data:CancelStatement'],
      resources: ['*'],
      conditions: { StringEquals: { 'redshift-data:statement-owner-iam-userid': '${aws:userid}' } },
    }),
  ];
  const secret = secretReference(warehouse.secret);
  if (secret) {
    statements.push(new PolicyStatement({ sid: `${prefix}CredentialsSecret`, actions: ['secretsmanager:GetSecretValue'], resources: [secretArn(secret)] }));
  } else if (cluster !== undefined) {
    statements.push(new PolicyStatement({ sid: `${prefix}ClusterCredentials`, actions: ['redshift:GetClusterCredentialsWithIAM'], resources: [arn('redshift', `dbname:${cluster}/${warehouse.database}`)] }));
  } else {
    statements.push(new PolicyStatement({ sid: `${prefix}ServerlessCredentials`, actions: ['redshift-serverless:GetCredentials'], resources: [target] }));
  }
  return statements;
}

/** What the EMR job runtime role's statements are scoped to. */
export interface JobRoleScope {
  readonly graph: WorkflowGraph;
  /** Name of the bucket that holds the generic scripts and the job logs. */
  readonly artifactsBucket: string;
  /** Key prefix of the scripts, no trailing `/`. */
  readonly scriptsPrefix: string;
  /** Key prefix of this workflow's job logs, no trailing `/`. */
  readonly logsPrefix: string;
  /** User scripts (`s3://…`) the job specs run. */
  readonly entryPoints: string[];
  /** Nodes that run as EMR job runs. */
  readonly jobNodes: GraphNode[];
  /** Snapshot exports to convert: their bucket, key prefix and KMS key. */
  readonly exports?: { readonly bucket: string; readonly prefix: string; readonly kmsKeyArn: string };
}

/**
 * Least-privilege statements for the EMR job runtime role: read and write the workflow's lake
 * datasets, read its log sources, the scripts and exports, write job logs, and read the secrets
 * that its job nodes declare (an Airflow connection `x` is the secret `airflow/connections/x`).
 */
export function jobRoleStatements(scope: JobRoleScope): PolicyStatement[] {
  const { graph } = scope;
  const readOnly = new Set(graph.nodes.filter((n) => n.type === 'LogSource').map((n) => n.id));
  const datasets = graph.nodes.flatMap((n) => {
    const pattern = n.output ? s3Pattern(n.output.location) : undefined;
    return pattern ? [{ ...pattern, write: !readOnly.has(n.id) }] : [];
  });
  const written = datasets.filter((d) => d.write);
  const read = [
    ...datasets.filter((d) => !d.write),
    { bucket: scope.artifactsBucket, key: scope.scriptsPrefix + '/' },
    ...(scope.exports ? [{ bucket: scope.exports.bucket, key: scope.exports.prefix + '/' }] : []),
  ];
  const statements: PolicyStatement[] = [];
  const objects = (sid: string, actions: string[], patterns: Array<{ bucket: string; key: string }>) => {
    const resources = unique(collapse(patterns).map((p) => s3Arn(p.bucket, objectPattern(p.key))));
    if (resources.length > 0) statements.push(new PolicyStatement({ sid, actions, resources }));
  };
  objects('ReadWriteDatasets', ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'], written);
  objects('ReadInputs', ['s3:GetObject'], read);
  const scripts = unique(scope.entryPoints.flatMap((e) => { const p = s3Pattern(e); return p ? [s3Arn(p.bucket, p.key)] : []; }));
  if (scripts.length > 0) statements.push(new PolicyStatement({ sid: 'ReadJobScripts', actions: ['s3:GetObject'], resources: scripts }));
  objects('WriteJobLogs', ['s3:PutObject'], [{ bucket: scope.artifactsBucket, key: scope.logsPrefix + '/' }]);
  statements.push(...listStatements('ListDatasets', collapse([...written, ...read])));
  if (scope.exports) statements.push(new PolicyStatement({ sid: 'DecryptExports', actions: ['kms:Decrypt', 'kms:DescribeKey'], resources: [scope.exports.kmsKeyArn] }));
  // A job that reads a warehouse table (an API sink pushing a mart) reads it through the Data API.
  const readsWarehouse = scope.jobNodes.some((n) => n.inputs.some((id) => graph.hasNode(id) && graph.node(id).output?.format === 'warehouse_table'));
  if (readsWarehouse) statements.push(...redshiftStatements(graph, 'WarehouseRead'));
  const secrets = unique(scope.jobNodes.flatMap((n) => secretReferences(n.properties)).map(secretArn));
  if (secrets.length > 0) statements.push(new PolicyStatement({ sid: 'ReadDeclaredSecrets', actions: ['secretsmanager:GetSecretValue'], resources: secrets }));
  return statements;
}

/** The secret name a `{store, reference}` value stands for in Secrets Manager, or undefined. */
export function secretReference(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const { store, reference } = value as { store?: unknown; reference?: unknown };
  if (typeof reference !== 'string') return undefined;
  if (store === 'secretsmanager') return reference;
  if (store === 'airflow_connection') return `airflow/connections/${reference}`;
  return undefined;
}

/** Every secret a node's properties declare, as Secrets Manager names, in the order found. */
export function secretReferences(value: unknown): string[] {
  const direct = secretReference(value);
  if (direct !== undefined) return [direct];
  if (Array.isArray(value)) return value.flatMap(secretReferences);
  if (value !== null && typeof value === 'object') return Object.keys(value).sort(compare).flatMap((k) => secretReferences((value as any)[k]));
  return [];
}

/** The ARN pattern of a Secrets Manager secret given by name (Secrets Manager appends `-` and six characters) or by ARN. */
export function secretArn(nameOrArn: string): string {
  return nameOrArn.startsWith('arn:') ? nameOrArn : arn('secretsmanager', `secret:${nameOrArn}-??????`);
}

/** True for an EventSink that publishes a completion event to an EventBridge bus (a direct PutEvents). */
export function isEventBridgeEvent(node: GraphNode): boolean {
  return node.type === 'EventSink' && node.properties.bus?.broker === 'eventbridge' && node.properties.payload?.kind !== 'records';
}

function eventBusArn(nameOrArn: string): string {
  return nameOrArn.startsWith('arn:') ? nameOrArn : arn('events', `event-bus/${nameOrArn}`);
}

function markers(graph: WorkflowGraph): Array<{ bucket: string; prefix: string; marker: string }> {
  return graph.nodes.filter((n) => n.type === 'LogSource' && n.output).flatMap((n) => {
    const pattern = s3Pattern(n.output!.location);
    if (!pattern) return [];
    const prefix = pattern.key.endsWith('/') || pattern.key === '' ? pattern.key : pattern.key + '/';
    return [{ bucket: pattern.bucket, prefix, marker: joinKey(prefix, String(n.properties.completionMarker ?? '_SUCCESS')) }];
  });
}

/** One `s3:ListBucket` statement per bucket, limited by `s3:prefix` to what is under the key patterns (or to exactly the key, when `exact`). */
function listStatements(sid: string, patterns: Array<{ bucket: string; key: string; exact?: boolean }>): PolicyStatement[] {
  const byBucket = new Map<string, Set<string>>();
  for (const p of patterns) {
    if (!byBucket.has(p.bucket)) byBucket.set(p.bucket, new Set());
    byBucket.get(p.bucket)!.add(p.exact ? p.key : objectPattern(p.key));
  }
  return [...byBucket.keys()].sort(compare).map((bucket, i) => new PolicyStatement({
    sid: `${sid}${i}`,
    actions: ['s3:ListBucket'],
    resources: [`arn:${Aws.PARTITION}:s3:::${bucket}`],
    conditions: { StringLike: { 's3:prefix': [...byBucket.get(bucket)!].sort(compare) } },
  }));
}

/** Above this many key patterns in one bucket, a role's patterns are merged into their common prefix. */
export const MAX_PATTERNS_PER_BUCKET = 10;

/**
 * The key patterns, except that a bucket with more than MAX_PATTERNS_PER_BUCKET of them gets one
 * pattern instead: everything under their longest common folder (`lake/flow/a/ds=*` and
 * `lake/flow/b/ds=*` → `lake/flow/`). A workflow of thousands of datasets under its lake location
 * then stays inside IAM's 10,240-character limit on a role's inline policies.
 */
export function collapse<T extends { bucket: string; key: string }>(patterns: T[]): Array<{ bucket: string; key: string }> {
  const byBucket = new Map<string, string[]>();
  for (const p of patterns) appendTo(byBucket, p.bucket, p.key);
  return [...byBucket.keys()].sort(compare).flatMap((bucket) => {
    const keys = unique(byBucket.get(bucket)!);
    if (keys.length <= MAX_PATTERNS_PER_BUCKET) return keys.map((key) => ({ bucket, key }));
    let common = keys[0];
    for (const key of keys) while (!key.startsWith(common)) common = common.slice(0, -1);
    const folder = common.slice(0, common.lastIndexOf('/') + 1).replace(/\*.*$/, '');
    return [{ bucket, key: folder.slice(0, folder.lastIndexOf('/') + 1) }];
  });
}

/** The object-key pattern of everything under a location's key pattern: a `*` appended unless it ends with one. */
function objectPattern(key: string): string {
  return key.endsWith('*') ? key : `${key}*`;
}

function s3Arn(bucket: string, key: string): string {
  return `arn:${Aws.PARTITION}:s3:::${bucket}/${key}`;
}

function arn(service: string, resource: string): string {
  return `arn:${Aws.PARTITION}:${service}:${Aws.REGION}:${Aws.ACCOUNT_ID}:${resource}`;
}

function unique(values: string[]): string[] {
  return [...new Set(values)].sort(compare);
}
