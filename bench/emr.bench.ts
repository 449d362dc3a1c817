#!/usr/bin/env node
/**
 * Cost of the EMR target per EMR job node, at 1,000 and 10,000 nodes, as ratios against baselines
 * measured in the same invocation:
 *
 * - render: `EmrTarget.render` (a sized StartJobRun spec, canonical JSON, per EMR job node),
 *   against `GraphTarget.render` of the same graph (graph.json and Mermaid) per node;
 * - validate: `EmrTarget.validate` (the EMR checks) per EMR job node;
 * - scaling: per-node cost at 10,000 nodes over the cost at 1,000 (close to 1 when the cost per
 *   node stays flat).
 *
 * The workflows: n/2 log sources of 10 GiB to 10 TiB, each read by a Spark task that also reads the
 * previous task's output (a chain), so half the nodes are EMR jobs. Building the constructs and
 * the model is not timed. Prints one JSON object. Run with `npm run bench`.
 */
import { performance } from 'perf_hooks';
import { App, Size, Stack } from 'aws-cdk-lib/core';
import { DataFormat, EmrTarget, GraphTarget, LogSource, Schedule, SparkTask, Workflow, WorkflowGraph } from '../lib';
import { emrJobNodes } from '../lib/targets/emr/jobs';
import { median } from './stats';

function generatedGraph(n: number): WorkflowGraph {
  const stack = new Stack(new App({ analyticsReporting: false }), 'Bench');
  const workflow = new Workflow(stack, 'Generated', {
    schedule: Schedule.daily({ hour: 1 }), startDate: '2026-01-01', owner: 'bench@example.com',
  });
  let previous: SparkTask | undefined;
  for (let i = 0; i < n / 2; i++) {
    const logs = new LogSource(workflow, `Logs${i}`, {
      location: `s3://bench-logs/stream${i}/dt={{ds}}/`, format: DataFormat.JSON_LINES, estimatedSize: Size.gibibytes(10 + (i % 1000) * 10),
    });
    previous = new SparkTask(workflow, `Job${i}`, {
      script: 's3://bench-jobs/job.py', inputs: previous ? [logs.output, previous.output] : [logs.output],
    });
  }
  return workflow.toGraph();
}

function timeMs(fn: () => unknown, repeats: number): number {
  return median(Array.from({ length: repeats }, () => {
    const start = performance.now();
    fn();
    return performance.now() - start;
  }));
}

const REPEATS = Number(process.env.BENCH_REPEATS ?? 7);
const emr = new EmrTarget();
const graphTarget = new GraphTarget();
const graphs = new Map([1000, 10000].map((n) => [n, generatedGraph(n)]));
// Warm-up: let the JIT compile the render and check paths before anything is timed.
for (let i = 0; i < 5; i++) {
  emr.render(graphs.get(1000)!);
  emr.validate(graphs.get(1000)!);
  graphTarget.render(graphs.get(1000)!);
}

// Sizes are timed in turn within each repeat, so that load on the machine hits both alike.
const SIZES = [1000, 10000];
const samples = new Map(SIZES.map((n) => [n, { render: [] as number[], validate: [] as number[], graph: [] as number[] }]));
for (let r = 0; r < REPEATS; r++) {
  for (const n of SIZES) {
    const graph = graphs.get(n)!;
    const s = samples.get(n)!;
    s.render.push(timeMs(() => emr.render(graph), 1));
    s.validate.push(timeMs(() => emr.validate(graph), 1));
    s.graph.push(timeMs(() => graphTarget.render(graph), 1));
  }
}
const rows: Record<string, { emrJobs: number; renderUsPerJob: number; validateUsPerJob: number; graphRenderUsPerNode: number; renderToGraphRatio: number }> = {};
for (const n of SIZES) {
  const jobs = emrJobNodes(graphs.get(n)!).length;
  const s = samples.get(n)!;
  const render = median(s.render);
  const graphRender = median(s.graph);
  rows[n] = {
    emrJobs: jobs,
    renderUsPerJob: Number(((render * 1000) / jobs).toFixed(1)),
    validateUsPerJob: Number(((median(s.validate) * 1000) / jobs).toFixed(1)),
    graphRenderUsPerNode: Number(((graphRender * 1000) / n).toFixed(1)),
    renderToGraphRatio: Number(((render / jobs) / (graphRender / n)).toFixed(2)),
  };
}
const report = {
  emrJobSpecs: {
    nodes: rows,
    renderPerJobRatio10000to1000: Number((rows[10000].renderUsPerJob / rows[1000].renderUsPerJob).toFixed(2)),
    validatePerJobRatio10000to1000: Number((rows[10000].validateUsPerJob / rows[1000].validateUsPerJob).toFixed(2)),
  },
};
process.stdout.write(JSON.stringify(report, undefined, 2) + '\n');
