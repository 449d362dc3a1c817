import { effectiveWorkers, emrJobNodes, planJob } from './jobs';
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
 * stopped after 15 idle minutes, and a maximum capacity equal to the largest demand of jobs that
 * may run at the same time. A job's demand is its driver plus `maxExecutors` executors (vCPU,
 * worker memory and disk, as its spec sets them); jobs may run together unless one waits for the
 * other, so each job counts with every job that neither waits for it nor is waited for by it.
 * Every job's `maxExecutors` therefore fits the capacity, even when all of them run at once.
 */
export function emrApplicationSpec(graph: WorkflowGraph): EmrApplicationSpec {
  const jobs = emrJobNodes(graph);
  const demand = new Map<string, Demand>();
  for (const node of jobs) {
    const plan = planJob(graph, node.id)!;
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
  const related = new Map<string, Set<string>>();
  for (const node of jobs) {
    for (const d of graph.descendantsOf(node.id)) {
      if (!demand.has(d)) continue;
      related.set(node.id, (related.get(node.id) ?? new Set()).add(d));
      related.set(d, (related.get(d) ?? new Set()).add(node.id));
    }
  }
  let cpu = 0;
  let memoryGb = 0;
  let diskGb = 0;
  for (const node of jobs) {
    const waits = related.get(node.id) ?? new Set<string>();
    const together = jobs.filter((other) => other.id === node.id || !waits.has(other.id)).map((other) => demand.get(other.id)!);
    cpu = Math.max(cpu, sum(together.map((d) => d.cpu)));
    memoryGb = Math.max(memoryGb, sum(together.map((d) => d.memoryGb)));
    diskGb = Math.max(diskGb, sum(together.map((d) => d.diskGb)));
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
