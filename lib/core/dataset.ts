import { Size } from 'aws-cdk-lib/core';
import type { WorkflowNode } from './node';
import type { Schema } from './schema';

const DATASET_SYMBOL = Symbol.for('tributary.Dataset');

/** How a dataset's files are encoded. */
export enum DataFormat {
  /** Apache Parquet, the lake's default. */
  PARQUET = 'parquet',
  /** One JSON document per line. */
  JSON_LINES = 'jsonl',
  /** Comma-separated values with a header line. */
  CSV = 'csv',
  /** A table in the data warehouse rather than files in the lake. */
  WAREHOUSE_TABLE = 'warehouse_table',
}

/**
 * What every producing node may declare about its output: its columns and its daily size.
 * Every source and task accepts it as `output`.
 */
export interface OutputOptions {
  /**
   * Columns of the dataset. Consumers that name columns are checked against it at synth.
   * @default - schema unknown: column checks against this dataset are skipped
   */
  readonly schema?: Schema;
  /**
   * Size of one day's partition. Drives Spark sizing, duration estimates and the
   * rule that data of 1 TiB or more is processed only on Spark.
   * @default - unknown; treated as small
   */
  readonly estimatedSize?: Size;
}

/** What a node declares about the dataset it produces, where it writes files of its own choosing. */
export interface DatasetOptions extends OutputOptions {
  /**
   * Where one day's partition lives; `{{ds}}` stands for the logical date (`2026-11-27`).
   * @default - `<workflow lakeLocation>/<node_id>/ds={{ds}}/`
   */
  readonly location?: string;
  /**
   * File format.
   * @default DataFormat.PARQUET
   */
  readonly format?: DataFormat;
}

/** What the nodes that write warehouse tables say of them, beyond DatasetOptions (not public: set by those nodes). */
interface WarehouseTableOptions extends DatasetOptions {
  readonly dateColumn?: string;
}

/**
 * A logical, day-partitioned data set produced by one node of a workflow.
 * Nodes create their output dataset; pass it to a consumer's `inputs` to draw an edge.
 */
export class Dataset {
  /** True if `x` is a Dataset, across copies of this library. */
  public static isDataset(x: unknown): x is Dataset {
    return x !== null && typeof x === 'object' && DATASET_SYMBOL in x;
  }

  /** The node that produces this dataset. */
  public readonly producer: WorkflowNode;
  /** Name of the dataset: the producer's node id. */
  public readonly name: string;
  /** Columns, when declared. */
  public readonly schema?: Schema;
  /** Location template of one day's partition, with `{{ds}}`. */
  public readonly location: string;
  /** File format. */
  public readonly format: DataFormat;
  /** Size of one day's partition, when declared. */
  public readonly estimatedSize?: Size;
  /**
   * For a warehouse table: the column that holds the logical date, when its producer declares one
   * (`dateColumn` of a SqlTask or WarehouseSink). Warehouse checks of the table then read only the
   * rows of the run's `{{ds}}`.
   */
  public readonly dateColumn?: string;

  constructor(producer: WorkflowNode, location: string, options: DatasetOptions = {}) {
    Object.defineProperty(this, DATASET_SYMBOL, { value: true });
    this.producer = producer;
    this.name = producer.nodeId;
    this.schema = options.schema;
    this.location = options.location ?? location;
    this.format = options.format ?? DataFormat.PARQUET;
    this.estimatedSize = options.estimatedSize;
    this.dateColumn = (options as WarehouseTableOptions).dateColumn;
  }
}
