import { Duration, Size } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import { Dataset, DataFormat, OutputOptions } from '../core/dataset';
import { COLUMN, NODE_PROPS_SPEC, OUTPUT_OPTIONS_SPEC, SECRET, TABLE_NAME, oneOf } from '../core/private/specs';
import { Engine } from '../core/engine';
import { NodeDescription, NodeProps } from '../core/node';
import { requireDsTemplate } from '../core/private/checks';
import { Fail, Spec, checkArgument, registerSpec } from '../core/private/props';
import type { Schema } from '../core/schema';
import type { Secret } from '../core/secret';
import { Source } from '../core/source';
import { bytes, plainSecret, seconds } from '../private/plain';

/** The database engine of an OLTP source. */
export enum DatabaseEngine {
  /** PostgreSQL, including Aurora PostgreSQL. */
  POSTGRES = 'postgres',
  /** MySQL, including Aurora MySQL. */
  MYSQL = 'mysql',
}

/** Options of an incremental ingest. */
export interface IncrementalIngestOptions {
  /** Monotonic column (`updated_at`, `id`) that selects the day's new and changed rows. */
  readonly cursorColumn: string;
  /**
   * How far before the day's start to read again, to catch late commits.
   * @default - no lookback: only rows whose cursor falls in the logical date
   */
  readonly lookback?: Duration;
}

const INGEST_MODE_SYMBOL = Symbol.for('tributary.IngestMode');

/** How a table is brought into the lake each day. */
export class IngestMode {
  /** Read only the rows whose cursor column falls in the logical date (plus `lookback`). Spark JDBC read. */
  public static incremental(options: IncrementalIngestOptions): IngestMode {
    checkArgument('IngestMode.incremental', 'options', options, {
      kind: 'struct', name: 'IncrementalIngestOptions', example: "{ cursorColumn: 'updated_at' }", props: {
        cursorColumn: { ...COLUMN, required: true, example: "'updated_at'" },
        lookback: { kind: 'duration', example: 'Duration.hours(2)' },
      },
    });
    return new IngestMode('incremental', Engine.SPARK, options.cursorColumn, options.lookback);
  }

  /** Export a consistent snapshot to object storage (Aurora/RDS export to S3): no load on the primary. */
  public static snapshotExport(): IngestMode {
    return new IngestMode('snapshot_export', Engine.DATABASE_EXPORT);
  }

  /** Compact the day's change records landed by a CDC stream (DMS, Debezium) into the table's partition. Spark. */
  public static changeDataCapture(): IngestMode {
    return new IngestMode('change_data_capture', Engine.SPARK);
  }

  /** Read the whole table over JDBC every day. Only for small tables: refused at 1 TiB or more (TRB009). */
  public static fullTable(): IngestMode {
    return new IngestMode('full_table', Engine.SPARK);
  }

  /** Mode name: `incremental`, `snapshot_export`, `change_data_capture` or `full_table`. */
  public readonly mode: string;
  /** What runs the ingest. */
  public readonly engine: Engine;
  /** Cursor column, for incremental ingests. */
  public readonly cursorColumn?: string;
  /** Lookback, for incremental ingests. */
  public readonly lookback?: Duration;

  private constructor(mode: string, engine: Engine, cursorColumn?: string, lookback?: Duration) {
    this.mode = mode;
    this.engine = engine;
    this.cursorColumn = cursorColumn;
    this.lookback = lookback;
    Object.defineProperty(this, INGEST_MODE_SYMBOL, { value: true });
  }
}

/** A JDBC read split over several connections. */
export interface PartitionedRead {
  /** Numeric, date or timestamp column whose range is split. */
  readonly column: string;
  /** Number of partitions, which is also the most concurrent connections to the database. */
  readonly numPartitions: number;
  /**
   * Lowest value of `column`, for the stride (it does not filter rows).
   * @default - read from the table at run time
   */
  readonly lowerBound?: number;
  /**
   * Highest value of `column`, for the stride (it does not filter rows).
   * @default - read from the table at run time
   */
  readonly upperBound?: number;
}

/** Props of a DatabaseSource. */
export interface DatabaseSourceProps extends NodeProps {
  /** Database engine. */
  readonly engine: DatabaseEngine;
  /** Secret holding the connection (host, port, user, password). */
  readonly connection: Secret;
  /** Table, with its schema: `public.orders`. */
  readonly table: string;
  /** How the table is brought in each day. */
  readonly ingest: IngestMode;
  /**
   * Columns of the landed table.
   * @default - unknown: column checks against it are skipped
   * @deprecated use `output: { schema }`, which every producing node accepts
   */
  readonly schema?: Schema;
  /**
   * Size of one day's landed partition (for a snapshot: the whole table).
   * @default - unknown; treated as small
   * @deprecated use `output: { estimatedSize }`, which every producing node accepts
   */
  readonly estimatedSize?: Size;
  /**
   * Columns and daily size of the landed partition (for a snapshot: the whole table).
   * @default - schema unknown, size unknown (treated as small)
   */
  readonly output?: OutputOptions;
  /**
   * Size of the whole table. A table of 1 TiB or more may not be read in full every day (TRB009).
   * @default - `estimatedSize`
   */
  readonly tableSize?: Size;
  /**
   * Split the JDBC read over several connections.
   * @default - one connection
   */
  readonly partitionedRead?: PartitionedRead;
  /**
   * Where the landed partition is written.
   * @default - `<lakeLocation>/<node_id>/ds={{ds}}/`
   */
  readonly location?: string;
}

/** A table of an OLTP database (PostgreSQL, MySQL), landed in the lake once per logical date. */
export class DatabaseSource extends Source {
  /** The landed table. */
  public readonly output: Dataset;
  /** Database engine. */
  public readonly engine: DatabaseEngine;
  /** Connection secret. */
  public readonly connection: Secret;
  /** Table name. */
  public readonly table: string;
  /** Ingest mode. */
  public readonly ingest: IngestMode;
  /** Partitioned read settings. */
  public readonly partitionedRead?: PartitionedRead;
  /** Size of the whole table, when declared. */
  public readonly tableSize?: Size;

  constructor(scope: Construct, id: string, props: DatabaseSourceProps) {
    super(scope, id, props);
    const fail: Fail = (c, p, f) => this._fail(c, p, f);
    requireDsTemplate(fail, 'location', props.location);
    const read = props.partitionedRead;
    if (read?.lowerBound !== undefined && read.upperBound !== undefined && !(read.lowerBound < read.upperBound)) {
      fail('TRB104', `partitionedRead.lowerBound (${read.lowerBound}) is not below upperBound (${read.upperBound})`, 'give a lowerBound smaller than upperBound, or leave both out');
    }
    const estimatedSize = oneOf(fail, 'estimatedSize', props.estimatedSize, props.output?.estimatedSize);
    this.engine = props.engine;
    this.connection = props.connection;
    this.table = props.table;
    this.ingest = props.ingest;
    this.partitionedRead = props.partitionedRead;
    this.tableSize = props.tableSize ?? estimatedSize;
    this.output = new Dataset(this, this.defaultLocation(), {
      schema: oneOf(fail, 'schema', props.schema, props.output?.schema),
      location: props.location,
      format: DataFormat.PARQUET,
      estimatedSize,
    });
  }

  /** @internal */
  public _describe(): NodeDescription {
    const own = this.nodeId;
    return {
      type: 'DatabaseSource',
      engine: this.ingest.engine,
      properties: {
        databaseEngine: this.engine,
        connection: plainSecret(this.connection),
        table: this.table,
        tableSizeBytes: bytes(this.tableSize),
        ingest: { mode: this.ingest.mode, cursorColumn: this.ingest.cursorColumn, lookbackSeconds: seconds(this.ingest.lookback) },
        partitionedRead: this.partitionedRead && { ...this.partitionedRead },
      },
      requiredColumns: [
        ...(this.ingest.cursorColumn ? [{ name: this.ingest.cursorColumn, role: 'cursor column', dataset: own }] : []),
        ...(this.partitionedRead ? [{ name: this.partitionedRead.column, role: 'partitioned read column', dataset: own }] : []),
      ],
    };
  }
}

registerSpec(DatabaseSource, {
  ...NODE_PROPS_SPEC,
  engine: { kind: 'enum', name: 'DatabaseEngine', values: DatabaseEngine as unknown as Record<string, string>, required: true },
  connection: { ...SECRET, required: true },
  table: {
    kind: 'string', required: true, pattern: TABLE_NAME, maxLength: 384,
    shape: 'a table name', fix: "write it as schema.table, for example 'public.orders'", example: "'public.orders'",
  },
  ingest: { kind: 'brand', name: 'IngestMode', brand: 'tributary.IngestMode', required: true, example: "IngestMode.incremental({ cursorColumn: 'updated_at' })" },
  schema: OUTPUT_OPTIONS_SPEC.schema,
  estimatedSize: OUTPUT_OPTIONS_SPEC.estimatedSize,
  tableSize: { kind: 'size', example: 'Size.tebibytes(12)' },
  partitionedRead: {
    kind: 'struct', name: 'PartitionedRead', example: "{ column: 'order_id', numPartitions: 16 }", props: {
      column: { ...COLUMN, required: true, example: "'order_id'" },
      numPartitions: { kind: 'number', integer: true, min: 1, max: 1000, required: true },
      lowerBound: { kind: 'number' },
      upperBound: { kind: 'number' },
    },
  },
  location: { kind: 'string', nonEmpty: true, maxLength: 1024, example: "'s3://acme-lake/orders/ds={{ds}}/'" },
  output: { kind: 'struct', name: 'OutputOptions', props: OUTPUT_OPTIONS_SPEC },
} satisfies Spec);
