import { Construct } from 'constructs';
import { Dataset, DataFormat, DatasetOptions } from '../core/dataset';
import { Engine } from '../core/engine';
import { ColumnRequirement, NodeDescription, NodeProps } from '../core/node';
import { Fail, Spec, checkArgument, registerSpec } from '../core/private/props';
import { COLUMN, COLUMNS, DATASET, NODE_PROPS_SPEC, TABLE_NAME } from '../core/private/specs';
import { namedRequirements } from '../core/private/columns';
import { Sink } from '../core/sink';

const WRITE_MODE_SYMBOL = Symbol.for('tributary.WriteMode');

/** How a warehouse sink writes; all but `append` can be re-run for the same date safely. */
export class WriteMode {
  /** Upsert on these key columns (Redshift MERGE): re-running a date updates the same rows. */
  public static merge(keys: string[]): WriteMode {
    checkArgument('WriteMode.merge', 'keys', keys, { ...COLUMNS, example: "WriteMode.merge(['order_id'])" });
    return new WriteMode('merge', true, { keys }, namedRequirements(keys, 'merge key'));
  }

  /**
   * Delete the logical date's rows, then insert them, in one transaction: a re-run or a backfill
   * of a day replaces that day's rows.
   * @param column the column that holds the logical date; by default the sink's `dateColumn`, else `ds`
   */
  public static overwritePartition(column?: string): WriteMode {
    if (column !== undefined) checkArgument('WriteMode.overwritePartition', 'column', column, { ...COLUMN, example: "'ds'" });
    return new WriteMode('overwrite_partition', true, column === undefined ? {} : { column }, []);
  }

  /** Replace the whole table in one transaction: for small dimension tables. */
  public static replaceTable(): WriteMode {
    return new WriteMode('replace_table', true, {}, []);
  }

  /** Insert rows. A re-run or a backfill duplicates them: refused at synth (TRB013). */
  public static append(): WriteMode {
    return new WriteMode('append', false, {}, []);
  }

  /** Mode name: `merge`, `overwrite_partition`, `replace_table` or `append`. */
  public readonly mode: string;
  /** Whether re-running a date leaves the table as one run would. */
  public readonly idempotent: boolean;
  /** The mode's settings. */
  public readonly settings: Record<string, any>;
  /** @internal */
  public readonly _columns: ColumnRequirement[];

  private constructor(mode: string, idempotent: boolean, settings: Record<string, any>, columns: ColumnRequirement[]) {
    this.mode = mode;
    this.idempotent = idempotent;
    this.settings = settings;
    this._columns = columns;
    Object.defineProperty(this, WRITE_MODE_SYMBOL, { value: true });
  }
}

/** Props of a WarehouseSink. */
export interface WarehouseSinkProps extends NodeProps {
  /** Dataset loaded. */
  readonly input: Dataset;
  /** Target table: `analytics.orders`. */
  readonly table: string;
  /** How rows are written. */
  readonly writeMode: WriteMode;
  /**
   * The column of `table` that holds the logical date (`ds`): the table is a daily partition.
   * `WriteMode.overwritePartition()` then replaces this column's `{{ds}}` rows (delete, then
   * insert, in one transaction), and warehouse checks of the table read only those rows. It must
   * be in the loaded dataset's schema, when one is declared, as a date or a string `YYYY-MM-DD`.
   * @default - none: `overwritePartition()` replaces the rows of column `ds`, and warehouse checks of the table read all its rows
   */
  readonly dateColumn?: string;
}

/**
 * Loads a dataset into a warehouse table (Redshift COPY into staging, then MERGE or overwrite).
 * Its `output` is the loaded table, so that SQL tasks (marts) can read it as an input.
 */
export class WarehouseSink extends Sink {
  /** The loaded table, once the load has run: give it to a SqlTask's `inputs` to read the table. */
  public readonly output: Dataset;
  /** Target table. */
  public readonly table: string;
  /** Write mode. */
  public readonly writeMode: WriteMode;
  /** The column of `table` holding the logical date, when declared. */
  public readonly dateColumn?: string;

  constructor(scope: Construct, id: string, props: WarehouseSinkProps) {
    super(scope, id, props);
    const fail: Fail = (c, p, f) => this._fail(c, p, f);
    if (props.writeMode.mode === 'merge' && (props.writeMode.settings.keys as string[]).length === 0) {
      fail('TRB106', 'merge keys are empty', "name the key columns, for example WriteMode.merge(['order_id'])");
    }
    this.addInput(props.input);
    this.table = props.table;
    this.writeMode = props.writeMode;
    this.dateColumn = props.dateColumn;
    this.output = new Dataset(this, `warehouse://${props.table}`, {
      schema: props.input.schema,
      format: DataFormat.WAREHOUSE_TABLE,
      estimatedSize: props.input.estimatedSize,
      dateColumn: props.dateColumn,
    } as DatasetOptions);
  }

  /** @internal */
  public _describe(): NodeDescription {
    const overwrite = this.writeMode.mode === 'overwrite_partition';
    // The partition a day's load replaces: the mode's column, else the table's date column, else ds.
    const partition = overwrite ? String(this.writeMode.settings.column ?? this.dateColumn ?? 'ds') : undefined;
    const settings = partition === undefined ? this.writeMode.settings : { ...this.writeMode.settings, column: partition };
    return {
      type: 'WarehouseSink',
      engine: Engine.WAREHOUSE,
      properties: {
        table: this.table,
        writeMode: { mode: this.writeMode.mode, idempotent: this.writeMode.idempotent, ...settings },
      },
      requiredColumns: [
        ...this.writeMode._columns,
        ...namedRequirements(partition === undefined ? [] : [partition], 'partition column'),
        ...namedRequirements(this.dateColumn === undefined || this.dateColumn === partition ? [] : [this.dateColumn], 'date column'),
      ],
    };
  }
}

registerSpec(WarehouseSink, {
  ...NODE_PROPS_SPEC,
  input: { ...DATASET, required: true },
  table: {
    kind: 'string', required: true, pattern: TABLE_NAME, maxLength: 384,
    shape: 'a table name', fix: "write it as schema.table, for example 'analytics.orders'",
  },
  writeMode: { kind: 'brand', name: 'WriteMode', brand: 'tributary.WriteMode', required: true, example: "WriteMode.merge(['order_id'])" },
  dateColumn: { ...COLUMN, fix: "name the column of the table that holds the logical date, for example 'ds'" },
} satisfies Spec);
