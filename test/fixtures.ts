import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  DataFormat, EdgeKind, Engine, EventBus, EventSink, GraphEdge, GraphNode, GraphWorkflow, LogSource, NodeKind, Schedule,
  Workflow, WorkflowGraph, WorkflowProps,
} from '../lib';
import { newStack } from './util';

/** A graph-model workflow with plain defaults; `props` override them. */
export function graphWorkflow(props: Partial<GraphWorkflow> = {}): GraphWorkflow {
  return {
    id: 'pipeline',
    path: 'Test/Pipeline',
    schedule: '0 2 * * *',
    startDate: '2026-01-01',
    owner: 'team@example.com',
    tags: {},
    ...props,
  };
}

/** A graph-model node (a Spark task running 60 s unless told otherwise); `props` override the defaults. */
export function graphNode(id: string, props: Partial<GraphNode> = {}): GraphNode {
  return {
    id,
    path: `Test/Pipeline/${id}`,
    kind: NodeKind.TASK,
    type: 'SparkTask',
    engine: Engine.SPARK,
    inputs: [],
    upstream: [],
    requiredColumns: [],
    properties: {},
    retries: 2,
    retryDelaySeconds: 300,
    exponentialBackoff: true,
    timeoutSeconds: 21600,
    estimatedDurationSeconds: 60,
    readsInputData: true,
    gatesSinks: false,
    ...props,
  };
}

/**
 * A WorkflowGraph built directly from data edges written `'a>b'` (b runs after a). Every id named
 * in an edge or in `alone` is a node; `durations` sets estimatedDurationSeconds (60 otherwise).
 */
export function graphOf(edges: string[], durations: Record<string, number> = {}, alone: string[] = []): WorkflowGraph {
  const parsed: GraphEdge[] = edges.map((e) => {
    const [from, to] = e.split('>');
    return { from, to, kind: EdgeKind.DATA };
  });
  const ids = [...new Set([...parsed.flatMap((e) => [e.from, e.to]), ...alone])];
  return new WorkflowGraph({
    workflow: graphWorkflow(),
    nodes: ids.map((id) => graphNode(id, { estimatedDurationSeconds: durations[id] ?? 60 })),
    edges: parsed,
  });
}

/** Props of the tiny workflow. */
export const TINY: WorkflowProps = { schedule: Schedule.daily({ hour: 1 }), startDate: '2026-01-01', owner: 'me@example.com' };

/** A valid two-node workflow, `tiny`: a log source `events` and a completion event `ready`, added to `workflow`. */
export function tinyWorkflow(workflow: Workflow = new Workflow(newStack(), 'Tiny', TINY)): Workflow {
  const events = new LogSource(workflow, 'Events', { location: 's3://logs/dt={{ds}}/', format: DataFormat.JSON_LINES });
  new EventSink(workflow, 'Ready', { inputs: [events.output], bus: EventBus.eventBridge('bus'), source: 'com.example.tiny', detailType: 'TinyReady' });
  return workflow;
}

const created: string[] = [];
if (typeof afterAll === 'function') {
  afterAll(() => {
    for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
}

/** A new empty folder under the OS temp folder, removed after the test file has run. */
export function tempDir(prefix = 'tributary-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Every file under `dir`: `{ 'a/b.json': content }`, paths with `/`, in sorted order. Empty when `dir` does not exist. */
export function readTree(dir: string): Record<string, string> {
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else found.push(child);
    }
  };
  if (fs.existsSync(dir)) walk('');
  const result: Record<string, string> = {};
  for (const file of found.sort()) result[file] = fs.readFileSync(path.join(dir, file), 'utf8');
  return result;
}

/**
 * A chain of `count` SQL statements of six hours each, as a model: their poll loops alone exceed one
 * execution's history, so the Step Functions target splits the chain into child machines.
 */
export function longSqlChain(count: number): WorkflowGraph {
  const nodes: GraphNode[] = [];
  for (let i = 0; i < count; i++) {
    const id = `step_${String(i).padStart(2, '0')}`;
    const up = i === 0 ? [] : [`step_${String(i - 1).padStart(2, '0')}`];
    nodes.push({
      id, path: `App/Chain/${id}`, kind: NodeKind.TASK, type: 'SqlTask', engine: Engine.WAREHOUSE, inputs: up, upstream: up,
      output: { id, location: `warehouse://marts.${id}`, format: 'warehouse_table' }, requiredColumns: [],
      properties: { sql: `INSERT INTO marts.${id} SELECT '{{ds}}'`, table: `marts.${id}` },
      retries: 2, retryDelaySeconds: 60, exponentialBackoff: false, timeoutSeconds: 21_600, estimatedDurationSeconds: 600, readsInputData: true, gatesSinks: false,
    });
  }
  return new WorkflowGraph({
    workflow: { id: 'chain', path: 'App/Chain', schedule: '0 2 * * *', startDate: '2026-01-01', owner: 'o@example.com', tags: {}, warehouse: { database: 'analytics', workgroupName: 'etl' } },
    nodes,
    edges: nodes.slice(1).map((n) => ({ from: n.upstream[0], to: n.id, kind: EdgeKind.DATA })),
  });
}
