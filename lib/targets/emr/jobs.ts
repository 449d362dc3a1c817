import type { StartJobRunRequest } from '@aws-sdk/client-emr-serverless';
import { formatMib, heapForCpu, JobSizing, parseSparkMemoryMib, singleWorkerSize, sizeFor, STANDARD_DISK_GB, worker } from './sizing';
import type { GraphDataset, GraphNode } from '../../model/graph';
import type { WorkflowGraph } from '../../model/workflow-graph';
import { sortKeys } from '../../private/canonical';

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

/** The shared helper module every job gets on its Python path (`spark.submit.pyFiles`). */
export const SHARED_PY_MODULE = 'tributary_jobs.py';

/** JDBC drivers of the database engines, fetched by Spark from Maven Central (`spark.jars.packages`). */
export const JDBC_PACKAGES: Readonly<Record<string, string>> = {
  postgres: 'org.postgresql:postgresql:42.7.4',
  mysql: 'com.mysql:mysql-connector-j:8.4.0',
};

/**
 * Spark's Kafka data source for the Spark of EMR 7.9/7.10 (3.5.5, Scala 2.12), fetched by Spark from
 * Maven Central (`spark.jars.packages`) for an EventSink on Kafka; scripts/publish_events.py names
 * the same package when it is missing.
 */
export const SPARK_KAFKA_PACKAGE = 'org.apache.spark:spark-sql-kafka-0-10_2.12:3.5.5';

/** Spark settings that decide the workers, written to `sparkSubmitParameters` (they win over spark-defaults). */
export const RESOURCE_KEYS = [
  'spark.driver.cores',
  'spark.driver.memory',
  'spark.executor.cores',
  'spark.executor.memory',
  'spark.dynamicAllocation.enabled',
  'spark.dynamicAllocation.initialExecutors',
  'spark.dynamicAllocation.minExecutors',
  'spark.dynamicAllocation.maxExecutors',
  'spark.emr-serverless.driver.disk',
  'spark.emr-serverless.driver.disk.type',
  'spark.emr-serverless.executor.disk',
  'spark.emr-serverless.executor.disk.type',
] as const;

/**
 * Dependency settings that Spark reads when the job is submitted, so they go to
 * `sparkSubmitParameters` too. A node's value is appended to Tributary's own (`tributary_jobs.py`
 * stays on the Python path, the JDBC driver stays on the class path).
 */
export const SUBMIT_LIST_KEYS = [
  'spark.archives',
  'spark.files',
  'spark.jars',
  'spark.jars.excludes',
  'spark.jars.packages',
  'spark.jars.repositories',
  'spark.submit.pyFiles',
] as const;

/** Whether a Spark setting belongs in `sparkSubmitParameters` rather than spark-defaults. */
export function isSubmitKey(key: string): boolean {
  return (RESOURCE_KEYS as readonly string[]).includes(key) || (SUBMIT_LIST_KEYS as readonly string[]).includes(key);
}

/** How a node runs on EMR Serverless: the script, its arguments and its Spark settings. */
export interface EmrJobPlan {
  /** The node. */
  readonly node: GraphNode;
  /** `s3://` URI of the entry point. */
  readonly entryPoint: string;
  /** Entry point arguments. */
  readonly entryPointArguments: string[];
  /** Daily bytes the job reads, when known (what the formula sized). */
  readonly inputBytes?: number;
  /** Whether the job is a single-worker script (fixed small size). */
  readonly singleWorker: boolean;
  /** The formula's (or the fixed) size, before overrides. */
  readonly sizing: JobSizing;
  /** Submit-time settings in order: dependencies and workers (formula, then `resources`, then `sparkConf`). */
  readonly submitConf: Array<[string, string]>;
  /** spark-defaults: the formula's SQL settings, then the node's other `sparkConf` entries. */
  readonly sparkDefaults: Record<string, string>;
  /** Where each overridden setting came from (`resources.executorCpu`, `sparkConf`). */
  readonly overriddenBy: Record<string, string>;
}

/** The generic script of a node that runs one of Tributary's scripts, by node type and settings. */
function genericScript(node: GraphNode): string | undefined {
  switch (node.type) {
    case 'ApiSource': return 'api_ingest.py';
    case 'ApiSink': return 'api_push.py';
    case 'EventSink': return 'publish_events.py';
    case 'QualityCheck': return 'quality_check.py';
    case 'DatabaseSource': {
      const mode = node.properties.ingest?.mode;
      if (mode === 'snapshot_export') return 'convert_export.py';
      if (mode === 'change_data_capture') return 'merge_changes.py';
      return 'ingest_jdbc.py';
    }
    default: return undefined;
  }
}

/** Whether a node runs as an EMR Serverless job run (the team's job-kind rules). */
export function isEmrJob(node: GraphNode): boolean {
  switch (node.engine) {
    case 'spark': return true;
    case 'database_export': return node.type === 'DatabaseSource';
    case 'single_worker':
      if (node.type === 'ApiSource' || node.type === 'ApiSink') return true;
      return node.type === 'EventSink' && node.properties.bus?.broker === 'kafka';
    default: return false;
  }
}

/**
 * Nodes that run as an EMR Serverless job run, in graph order: every Spark node (Spark tasks,
 * Spark ingestion of database sources, Spark quality checks, record-level events), the
 * single-worker HTTP and Kafka jobs (Tributary's generic scripts on one driver), and the
 * conversion job that follows a database snapshot export.
 */
export function emrJobNodes(graph: WorkflowGraph): GraphNode[] {
  return graph.order.map((id) => graph.node(id)).filter(isEmrJob);
}

/** The dataset behind an input id: the producer's output, or only its id when outside the workflow. */
function inputDataset(graph: WorkflowGraph, id: string): GraphDataset | { id: string } {
  return graph.hasNode(id) ? graph.node(id).output ?? { id } : { id };
}

/**
 * The `--node` argument of a generic script: compact canonical JSON of the node's workflow id,
 * node id, properties, input datasets and output dataset.
 */
export function nodeArgument(graph: WorkflowGraph, node: GraphNode): string {
  return JSON.stringify(sortKeys({
    workflow: graph.workflow.id,
    node: node.id,
    properties: node.properties,
    inputs: node.inputs.map((id) => inputDataset(graph, id)),
    output: node.output ?? null,
  }));
}

/** Daily bytes a node reads: its inputs' sizes; for a source its output's size; for a CDC merge the table's. */
export function dailyInputBytes(graph: WorkflowGraph, node: GraphNode): number | undefined {
  if (node.type === 'DatabaseSource' && node.properties.ingest?.mode === 'change_data_capture') {
    // The merge reads the table's current state (yesterday's partition) and the day's changes.
    const sizes = [node.output?.estimatedSizeBytes, numberOr(node.properties.tableSizeBytes)].filter((n): n is number => n !== undefined);
    return sizes.length > 0 ? Math.max(...sizes) : undefined;
  }
  if (node.kind === 'source') return node.output?.estimatedSizeBytes ?? numberOr(node.properties.tableSizeBytes);
  let total = 0;
  let known = false;
  for (const id of node.inputs) {
    const size = graph.hasNode(id) ? graph.node(id).output?.estimatedSizeBytes : undefined;
    if (size !== undefined) {
      total += size;
      known = true;
    }
  }
  return known ? total : undefined;
}

function numberOr(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/** The job plan of an EMR job node, or undefined when the node is not an EMR job. */
export function planJob(graph: WorkflowGraph, nodeId: string): EmrJobPlan | undefined {
  const node = graph.node(nodeId);
  if (!isEmrJob(node)) return undefined;
  const singleWorker = node.engine === 'single_worker';
  const inputBytes = dailyInputBytes(graph, node);
  const sizing = singleWorker ? singleWorkerSize() : sizeFor(inputBytes);
  const script = typeof node.properties.script === 'string' ? node.properties.script : undefined;
  const generic = genericScript(node) ?? `${snake(node.type)}.py`;
  const entryPoint = script ?? `${EMR_PLACEHOLDERS.scriptsLocation}/${generic}`;
  const entryPointArguments = script
    ? (Array.isArray(node.properties.arguments) ? node.properties.arguments.map(String) : ['--ds', '{{ds}}'])
    : ['--ds', '{{ds}}', '--node', nodeArgument(graph, node)];

  const overriddenBy: Record<string, string> = {};
  const conf = new Map<string, string>();
  conf.set('spark.submit.pyFiles', `${EMR_PLACEHOLDERS.scriptsLocation}/${SHARED_PY_MODULE}`);
  const jdbc = node.type === 'DatabaseSource' && ['incremental', 'full_table'].includes(node.properties.ingest?.mode)
    ? JDBC_PACKAGES[node.properties.databaseEngine] : undefined;
  if (jdbc) conf.set('spark.jars.packages', jdbc);
  if (node.type === 'EventSink' && node.properties.bus?.broker === 'kafka') conf.set('spark.jars.packages', SPARK_KAFKA_PACKAGE);

  // Worker sizes: the formula, then the node's declared resources.
  const r = (node.properties.resources ?? {}) as Record<string, number | undefined>;
  const executorCpu = r.executorCpu ?? sizing.executor.cpu;
  const driverCpu = r.driverCpu ?? sizing.driver.cpu;
  const executor = worker(executorCpu, r.executorMemoryBytes !== undefined ? bytesToMib(r.executorMemoryBytes)
    : r.executorCpu !== undefined ? heapForCpu(executorCpu) : sizing.executor.heapMib);
  const driver = worker(driverCpu, r.driverMemoryBytes !== undefined ? bytesToMib(r.driverMemoryBytes)
    : r.driverCpu !== undefined ? heapForCpu(driverCpu) : sizing.driver.heapMib);
  const maxExecutors = r.maxExecutors ?? sizing.maxExecutors;
  for (const [field, key] of [['driverCpu', 'spark.driver.cores'], ['driverMemoryBytes', 'spark.driver.memory'],
    ['executorCpu', 'spark.executor.cores'], ['executorMemoryBytes', 'spark.executor.memory'], ['maxExecutors', 'spark.dynamicAllocation.maxExecutors']]) {
    if (r[field] !== undefined) overriddenBy[key] = `resources.${field.replace(/Bytes$/, '')}`;
  }
  conf.set('spark.driver.cores', String(driver.cpu));
  conf.set('spark.driver.memory', formatMib(driver.heapMib));
  conf.set('spark.executor.cores', String(executor.cpu));
  conf.set('spark.executor.memory', formatMib(executor.heapMib));
  conf.set('spark.dynamicAllocation.enabled', 'true');
  if (singleWorker) {
    // A driver-only job: an executor starts only if the script asks Spark for work.
    conf.set('spark.dynamicAllocation.initialExecutors', '0');
    conf.set('spark.dynamicAllocation.minExecutors', '0');
  }
  conf.set('spark.dynamicAllocation.maxExecutors', String(maxExecutors));
  conf.set('spark.emr-serverless.driver.disk', `${STANDARD_DISK_GB.min}G`);
  conf.set('spark.emr-serverless.executor.disk', `${sizing.diskGb}G`);
  if (sizing.shuffleOptimizedDisk) conf.set('spark.emr-serverless.executor.disk.type', 'shuffle_optimized');

  // The node's sparkConf: worker keys replace the formula's; the rest go to spark-defaults.
  const sparkDefaults: Record<string, string> = { ...sizing.sqlConf };
  const userConf = (node.properties.sparkConf ?? {}) as Record<string, string>;
  for (const key of Object.keys(userConf).sort()) {
    const value = String(userConf[key]);
    if ((SUBMIT_LIST_KEYS as readonly string[]).includes(key) && conf.has(key)) conf.set(key, `${conf.get(key)},${value}`);
    else if (isSubmitKey(key)) conf.set(key, value);
    else sparkDefaults[key] = value;
    overriddenBy[key] = 'sparkConf';
  }
  return {
    node, entryPoint, entryPointArguments, inputBytes, singleWorker, sizing,
    submitConf: [...conf.entries()], sparkDefaults, overriddenBy,
  };
}

function bytesToMib(bytes: number): number {
  return Math.ceil(bytes / (1024 * 1024));
}

function snake(type: string): string {
  return type.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** `--conf k=v --conf k=v`: the Spark submit parameters of a plan. */
export function sparkSubmitParameters(plan: EmrJobPlan): string {
  return plan.submitConf.map(([k, v]) => `--conf ${k}=${v}`).join(' ');
}

/** The job's tags: workflow, node, owner and the workflow's own tags (which win on a clash). */
export function jobTags(graph: WorkflowGraph, node: GraphNode): Record<string, string> {
  return { workflow: graph.workflow.id, node: node.id, owner: graph.workflow.owner, ...graph.workflow.tags };
}

/** The StartJobRun request of a plan. */
export function renderSpec(graph: WorkflowGraph, plan: EmrJobPlan): StartJobRunSpec {
  const node = plan.node;
  const request: StartJobRunRequest = {
    applicationId: EMR_PLACEHOLDERS.applicationId,
    executionRoleArn: EMR_PLACEHOLDERS.executionRoleArn,
    name: `${graph.workflow.id}.${node.id}`,
    mode: 'BATCH',
    executionTimeoutMinutes: Math.ceil(node.timeoutSeconds / 60),
    jobDriver: {
      sparkSubmit: {
        entryPoint: plan.entryPoint,
        entryPointArguments: plan.entryPointArguments,
        sparkSubmitParameters: sparkSubmitParameters(plan),
      },
    },
    configurationOverrides: {
      applicationConfiguration: [{ classification: 'spark-defaults', properties: plan.sparkDefaults }],
      monitoringConfiguration: {
        s3MonitoringConfiguration: { logUri: `${EMR_PLACEHOLDERS.logUri}/${graph.workflow.id}/${node.id}/` },
      },
    },
    // One attempt per job run: the orchestrator retries the node (its retries, delay and backoff).
    retryPolicy: { maxAttempts: 1 },
    tags: jobTags(graph, node),
  };
  // No clientToken: each orchestrator's SDK call fills in an idempotency token per attempt.
  if (Object.keys(plan.sparkDefaults).length === 0) delete request.configurationOverrides!.applicationConfiguration;
  return request as unknown as StartJobRunSpec;
}

/**
 * The StartJobRun request for one node, or undefined when the node is not an EMR job: the
 * entry point (the node's script, or Tributary's generic script with `--ds {{ds}} --node <JSON>`),
 * the sized Spark settings, logs, one attempt (the orchestrator retries), the timeout and tags.
 * `${...}` placeholders (`EMR_PLACEHOLDERS`) and `{{ds}}` are left for the orchestrators.
 */
export function startJobRunSpec(graph: WorkflowGraph, nodeId: string): StartJobRunSpec | undefined {
  const plan = planJob(graph, nodeId);
  return plan && renderSpec(graph, plan);
}

/**
 * `planJob` of a node of `graph`, planned once per graph (a graph is immutable) for every target
 * that reads it: the EMR target, its checks, the EMR application's capacity. Shared: frozen at its
 * top level, and not to be changed below it either.
 */
export function sharedJobPlan(graph: WorkflowGraph, nodeId: string): EmrJobPlan | undefined {
  const entry = sharedEntry(graph, nodeId);
  if (!('plan' in entry)) {
    const plan = planJob(graph, nodeId);
    entry.plan = plan && Object.freeze(plan);
  }
  return entry.plan;
}

/**
 * `startJobRunSpec` of a node of `graph`, rendered once per graph for every target that reads it
 * (the EMR target and both orchestrators), frozen at every level: copy what is to be changed.
 */
export function sharedStartJobRunSpec(graph: WorkflowGraph, nodeId: string): StartJobRunSpec | undefined {
  const entry = sharedEntry(graph, nodeId);
  if (!('spec' in entry)) {
    const plan = sharedJobPlan(graph, nodeId);
    entry.spec = plan && deepFreeze(renderSpec(graph, plan));
  }
  return entry.spec;
}

/** The plan and request of each node of each graph, while the graph is alive. */
const SHARED = new WeakMap<WorkflowGraph, Map<string, { plan?: EmrJobPlan; spec?: StartJobRunSpec }>>();

function sharedEntry(graph: WorkflowGraph, nodeId: string): { plan?: EmrJobPlan; spec?: StartJobRunSpec } {
  let byNode = SHARED.get(graph);
  if (!byNode) {
    byNode = new Map();
    SHARED.set(graph, byNode);
  }
  let entry = byNode.get(nodeId);
  if (!entry) {
    entry = {};
    byNode.set(nodeId, entry);
  }
  return entry;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The workers a plan asks for, read back from its final Spark settings (overrides included). */
export interface EffectiveWorkers {
  /** Driver and executor vCPU and heap (MiB); NaN where a setting is malformed. */
  readonly driverCpu: number;
  readonly driverHeapMib: number;
  readonly executorCpu: number;
  readonly executorHeapMib: number;
  readonly maxExecutors: number;
  /** Disks in GB; NaN where malformed. */
  readonly driverDiskGb: number;
  readonly executorDiskGb: number;
  readonly driverDiskType: string;
  readonly executorDiskType: string;
}

/** `200G`, `200g`, `200` (GB): a disk setting in GB, or NaN. */
export function parseDiskGb(text: string | undefined): number {
  const match = /^\s*(\d+)\s*(g|gb)?\s*$/i.exec(text ?? '');
  return match ? Number(match[1]) : NaN;
}

/** The final workers of a plan. */
export function effectiveWorkers(plan: EmrJobPlan): EffectiveWorkers {
  const conf = new Map(plan.submitConf);
  const int = (key: string) => {
    const text = conf.get(key) ?? '';
    return /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  };
  const mem = (key: string) => parseSparkMemoryMib(conf.get(key) ?? '') ?? NaN;
  return {
    driverCpu: int('spark.driver.cores'),
    driverHeapMib: mem('spark.driver.memory'),
    executorCpu: int('spark.executor.cores'),
    executorHeapMib: mem('spark.executor.memory'),
    maxExecutors: int('spark.dynamicAllocation.maxExecutors'),
    driverDiskGb: parseDiskGb(conf.get('spark.emr-serverless.driver.disk')),
    executorDiskGb: parseDiskGb(conf.get('spark.emr-serverless.executor.disk')),
    driverDiskType: (conf.get('spark.emr-serverless.driver.disk.type') ?? 'standard').toLowerCase(),
    executorDiskType: (conf.get('spark.emr-serverless.executor.disk.type') ?? 'standard').toLowerCase(),
  };
}

/** The landing folder of a DatabaseSource snapshot export (RDS `StartExportTask` writes there). */
export const EXPORT_FOLDER = '_export';
/** The landing folder of a CDC stream's change records. */
export const CHANGES_FOLDER = '_changes';

/**
 * Where files for a dataset land before a job reads them: the location template with `folder`
 * inserted before its first path segment that holds a placeholder
 * (`s3://lake/orders/ds={{ds}}/` → `s3://lake/orders/_export/ds={{ds}}/`). Snapshot exports
 * land in `_export` (the orchestrators give it to StartExportTask as the S3 prefix), CDC change
 * records in `_changes`. scripts/tributary_jobs.py `landing_location` applies the same rule.
 */
export function landingLocation(dataset: Pick<GraphDataset, 'location'>, folder: string): string {
  const template = dataset.location;
  const at = template.indexOf('{{');
  const cut = at >= 0 ? template.lastIndexOf('/', at) + 1 : template.replace(/\/+$/, '').length + 1;
  let prefix = template.slice(0, cut);
  const rest = template.slice(cut);
  if (!prefix.endsWith('/')) prefix += '/';
  return `${prefix}${folder}/${rest}`;
}
