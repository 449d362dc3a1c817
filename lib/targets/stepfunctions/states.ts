import { sharedStartJobRunSpec } from '../emr';
import { warehouseStatements } from '../warehouse';
import type { GraphNode } from '../../model/graph';
import type { WorkflowGraph } from '../../model/workflow-graph';
import { payloadTemplate, type KnownPlaceholders } from './intrinsics';
import { helperName } from './names';
import { SFN_PLACEHOLDERS, exportSourceArnPlaceholder } from './placeholders';

/** An ASL state as plain JSON. */
export type State = Record<string, unknown>;
/** ASL states by name. */
export type States = Record<string, State>;

/** How a node runs in Step Functions. */
export type JobKind = 'emr' | 'redshift' | 'sensor' | 'export' | 'event';

/** The job kind of a node, following the team's decisions on job kinds. */
export function jobKind(node: GraphNode): JobKind {
  switch (node.engine) {
    case 'warehouse':
      return 'redshift';
    case 'sensor':
      return 'sensor';
    case 'database_export':
      return 'export';
    case 'single_worker':
      return node.type === 'EventSink' && node.properties.bus?.broker === 'eventbridge' && node.properties.payload?.kind === 'completion' ? 'event' : 'emr';
    default:
      return 'emr';
  }
}

/** Our own placeholders: the fixed ones and the per-node and per-child families. */
export const KNOWN_PLACEHOLDERS: KnownPlaceholders = {
  has: (name) => Object.values(SFN_PLACEHOLDERS).includes('${' + name + '}' as never) || /^(ExportSourceArn|StateMachineArn)_[a-z0-9_]+$/.test(name),
};

/** Seconds between two polls of a statement or an export: short at first, then every 5 minutes. */
const POLL_WAITS = [5, 10, 20, 30, 60, 60, 120, 120];
const POLL_CAP = 300;

/** Waits of a bounded poll loop whose waits add up to at least `totalSeconds`. */
export function pollWaits(totalSeconds: number): number[] {
  const waits: number[] = [];
  let sum = 0;
  while (sum < totalSeconds) {
    const w = POLL_WAITS[waits.length] ?? POLL_CAP;
    waits.push(w);
    sum += w;
  }
  return waits.length > 0 ? waits : [POLL_WAITS[0]];
}

/** Waits of a sensor: one every `pollInterval`, up to `arrivalTimeout`. */
export function sensorWaits(node: GraphNode): number[] {
  const interval = Math.max(1, Math.round(Number(node.properties.pollIntervalSeconds ?? 300)));
  const timeout = Math.max(interval, Math.round(Number(node.properties.arrivalTimeoutSeconds ?? node.timeoutSeconds)));
  return new Array<number>(Math.ceil(timeout / interval)).fill(interval);
}

/** Retry of a node: its retries, delay and backoff. */
export function nodeRetry(node: GraphNode): State[] {
  return [{ ErrorEquals: ['States.ALL'], MaxAttempts: node.retries, IntervalSeconds: Math.max(1, Math.round(node.retryDelaySeconds)), BackoffRate: node.exponentialBackoff ? 2 : 1 }];
}

/** The PascalCase form of a StartJobRun request for the Step Functions integration; map keys (`properties`, `tags`, `logTypes`) stay as they are. */
export function pascalCaseSpec(value: unknown, mapValue = false): unknown {
  if (Array.isArray(value)) return value.map((v) => pascalCaseSpec(v));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (mapValue) out[key] = v;
    else out[key.charAt(0).toUpperCase() + key.slice(1)] = pascalCaseSpec(v, MAP_KEYS.has(key));
  }
  return out;
}
const MAP_KEYS = new Set(['properties', 'tags', 'logTypes']);

/** The EMR job spec of a node, from the EMR target (both orchestrators run the same specs). */
export function emrSpec(graph: WorkflowGraph, node: GraphNode): Record<string, unknown> {
  const spec = sharedStartJobRunSpec(graph, node.id);
  if (spec === undefined) throw new Error(`node '${node.id}' is mapped to an EMR job but the EMR target gives it no StartJobRun request`);
  return spec;
}

/** The Parameters of an EMR Serverless `startJobRun.sync` state for a node. */
export function emrParameters(graph: WorkflowGraph, node: GraphNode): State {
  return payloadTemplate(pascalCaseSpec(emrSpec(graph, node)) as Record<string, unknown>, KNOWN_PLACEHOLDERS);
}

/** The Redshift Data API connection fields of the workflow's warehouse. */
export function warehouseTarget(graph: WorkflowGraph): State {
  const w = graph.workflow.warehouse ?? {};
  const secret = w.secret as { store: string; reference: string } | undefined;
  return {
    Database: w.database,
    WorkgroupName: w.workgroupName,
    ClusterIdentifier: w.clusterIdentifier,
    SecretArn: secret ? (secret.store === 'airflow_connection' ? `airflow/connections/${secret.reference}` : secret.reference) : undefined,
  };
}

/** Splits `s3://bucket/key` into bucket and key. */
export function s3Parts(location: string): { bucket: string; key: string } {
  const rest = location.replace(/^s3:\/\//, '');
  const slash = rest.indexOf('/');
  return slash < 0 ? { bucket: rest, key: '' } : { bucket: rest.slice(0, slash), key: rest.slice(slash + 1) };
}

/** What the assembler needs to place a node: its states (the first one named by the node id) and its worst-case history events. */
export interface NodeStates {
  /** The states, the node's own first; its own state has no Next/End yet. */
  readonly states: States;
  /** Worst-case history events of one execution of the node, retries included. */
  readonly events: number;
}

/** History events of one Task state attempt (entered, scheduled, started, submitted, succeeded or failed, exited). */
export const TASK_EVENTS = 6;
/** History events of a Pass, Choice, Wait, Succeed or Fail state. */
export const FLOW_EVENTS = 2;
/** History events of a Parallel state besides its branches (entered, started, succeeded or failed, exited, plus one per branch counted by the caller). */
export const PARALLEL_EVENTS = 4;

/**
 * The states of one node: a single Task (EMR job, EventBridge event), or a one-branch Parallel
 * named by the node id around a bounded poll loop (Redshift statement, S3 marker, RDS export),
 * so that the node's Retry and Catch cover the whole loop.
 */
export function nodeStates(graph: WorkflowGraph, node: GraphNode): NodeStates {
  const attempts = node.retries + 1;
  const base = { Retry: nodeRetry(node), ResultPath: null };
  switch (jobKind(node)) {
    case 'emr':
      return {
        states: { [node.id]: { Type: 'Task', Resource: 'arn:aws:states:::emr-serverless:startJobRun.sync', Parameters: emrParameters(graph, node), TimeoutSeconds: node.timeoutSeconds, ...base } },
        events: attempts * TASK_EVENTS,
      };
    case 'event': {
      const p = node.properties;
      const eventId = `States.Format('${graph.workflow.id}/${node.id}/{}', $.ds)`;
      return {
        states: {
          [node.id]: {
            Type: 'Task',
            Resource: 'arn:aws:states:::events:putEvents',
            Parameters: {
              Entries: [
                {
                  EventBusName: p.bus?.busName,
                  Source: p.source,
                  DetailType: p.detailType,
                  Detail: { workflow: graph.workflow.id, node: node.id, 'ds.$': '$.ds', 'event_id.$': eventId },
                },
              ],
            },
            TimeoutSeconds: node.timeoutSeconds,
            ...base,
          },
        },
        events: attempts * TASK_EVENTS,
      };
    }
    case 'redshift':
      return wrapped(node, base, redshiftLoop(graph, node));
    case 'sensor':
      return wrapped(node, base, sensorLoop(node));
    case 'export':
      return wrapped(node, base, exportLoop(graph, node));
  }
}

/**
 * `nodeStates` of a node of `graph`, rendered once per graph (a graph is immutable) however many
 * times it is asked for: by the target's checks, by the measuring of each node and by each machine
 * render. The result is shared and frozen at its top level: copy a state before adding to it.
 */
export function sharedNodeStates(graph: WorkflowGraph, node: GraphNode): NodeStates {
  let byNode = SHARED.get(graph);
  if (!byNode) {
    byNode = new Map();
    SHARED.set(graph, byNode);
  }
  let found = byNode.get(node.id);
  if (!found) {
    const rendered = nodeStates(graph, node);
    for (const state of Object.values(rendered.states)) Object.freeze(state);
    found = Object.freeze({ states: Object.freeze(rendered.states), events: rendered.events });
    byNode.set(node.id, found);
  }
  return found;
}

/** The node states of each graph, while the graph is alive. */
const SHARED = new WeakMap<WorkflowGraph, Map<string, NodeStates>>();

interface Loop {
  readonly startAt: string;
  readonly states: States;
  readonly events: number;
}

function wrapped(node: GraphNode, base: State, loop: Loop): NodeStates {
  return {
    states: { [node.id]: { Type: 'Parallel', Branches: [{ StartAt: loop.startAt, States: loop.states }], ...base } },
    events: (node.retries + 1) * (PARALLEL_EVENTS + 1 + loop.events),
  };
}

/** The shared part of a bounded poll loop: next poll → wait → check → decide. */
function pollStates(id: string, check: State, decisions: State[], waits: number): States {
  return {
    [helperName(id, 'next poll')]: {
      Type: 'Pass',
      Parameters: { 'handle.$': '$.poll.handle', 'waits.$': '$.poll.waits', 'n.$': 'States.MathAdd($.poll.n, 1)', 'wait.$': 'States.ArrayGetItem($.poll.waits, $.poll.n)' },
      ResultPath: '$.poll',
      Next: helperName(id, 'wait'),
    },
    [helperName(id, 'wait')]: { Type: 'Wait', SecondsPath: '$.poll.wait', Next: helperName(id, 'check') },
    [helperName(id, 'check')]: { ...check, Next: helperName(id, 'decide') },
    [helperName(id, 'decide')]: {
      Type: 'Choice',
      Choices: [...decisions, { Variable: '$.poll.n', NumericGreaterThanEquals: waits, Next: helperName(id, 'timed out') }],
      Default: helperName(id, 'next poll'),
    },
    [helperName(id, 'timed out')]: { Type: 'Fail', Error: 'Tributary.PollTimeout', Cause: `${id} did not finish within its ${waits} polls` },
  };
}

/** Worst-case events of `polls` rounds of next poll, wait, check and decide. */
function pollEvents(polls: number): number {
  return polls * (3 * FLOW_EVENTS + TASK_EVENTS) + FLOW_EVENTS;
}

function redshiftLoop(graph: WorkflowGraph, node: GraphNode): Loop {
  const id = node.id;
  const statements = warehouseStatements(graph, node);
  const waits = pollWaits(node.timeoutSeconds);
  const single = statements.length === 1;
  const run: State = {
    Type: 'Task',
    Resource: single ? 'arn:aws:states:::aws-sdk:redshiftdata:executeStatement' : 'arn:aws:states:::aws-sdk:redshiftdata:batchExecuteStatement',
    Parameters: payloadTemplate({ ...warehouseTarget(graph), StatementName: `${graph.workflow.id}.${id}.{{ds}}`, ...(single ? { Sql: statements[0] } : { Sqls: statements }) }, KNOWN_PLACEHOLDERS),
    TimeoutSeconds: 60,
    ResultSelector: { 'handle.$': '$.Id', n: 0, waits },
    ResultPath: '$.poll',
    Next: helperName(id, 'next poll'),
  };
  const check: State = {
    Type: 'Task',
    Resource: 'arn:aws:states:::aws-sdk:redshiftdata:describeStatement',
    Parameters: { 'Id.$': '$.poll.handle' },
    TimeoutSeconds: 60,
    ResultSelector: { 'status.$': '$.Status' },
    ResultPath: '$.statement',
  };
  return {
    startAt: helperName(id, 'run'),
    states: {
      [helperName(id, 'run')]: run,
      ...pollStates(id, check, [
        { Variable: '$.statement.status', StringEquals: 'FINISHED', Next: helperName(id, 'finished') },
        { Variable: '$.statement.status', StringEquals: 'FAILED', Next: helperName(id, 'failed in warehouse') },
        { Variable: '$.statement.status', StringEquals: 'ABORTED', Next: helperName(id, 'failed in warehouse') },
      ], waits.length),
      [helperName(id, 'finished')]: { Type: 'Succeed' },
      [helperName(id, 'failed in warehouse')]: { Type: 'Fail', Error: 'Tributary.StatementFailed', Cause: `The Redshift statement of ${id} failed or was aborted; see describeStatement of its id for the error` },
    },
    events: TASK_EVENTS + pollEvents(waits.length) + FLOW_EVENTS,
  };
}

function sensorLoop(node: GraphNode): Loop {
  const id = node.id;
  const waits = sensorWaits(node);
  const location = node.output?.location ?? '';
  const { bucket, key } = s3Parts(location);
  const marker = String(node.properties.completionMarker ?? '_SUCCESS');
  const prefix = (key === '' || key.endsWith('/') ? key : key + '/') + marker;
  const check: State = {
    Type: 'Task',
    Resource: 'arn:aws:states:::aws-sdk:s3:listObjectsV2',
    Parameters: payloadTemplate({ Bucket: bucket, Prefix: prefix, MaxKeys: 1 }, KNOWN_PLACEHOLDERS),
    TimeoutSeconds: 60,
    ResultSelector: { 'found.$': '$.KeyCount' },
    ResultPath: '$.marker',
  };
  return {
    startAt: helperName(id, 'start'),
    states: {
      [helperName(id, 'start')]: { Type: 'Pass', Result: { handle: location + marker, n: 0, waits: [0, ...waits] }, ResultPath: '$.poll', Next: helperName(id, 'next poll') },
      ...pollStates(id, check, [{ Variable: '$.marker.found', NumericGreaterThan: 0, Next: helperName(id, 'arrived') }], waits.length + 1),
      [helperName(id, 'arrived')]: { Type: 'Succeed' },
    },
    events: FLOW_EVENTS + pollEvents(waits.length + 1) + FLOW_EVENTS,
  };
}

function exportLoop(graph: WorkflowGraph, node: GraphNode): Loop {
  const id = node.id;
  const waits = pollWaits(node.timeoutSeconds);
  const start: State = {
    Type: 'Task',
    Resource: 'arn:aws:states:::aws-sdk:rds:startExportTask',
    Parameters: {
      'ExportTaskIdentifier.$': "States.Format('tributary-{}-{}', $.ds_nodash, States.UUID())",
      SourceArn: exportSourceArnPlaceholder(id),
      S3BucketName: SFN_PLACEHOLDERS.exportBucket,
      'S3Prefix.$': `States.Format('tributary/${graph.workflow.id}/${id}/{}', $.ds)`,
      IamRoleArn: SFN_PLACEHOLDERS.exportRoleArn,
      KmsKeyId: SFN_PLACEHOLDERS.exportKmsKeyArn,
    },
    TimeoutSeconds: 60,
    ResultSelector: { 'handle.$': '$.ExportTaskIdentifier', n: 0, waits },
    ResultPath: '$.poll',
    Next: helperName(id, 'next poll'),
  };
  const check: State = {
    Type: 'Task',
    Resource: 'arn:aws:states:::aws-sdk:rds:describeExportTasks',
    Parameters: { 'ExportTaskIdentifier.$': '$.poll.handle' },
    TimeoutSeconds: 60,
    ResultSelector: { 'status.$': '$.ExportTasks[0].Status' },
    ResultPath: '$.export',
  };
  return {
    startAt: helperName(id, 'export'),
    states: {
      [helperName(id, 'export')]: start,
      ...pollStates(id, check, [
        { Variable: '$.export.status', StringEquals: 'COMPLETE', Next: helperName(id, 'convert') },
        { Or: ['FAILED', 'CANCELED', 'CANCELING'].map((s) => ({ Variable: '$.export.status', StringEquals: s })), Next: helperName(id, 'export failed') },
      ], waits.length),
      [helperName(id, 'export failed')]: { Type: 'Fail', Error: 'Tributary.ExportFailed', Cause: `The snapshot export of ${id} failed or was cancelled` },
      [helperName(id, 'convert')]: {
        Type: 'Task',
        Resource: 'arn:aws:states:::emr-serverless:startJobRun.sync',
        Parameters: emrParameters(graph, node),
        TimeoutSeconds: node.timeoutSeconds,
        ResultPath: null,
        End: true,
      },
    },
    events: TASK_EVENTS + pollEvents(waits.length) + TASK_EVENTS,
  };
}
