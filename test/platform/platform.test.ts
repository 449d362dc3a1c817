import * as path from 'path';
import { App } from 'aws-cdk-lib/core';
import { DataPlatformStack } from '../../bin/platform';
import { EventSink, Testing, Workflow, WorkflowGraph } from '../../lib';
import { readTree, tempDir } from '../fixtures';

const WORKFLOW_IDS = ['commerce', 'clickstream', 'customer360'];

/** The reference platform in a fresh app: its workflows by workflow id. */
function platform(app: App = new App({ analyticsReporting: false })): Record<string, Workflow> {
  const stack = new DataPlatformStack(app, 'DataPlatform');
  return Object.fromEntries(stack.workflows.map((w) => [w.workflowId, w]));
}

/** Synthesize the reference platform as `bin/app.ts` does, into a new folder: every file under tributary/. */
function synthToDisk(): Record<string, string> {
  const outdir = tempDir();
  const app = new App({ outdir, analyticsReporting: false, builtinCloudFormationValidation: false });
  platform(app);
  app.synth();
  return readTree(path.join(outdir, 'tributary'));
}

const workflows = platform();
const graphs: Record<string, WorkflowGraph> = Object.fromEntries(Object.entries(workflows).map(([id, w]) => [id, Testing.graph(w)]));
const allNodes = Object.values(graphs).flatMap((g) => g.nodes);

test('the reference platform declares the commerce, clickstream and customer360 workflows', () => {
  // THEN
  expect(Object.keys(workflows)).toEqual(WORKFLOW_IDS);
});

test('the reference platform has at least 20 nodes in all', () => {
  // THEN
  expect(allNodes.length).toBeGreaterThanOrEqual(20);
});

test('the reference platform uses every node kind', () => {
  // THEN
  expect([...new Set(allNodes.map((n) => n.type))].sort()).toEqual([
    'ApiSink', 'ApiSource', 'DatabaseSource', 'EventSink', 'LogSource', 'QualityCheck', 'SparkTask', 'SqlTask', 'WarehouseSink',
  ]);
});

test('the reference platform has no diagnostics at all, not even warnings', () => {
  // THEN
  for (const workflow of Object.values(workflows)) {
    expect({ workflow: workflow.workflowId, diagnostics: Testing.diagnostics(workflow) }).toEqual({ workflow: workflow.workflowId, diagnostics: [] });
  }
});

test('the reference platform covers the sources and targets of the brief', () => {
  // GIVEN
  const byId = (id: string) => allNodes.find((n) => n.id === id)!;

  // THEN the 12 TiB OLTP table is read incrementally, the customers table by snapshot export
  expect(byId('orders').properties).toMatchObject({ tableSizeBytes: 12 * 1024 ** 4, ingest: { mode: 'incremental' } });
  expect(byId('customers').properties.ingest.mode).toBe('snapshot_export');
  // AND the 10 TiB of logs a day are read only by Spark
  expect(byId('clickstream_logs').output!.estimatedSizeBytes).toBe(10 * 1024 ** 4);
  expect(graphs.clickstream.downstreamOf('clickstream_logs').map((id) => graphs.clickstream.node(id).engine)).toEqual(['spark']);
  // AND there are loads by MERGE, a push to the CRM and an EventBridge event
  expect(allNodes.filter((n) => n.properties.writeMode?.mode === 'merge').length).toBeGreaterThan(0);
  expect(byId('push_scores_to_crm').type).toBe('ApiSink');
  expect(allNodes.filter((n) => n.properties.bus?.broker === 'eventbridge').length).toBeGreaterThan(0);
});

test('each "day loaded" event is published only after every warehouse load of its workflow', () => {
  // THEN
  for (const [id, workflow] of Object.entries(workflows)) {
    const graph = graphs[id];
    const completionEvents = workflow.nodes.filter((n) => n instanceof EventSink && n.payload.kind === 'completion').map((n) => n.nodeId);
    const loads = graph.nodes.filter((n) => n.type === 'WarehouseSink').map((n) => n.id);
    for (const event of completionEvents) {
      for (const load of loads) expect({ event, runsAfter: load, ok: graph.descendantsOf(load).includes(event) }).toEqual({ event, runsAfter: load, ok: true });
    }
  }
});

for (const id of WORKFLOW_IDS) {
  test(`the ${id} workflow's graph.json is unchanged`, () => {
    // THEN
    expect(Testing.synth(workflows[id])['graph.json']).toMatchSnapshot();
  });

  test(`the ${id} workflow's graph.mmd is unchanged`, () => {
    // THEN
    expect(Testing.synth(workflows[id])['graph.mmd']).toMatchSnapshot();
  });
}

test('two independent synths of the platform give byte-identical files', () => {
  // WHEN
  const first = synthToDisk();
  const second = synthToDisk();

  // THEN
  expect(Object.keys(first).filter((f) => !f.includes('/emr/'))).toEqual([...WORKFLOW_IDS].sort().flatMap((id) => [
    `${id}/airflow/${id}.json`, `${id}/airflow/${id}.py`, `${id}/graph.json`, `${id}/graph.mmd`, `${id}/stepfunctions/state-machine.asl.json`,
  ]));
  expect(Object.keys(first).filter((f) => f.includes('/emr/')).length).toBe(19);
  expect(second).toEqual(first);
});

test('a synth from another working directory gives byte-identical files', () => {
  // GIVEN a synth from the repository
  const here = synthToDisk();

  // WHEN the platform is built and synthesized from another folder
  const cwd = process.cwd();
  process.chdir(tempDir());
  let elsewhere: Record<string, string>;
  try {
    elsewhere = synthToDisk();
  } finally {
    process.chdir(cwd);
  }

  // THEN
  expect(elsewhere).toEqual(here);
});
