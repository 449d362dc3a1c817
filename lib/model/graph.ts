import { Engine, NodeKind } from '../core/engine';

/** A column in the model. */
export interface GraphColumn {
  /** Column name. */
  readonly name: string;
  /** Type name (`bigint`, `decimal(18,2)`). */
  readonly type: string;
  /** Whether nulls are allowed. */
  readonly nullable: boolean;
}

/** A column a node reads, in the model. */
export interface GraphColumnRequirement {
  /** Column name. */
  readonly name: string;
  /** Expected type, when the node depends on it. */
  readonly type?: string;
  /** Why the node reads it. */
  readonly role: string;
  /** Id of the dataset that must have it; when absent, one of the node's inputs. */
  readonly dataset?: string;
}

/** A day-partitioned dataset in the model. Its id is its producer's node id. */
export interface GraphDataset {
  /** Dataset id: the producer's node id. */
  readonly id: string;
  /** Location template of one day's partition, with `{{ds}}`. */
  readonly location: string;
  /** File format (`parquet`, `jsonl`, `csv`, `warehouse_table`). */
  readonly format: string;
  /** Size of one day's partition in bytes, when declared. */
  readonly estimatedSizeBytes?: number;
  /** Columns, when declared. */
  readonly columns?: GraphColumn[];
  /** For a warehouse table: the column holding the logical date, when declared; checks read only `{{ds}}`'s rows. */
  readonly dateColumn?: string;
}

/** A node in the model: plain data, no construct. */
export interface GraphNode {
  /** snake_case node id, unique in the workflow. */
  readonly id: string;
  /** Construct path. */
  readonly path: string;
  /** Source, task or sink. */
  readonly kind: NodeKind;
  /** Construct class (`SparkTask`). */
  readonly type: string;
  /** What runs the node. */
  readonly engine: Engine;
  /** Description, when given. */
  readonly description?: string;
  /** Ids of the datasets read, in the order given (ids outside the workflow are construct paths). */
  readonly inputs: string[];
  /** Ids of every node this one waits for (data, explicit and audit edges), sorted. */
  readonly upstream: string[];
  /** The dataset produced, for sources and tasks. */
  readonly output?: GraphDataset;
  /** Columns read from the inputs, checked against their schemas. */
  readonly requiredColumns: GraphColumnRequirement[];
  /** Kind-specific settings as plain data; secrets appear as `{store, reference}`. */
  readonly properties: { [key: string]: any };
  /** Attempts after the first failure. */
  readonly retries: number;
  /** Wait before the first retry, in seconds. */
  readonly retryDelaySeconds: number;
  /** Whether retry waits double. */
  readonly exponentialBackoff: boolean;
  /** Timeout of one attempt, in seconds. */
  readonly timeoutSeconds: number;
  /** Expected run time in seconds: declared, or estimated from engine and input size. */
  readonly estimatedDurationSeconds: number;
  /** False when the node only waits for its inputs and never reads their contents. */
  readonly readsInputData: boolean;
  /** For quality checks: the id of the dataset audited. */
  readonly audits?: string;
  /** For quality checks: whether a failure blocks the sinks of the audited dataset. */
  readonly gatesSinks: boolean;
  /** Where the construct was created (`bin/app.ts:42:5`); not written to artifacts. */
  readonly sourceLocation?: string;
}

/** Why one node waits for another. */
export enum EdgeKind {
  /** The downstream node reads the upstream node's dataset. */
  DATA = 'data',
  /** Declared with `addDependency`. */
  DEPENDENCY = 'dependency',
  /** A sink waits for a quality check of its input (write-audit-publish). */
  AUDIT = 'audit',
}

/** A directed edge: `to` runs after `from`. */
export interface GraphEdge {
  /** Upstream node id. */
  readonly from: string;
  /** Downstream node id. */
  readonly to: string;
  /** Why. */
  readonly kind: EdgeKind;
}

/** A workflow's retry and timeout defaults, in the model. */
export interface GraphNodeDefaults {
  /** Attempts after the first failure. */
  readonly retries: number;
  /** Wait before the first retry, in seconds. */
  readonly retryDelaySeconds: number;
  /** Whether retry waits double. */
  readonly exponentialBackoff: boolean;
  /** Timeout of one attempt, in seconds. */
  readonly timeoutSeconds: number;
}

/** Workflow-level settings in the model. */
export interface GraphWorkflow {
  /** snake_case workflow id. */
  readonly id: string;
  /** Construct path. */
  readonly path: string;
  /** Five-field cron expression, UTC. */
  readonly schedule: string;
  /** First logical date. */
  readonly startDate: string;
  /** Owner. */
  readonly owner: string;
  /** Description, when given. */
  readonly description?: string;
  /** Tags. */
  readonly tags: { [key: string]: string };
  /** Warehouse connection as plain data, when set. */
  readonly warehouse?: { [key: string]: any };
  /**
   * Whether missed logical dates run on their own.
   * @default false
   */
  readonly catchup?: boolean;
  /**
   * Most runs in progress at once.
   * @default 1
   */
  readonly maxActiveRuns?: number;
  /**
   * The retry and timeout settings of nodes that set none of their own.
   * @default - 2 retries, 300 s apart with exponential backoff, 21600 s timeout
   */
  readonly defaults?: GraphNodeDefaults;
  /** Where the workflow was created; not written to artifacts. */
  readonly sourceLocation?: string;
}

/** The critical path of a graph: the chain of nodes with the longest total duration. */
export interface CriticalPath {
  /** Node ids, first to last. */
  readonly nodes: string[];
  /** Sum of their durations, in seconds. */
  readonly durationSeconds: number;
}
