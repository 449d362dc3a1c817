import { DataFormat, EdgeKind, LogSource, SparkTask, Testing, Workflow, WorkflowGraph } from '../../../lib';
import { canonicalJson } from '../../../lib/private/canonical';
import { GRAPH_FORMAT_VERSION, renderGraphJson } from '../../../lib/targets/graph/graph-json';
import { graphNode, graphWorkflow, TINY, tinyWorkflow } from '../../fixtures';
import { newStack, newWorkflow } from '../../util';

/** Fails with the JSON path of the first object whose keys are not in sorted order. */
function expectKeysSorted(value: unknown, at = '$'): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => expectKeysSorted(v, `${at}[${i}]`));
  } else if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    expect({ at, keys }).toEqual({ at, keys: [...keys].sort() });
    for (const key of keys) expectKeysSorted((value as Record<string, unknown>)[key], `${at}.${key}`);
  }
}

test('graph.json of a tiny workflow is exactly the canonical model', () => {
  // GIVEN
  const workflow = tinyWorkflow();

  // WHEN
  const text = renderGraphJson(workflow.toGraph());

  // THEN
  expect(text).toBe(`{
  "criticalPath": {
    "durationSeconds": 180,
    "nodes": [
      "events",
      "ready"
    ]
  },
  "edges": [
    {
      "from": "events",
      "kind": "data",
      "to": "ready"
    }
  ],
  "formatVersion": 1,
  "nodes": [
    {
      "engine": "sensor",
      "estimatedDurationSeconds": 60,
      "exponentialBackoff": true,
      "gatesSinks": false,
      "id": "events",
      "inputs": [],
      "kind": "source",
      "output": {
        "format": "jsonl",
        "id": "events",
        "location": "s3://logs/dt={{ds}}/"
      },
      "path": "Test/Tiny/Events",
      "properties": {
        "arrivalTimeoutSeconds": 21600,
        "completionMarker": "_SUCCESS",
        "pollIntervalSeconds": 300
      },
      "readsInputData": true,
      "requiredColumns": [],
      "retries": 2,
      "retryDelaySeconds": 300,
      "timeoutSeconds": 21600,
      "type": "LogSource",
      "upstream": []
    },
    {
      "engine": "single_worker",
      "estimatedDurationSeconds": 120,
      "exponentialBackoff": true,
      "gatesSinks": false,
      "id": "ready",
      "inputs": [
        "events"
      ],
      "kind": "sink",
      "path": "Test/Tiny/Ready",
      "properties": {
        "bus": {
          "broker": "eventbridge",
          "busName": "bus"
        },
        "detailType": "TinyReady",
        "idempotent": true,
        "payload": {
          "kind": "completion"
        },
        "source": "com.example.tiny"
      },
      "readsInputData": false,
      "requiredColumns": [],
      "retries": 2,
      "retryDelaySeconds": 300,
      "timeoutSeconds": 21600,
      "type": "EventSink",
      "upstream": [
        "events"
      ]
    }
  ],
  "order": [
    "events",
    "ready"
  ],
  "workflow": {
    "catchup": false,
    "defaults": {
      "exponentialBackoff": true,
      "retries": 2,
      "retryDelaySeconds": 300,
      "timeoutSeconds": 21600
    },
    "id": "tiny",
    "maxActiveRuns": 1,
    "owner": "me@example.com",
    "path": "Test/Tiny",
    "schedule": "0 1 * * *",
    "startDate": "2026-01-01",
    "tags": {}
  }
}
`);
});

test('keys are sorted at every level, whatever order they were declared in', () => {
  // GIVEN settings declared with keys out of order, at several depths
  const workflow = newWorkflow({ tags: { zeta: '1', alpha: '2', Mid: '3' } });
  const events = new LogSource(workflow, 'Events', { location: 's3://logs/dt={{ds}}/', format: DataFormat.JSON_LINES });
  new SparkTask(workflow, 'Clean', {
    script: 's3://jobs-bucket/clean.py',
    inputs: [events.output],
    sparkConf: { 'spark.sql.shuffle.partitions': '400', 'spark.dynamicAllocation.enabled': 'true' },
  });

  // WHEN
  const text = renderGraphJson(workflow.toGraph());

  // THEN
  expectKeysSorted(JSON.parse(text));
  expect(Object.keys(JSON.parse(text).workflow.tags)).toEqual(['Mid', 'alpha', 'zeta']);
  expect(canonicalJson(JSON.parse(text))).toBe(text);
});

test('graph.json leaves out where the constructs were created', () => {
  // GIVEN a workflow whose model has source locations
  const workflow = tinyWorkflow();
  const graph = workflow.toGraph();
  expect(graph.workflow.sourceLocation).toBeDefined();
  expect(graph.node('events').sourceLocation).toBeDefined();

  // WHEN
  const text = renderGraphJson(graph);

  // THEN
  expect(text).not.toContain('sourceLocation');
  expect(text).not.toMatch(/\.ts:\d+/);
});

test('the same workflow created on different lines gives the same bytes', () => {
  // GIVEN two copies created from different call sites
  const first = tinyWorkflow(new Workflow(newStack(), 'Tiny', TINY));
  const second = tinyWorkflow(new Workflow(newStack(), 'Tiny', TINY));
  expect(first.toGraph().workflow.sourceLocation).not.toEqual(second.toGraph().workflow.sourceLocation);

  // THEN
  expect(renderGraphJson(second.toGraph())).toBe(renderGraphJson(first.toGraph()));
});

test('nodes and edges come out in canonical order, with the topological order and the critical path', () => {
  // GIVEN a graph given out of order
  const graph = new WorkflowGraph({
    workflow: graphWorkflow(),
    nodes: [graphNode('b', { estimatedDurationSeconds: 5 }), graphNode('c'), graphNode('a', { estimatedDurationSeconds: 1 })],
    edges: [{ from: 'c', to: 'a', kind: EdgeKind.DEPENDENCY }, { from: 'b', to: 'a', kind: EdgeKind.DATA }],
  });

  // WHEN
  const json = JSON.parse(renderGraphJson(graph));

  // THEN
  expect(json.nodes.map((n: { id: string }) => n.id)).toEqual(['a', 'b', 'c']);
  expect(json.edges).toEqual([{ from: 'b', kind: 'data', to: 'a' }, { from: 'c', kind: 'dependency', to: 'a' }]);
  expect(json.order).toEqual(['b', 'c', 'a']);
  expect(json.criticalPath).toEqual({ nodes: ['c', 'a'], durationSeconds: 61 });
  expect(json.formatVersion).toBe(GRAPH_FORMAT_VERSION);
});

test('fields that are not set are left out rather than written as null', () => {
  // GIVEN a node with no description, output or audit target
  const graph = new WorkflowGraph({ workflow: graphWorkflow(), nodes: [graphNode('a')], edges: [] });

  // WHEN
  const text = renderGraphJson(graph);

  // THEN
  expect(text).not.toContain('null');
  const node = JSON.parse(text).nodes[0];
  for (const field of ['description', 'output', 'audits', 'sourceLocation']) expect(node).not.toHaveProperty(field);
});

test('graph.json is indented by two spaces and ends with one newline', () => {
  // GIVEN
  const text = Testing.synth(tinyWorkflow())['graph.json'];

  // THEN
  expect(text.startsWith('{\n  "criticalPath": {\n    "durationSeconds"')).toBe(true);
  expect(text.endsWith('}\n')).toBe(true);
  expect(text.endsWith('\n\n')).toBe(false);
});
