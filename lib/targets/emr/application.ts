import { effectiveWorkers, emrJobNodes, sharedJobPlan } from './jobs';
import { STANDARD_DISK_GB, worker } from './sizing';
import type { WorkflowGraph } from '../../model/workflow-graph';

/** The EMR Serverless application a workflow's jobs run on. */
export interface EmrApplicationSpec {
  readonly releaseLabel: string;
  readonly architecture: string;
  readonly maximumCapacity: { readonly cpu: string; readonly memory: string; readonly disk: string };
  readonly autoStopIdleMinutes: number;
}

/** The release of every application: Spark 3.5.5, the PySpark of the project's environment. */
export const EMR_RELEASE_LABEL = 'emr-7.10.0';

/** What one job can take at most: its driver plus `maxExecutors` executors, each with its disk. */
interface Demand {
  readonly cpu: number;
  readonly memoryGb: number;
  readonly diskGb: number;
}

/**
 * The EMR Serverless application a workflow's jobs run on: release `emr-7.10.0`, ARM64 workers,
 * stopped after 15 idle minutes, and a maximum capacity equal to the largest concurrent demand of
 * its jobs. A job's demand is its driver plus `maxExecutors` executors (vCPU, worker memory and
 * disk, as its spec sets them, overrides included). Jobs run together when the model's schedule
 * overlaps them: each node starts when the last node it waits for ends, by the nodes' duration
 * estimates. Since every job counts in full at its own start, each job's `maxExecutors` fits the
 * capacity; jobs that overlap more than estimated share it (EMR grants executors as capacity frees).
 */
export function emrApplicationSpec(graph: WorkflowGraph): EmrApplicationSpec {
  const jobs = emrJobNodes(graph);
  const demand = new Map<string, Demand>();
  for (const node of jobs) {
    const plan = sharedJobPlan(graph, node.id)!;
    const w = effectiveWorkers(plan);
    // Malformed settings (reported by the target's validation) count as the formula's.
    const or = (value: number, fallback: number) => (Number.isFinite(value) ? value : fallback);
    const executors = or(w.maxExecutors, plan.sizing.maxExecutors);
    const driver = worker(or(w.driverCpu, plan.sizing.driver.cpu), or(w.driverHeapMib, plan.sizing.driver.heapMib));
    const executor = worker(or(w.executorCpu, plan.sizing.executor.cpu), or(w.executorHeapMib, plan.sizing.executor.heapMib));
    demand.set(node.id, {
      cpu: driver.cpu + executors * executor.cpu,
      memoryGb: driver.workerMemoryGb + executors * executor.workerMemoryGb,
      diskGb: or(w.driverDiskGb, plan.sizing.diskGb) + executors * or(w.executorDiskGb, plan.sizing.diskGb),
    });
  }
  // Each node starts when the last node it waits for ends (the model's duration estimates).
  const finish = new Map<string, number>();
  const start = new Map<string, number>();
  for (const id of graph.order) {
    const begins = Math.max(0, ...graph.upstreamOf(id).map((u) => finish.get(u) ?? 0));
    start.set(id, begins);
    finish.set(id, begins + Math.max(graph.node(id).estimatedDurationSeconds, 1));
  }
  let cpu = 0;
  let memoryGb = 0;
  let diskGb = 0;
  // The demand peaks when a job starts: sum the jobs running at each start. One sweep over the
  // distinct start times keeps the jobs started and not yet finished (linear in what overlaps, not
  // in jobs squared); each sum adds the running jobs in the jobs' order, as a plain filter would.
  const timed = jobs
    .map((node, index) => ({ index, start: start.get(node.id), finish: finish.get(node.id), demand: demand.get(node.id)! }))
    .filter((j): j is { index: number; start: number; finish: number | undefined; demand: Demand } => j.start !== undefined && !Number.isNaN(j.start))
    .sort((a, b) => a.start - b.start || a.index - b.index);
  let active: typeof timed = [];
  let next = 0;
  for (let i = 0; i < timed.length; i++) {
    const t = timed[i].start;
    if (i > 0 && timed[i - 1].start === t) continue;
    while (next < timed.length && timed[next].start <= t) active.push(timed[next++]);
    active = active.filter((j) => j.finish !== undefined && t < j.finish);
    const running = [...active].sort((a, b) => a.index - b.index).map((j) => j.demand);
    cpu = Math.max(cpu, sum(running.map((d) => d.cpu)));
    memoryGb = Math.max(memoryGb, sum(running.map((d) => d.memoryGb)));
    diskGb = Math.max(diskGb, sum(running.map((d) => d.diskGb)));
  }
  return {
    releaseLabel: EMR_RELEASE_LABEL,
    architecture: 'ARM64',
    maximumCapacity: {
      cpu: `${Math.max(cpu, 1)} vCPU`,
      memory: `${Math.max(memoryGb, 2)} GB`,
      disk: `${Math.max(diskGb, STANDARD_DISK_GB.min)} GB`,
    },
    autoStopIdleMinutes: 15,
  };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
