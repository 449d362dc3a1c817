import type { WorkflowGraph } from '../../model/workflow-graph';

/** The EMR Serverless application a workflow's job runs run on: release, architecture, capacity, idle stop. */
export interface EmrApplicationSpec {
  /** EMR release label (`emr-7.10.0`). */
  readonly releaseLabel: string;
  /** CPU architecture: `ARM64` or `X86_64`. */
  readonly architecture: string;
  /** Cap on the total resources of all the application's workers at once (`400 vCPU`, `3000 GB`, `20000 GB`). */
  readonly maximumCapacity: { readonly cpu: string; readonly memory: string; readonly disk: string };
  /** Minutes of idleness after which the application stops. */
  readonly autoStopIdleMinutes: number;
}

/**
 * The EMR Serverless application for a workflow.
 * PROVISIONAL: fixed values; the EMR target issue replaces it with sizing from the workflow.
 */
export function emrApplicationSpec(graph: WorkflowGraph): EmrApplicationSpec {
  void graph;
  return { releaseLabel: 'emr-7.10.0', architecture: 'ARM64', maximumCapacity: { cpu: '400 vCPU', memory: '3000 GB', disk: '20000 GB' }, autoStopIdleMinutes: 15 };
}
