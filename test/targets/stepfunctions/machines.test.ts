import * as fc from 'fast-check';
import { stateMachineArtifacts } from '../../../lib/targets/stepfunctions/placeholders';
import { MAX_DEFINITION_BYTES, MAX_HISTORY_EVENTS, definitionBytes } from '../../../lib/targets/stepfunctions/machines';
import type { WorkflowGraph } from '../../../lib';
import { localMachine, platformGraphs, validatedArtifacts } from './support';

const graphs = platformGraphs();
const DS = '2026-11-27';
const DATES = { ds: DS, ds_nodash: '20261127', next_ds: '2026-11-28', prev_ds: '2026-11-26' };

/** Every Task and Wait state of a definition, at any depth, with the states they sit in. */
function walk(definition: any, visit: (name: string, state: any) => void) {
  for (const [name, state] of Object.entries<any>(definition.States)) {
    visit(name, state);
    for (const branch of state.Branches ?? []) walk(branch, visit);
  }
}

/** The node a Task state belongs to: its own name, or the id before the helper suffix. */
function nodeOf(graph: WorkflowGraph, stateName: string): string | undefined {
  const id = stateName.split(' ')[0];
  return graph.hasNode(id) ? id : undefined;
}

interface Call {
  readonly state: string;
  readonly node?: string;
  readonly input: any;
  readonly seq: number;
}

/**
 * Runs the root machine of a workflow with a stub for every Task state: the stubs answer as the
 * services would on success (statement FINISHED, marker found, export COMPLETE), except where
 * `fail` says a state throws (for its first `times` calls).
 */
async function runWorkflow(graph: WorkflowGraph, input: unknown, fail: Record<string, number> = {}) {
  const artifacts = validatedArtifacts(graph);
  expect(artifacts).toHaveLength(1);
  const definition = JSON.parse(artifacts[0].definition);
  const calls: Call[] = [];
  const handlers: Record<string, (input: any) => Promise<unknown>> = {};
  const waits: Record<string, number> = {};
  const retries: Record<string, number> = {};
  let seq = 0;
  walk(definition, (name, state) => {
    if (state.Type === 'Wait') waits[name] = 0;
    if (state.Retry) retries[name] = 0;
    if (state.Type !== 'Task') return;
    handlers[name] = async (taskInput: any) => {
      const call = { state: name, node: nodeOf(graph, name), input: taskInput, seq: seq++ };
      calls.push(call);
      if ((fail[name] ?? 0) > 0) {
        fail[name]--;
        const error = new Error(`stub ${name} failed`);
        error.name = 'Stub.Failed';
        throw error;
      }
      await new Promise((resolve) => setImmediate(resolve));
      const resource: string = state.Resource;
      if (resource.endsWith('executeStatement') || resource.endsWith('batchExecuteStatement')) return { Id: `stmt-${name}` };
      if (resource.endsWith('describeStatement')) return { Status: 'FINISHED' };
      if (resource.endsWith('listObjectsV2')) return { KeyCount: 1 };
      if (resource.endsWith('startExportTask')) return { ExportTaskIdentifier: `export-${name}` };
      if (resource.endsWith('describeExportTasks')) return { ExportTasks: [{ Status: 'COMPLETE' }] };
      return {};
    };
  });
  const machine = localMachine(artifacts[0].definition);
  let output: unknown;
  let error: any;
  try {
    output = await machine.run(input, { overrides: { taskResourceLocalHandlers: handlers, waitTimeOverrides: waits, retryIntervalOverrides: retries } }).result;
  } catch (e) {
    error = e;
  }
  return { calls, output, error };
}

/** The first and last call of each node. */
function spans(calls: Call[]): Map<string, { first: number; last: number; count: number; calls: Call[] }> {
  const out = new Map<string, { first: number; last: number; count: number; calls: Call[] }>();
  for (const call of calls) {
    if (!call.node) continue;
    const span = out.get(call.node) ?? { first: call.seq, last: call.seq, count: 0, calls: [] };
    out.set(call.node, { first: Math.min(span.first, call.seq), last: Math.max(span.last, call.seq), count: span.count + 1, calls: [...span.calls, call] });
  }
  return out;
}

/** The Task state a node starts with: its own, or its loop's first. */
function startStates(definition: any): Set<string> {
  const starts = new Set<string>();
  walk(definition, (name, state) => {
    if (state.Type === 'Task' && !name.includes(' ')) starts.add(name);
    if (state.Type === 'Parallel' && !name.includes(' ')) {
      const branch = state.Branches[0];
      let at = branch.StartAt;
      while (branch.States[at].Type !== 'Task') at = branch.States[at].Next;
      starts.add(at);
    }
  });
  return starts;
}

test.each(Object.keys(graphs))('every node of %s runs once, after all its upstream nodes, and sees the run\'s dates', async (id) => {
  // GIVEN
  const graph = graphs[id];
  const definition = JSON.parse(stateMachineArtifacts(graph)[0].definition);

  // WHEN
  const { calls, output, error } = await runWorkflow(graph, { ds: DS });

  // THEN
  expect(error).toBeUndefined();
  expect(output).toEqual(DATES);
  const byNode = spans(calls);
  expect([...byNode.keys()].sort()).toEqual([...graph.order].sort());
  const starts = startStates(definition);
  for (const nodeId of graph.order) {
    const span = byNode.get(nodeId)!;
    expect([nodeId, span.calls.filter((c) => starts.has(c.state)).length]).toEqual([nodeId, 1]);
    for (const up of graph.upstreamOf(nodeId)) expect([nodeId, up, byNode.get(up)!.last < span.first]).toEqual([nodeId, up, true]);
    const seen = JSON.stringify(span.calls.map((c) => c.input));
    // (a check's own `{{table}}` stays for its job to fill in: only the logical-date placeholders are the machine's)
    expect([nodeId, Object.values(DATES).some((d) => seen.includes(d)), /\{\{\s*(ds|ds_nodash|next_ds|prev_ds)\s*\}\}/.test(seen)]).toEqual([nodeId, true, false]);
  }
});

test('a task that fails once is retried and the run succeeds', async () => {
  // GIVEN the commerce workflow, whose enrich_orders job fails on its first attempt
  const graph = graphs.commerce;

  // WHEN
  const { calls, output, error } = await runWorkflow(graph, { ds: DS }, { enrich_orders: 1 });

  // THEN
  expect(error).toBeUndefined();
  expect(output).toEqual(DATES);
  expect(calls.filter((c) => c.state === 'enrich_orders')).toHaveLength(2);
  expect(calls.filter((c) => c.state === 'Notify failure')).toHaveLength(0);
});

test('a task that keeps failing reaches the failure path: one notification naming the state, then the execution fails', async () => {
  // GIVEN the commerce workflow, whose enrich_orders job always fails (2 retries: 3 attempts)
  const graph = graphs.commerce;

  // WHEN
  const { calls, error } = await runWorkflow(graph, { ds: DS }, { enrich_orders: 99 });

  // THEN
  expect(error).toBeDefined();
  expect(calls.filter((c) => c.state === 'enrich_orders')).toHaveLength(3);
  const notifications = calls.filter((c) => c.state === 'Notify failure');
  expect(notifications).toHaveLength(1);
  const message = JSON.parse(notifications[0].input.Message);
  expect(message).toMatchObject({ workflow: 'commerce', ds: DS, state: 'enrich_orders', error: 'Stub.Failed' });
  expect(notifications[0].input.TopicArn).toMatch(/^arn:/);
  // nothing downstream of enrich_orders ran
  for (const down of graph.descendantsOf('enrich_orders')) expect(calls.filter((c) => c.node === down)).toEqual([]);
});

test('a failure inside a Parallel branch reaches the same failure path with the failed state named', async () => {
  // GIVEN the clickstream workflow, whose warehouse load of sessions fails on every attempt
  const graph = graphs.clickstream;

  // WHEN
  const { calls, error } = await runWorkflow(graph, { ds: DS }, { 'load_sessions run': 99 });

  // THEN
  expect(error).toBeDefined();
  const notifications = calls.filter((c) => c.state === 'Notify failure');
  expect(notifications).toHaveLength(1);
  expect(JSON.parse(notifications[0].input.Message)).toMatchObject({ workflow: 'clickstream', ds: DS, state: 'load_sessions' });
});

test('a run started by the schedule processes the day before its scheduled time', async () => {
  // GIVEN the input EventBridge Scheduler passes
  const input = { scheduledTime: '2026-03-01T03:30:00Z' };

  // WHEN
  const { output, error } = await runWorkflow(graphs.clickstream, input);

  // THEN
  expect(error).toBeUndefined();
  expect(output).toEqual({ ds: '2026-02-28', ds_nodash: '20260228', next_ds: '2026-03-01', prev_ds: '2026-02-27' });
});

test('an input without a valid ds is notified and fails the execution before any node runs', async () => {
  // WHEN
  const { calls, error } = await runWorkflow(graphs.commerce, { ds: '2026-02-30' });

  // THEN
  expect(error).toBeDefined();
  expect(calls.map((c) => c.state)).toEqual(['Notify failure']);
  expect(JSON.parse(calls[0].input.Message)).toMatchObject({ workflow: 'commerce', state: 'Logical dates', error: 'Tributary.InvalidDs' });
});

test('the reference workflows each fit one state machine inside every quota', () => {
  for (const graph of Object.values(graphs)) {
    const artifacts = validatedArtifacts(graph);
    expect(artifacts.map((a) => [a.name, a.path, a.children])).toEqual([[graph.workflow.id, 'stepfunctions/state-machine.asl.json', []]]);
    expect(definitionBytes(artifacts[0].definition)).toBeLessThan(MAX_DEFINITION_BYTES);
  }
  expect(MAX_HISTORY_EVENTS).toBe(25_000);
});

test('definitionBytes counts UTF-8 bytes plus the allowance for each ${Name} placeholder, as the pattern /\\$\\{[A-Za-z0-9_]+\\}/g finds them', () => {
  // GIVEN texts made of placeholder-like pieces, broken ones included, and other characters
  const pieces = fc.constantFrom('${', '}', '$', '{', 'a', 'Z', '9', '_', '-', ' ', 'é', '😀', '${A}', '${}', '$${x}', '${a${b}');
  fc.assert(fc.property(fc.array(pieces, { maxLength: 30 }).map((p) => p.join('')), (text) => {
    // THEN
    const expected = Buffer.byteLength(text) + (text.match(/\$\{[A-Za-z0-9_]+\}/g) ?? []).length * 128;
    expect(definitionBytes(text)).toBe(expected);
  }), { numRuns: 3000 });
});
