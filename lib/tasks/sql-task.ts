import { Size } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import { Dataset, DataFormat, DatasetOptions, OutputOptions } from '../core/dataset';
import { Engine } from '../core/engine';
import { NodeDescription, NodeProps } from '../core/node';
import { Fail, Spec, registerSpec } from '../core/private/props';
import { COLUMN, COLUMN_SPEC, DATASET, NODE_PROPS_SPEC, OUTPUT_OPTIONS_SPEC, TABLE_NAME, oneOf } from '../core/private/specs';
import { columnRequirements, namedRequirements } from '../core/private/columns';
import type { Column, Schema } from '../core/schema';
import { Task } from '../core/task';

/** Props of a SqlTask. */
export interface SqlTaskProps extends NodeProps {
  /** SQL run in the warehouse; `{{ds}}` stands for the logical date. It must write only `{{ds}}`'s rows of `table`. */
  readonly sql: string;
  /**
   * Datasets of this workflow the SQL reads (warehouse tables, or lake data through external tables).
   * Give `inputs`, `reads` or both.
   * @default - none: the SQL reads only the tables named in `reads`
   */
  readonly inputs?: Dataset[];
  /**
   * Existing warehouse tables the SQL reads that no node of this workflow produces
   * (`dims.currency`), recorded in the graph for lineage. Give `inputs`, `reads` or both.
   * @default - none
   */
  readonly reads?: string[];
  /** Table the SQL writes: `marts.daily_revenue`. */
  readonly table: string;
  /**
   * The column of `table` that holds the logical date (`ds`, `order_date`): the table is a daily
   * partition, and warehouse checks of it read only the rows of the run's `{{ds}}`, so that a
   * check sees the day the SQL wrote. It must be in the table's schema, when one is declared, as a
   * date or a string `YYYY-MM-DD`.
   * @default - none: warehouse checks of the table read all its rows
   */
  readonly dateColumn?: string;
  /**
   * Columns of `table`.
   * @default - unknown: column checks against it are skipped
   * @deprecated use `output: { schema }`, which every producing node accepts
   */
  readonly schema?: Schema;
  /**
   * Size of one day's rows of `table`.
   * @default - unknown; treated as small
   * @deprecated use `output: { estimatedSize }`, which every producing node accepts
   */
  readonly estimatedSize?: Size;
  /**
   * Columns and daily size of `table`.
   * @default - schema unknown, size unknown (treated as small)
   */
  readonly output?: OutputOptions;
  /**
   * Columns the SQL reads from its inputs; checked against the input schemas at synth.
   * @default - no check
   */
  readonly requiredColumns?: Column[];
}

/** SQL run in the data warehouse (Amazon Redshift), writing one table's rows for the logical date. */
export class SqlTask extends Task {
  /** The table written. */
  public readonly output: Dataset;
  /** The SQL text. */
  public readonly sql: string;
  /** Table written. */
  public readonly table: string;
  /** Existing warehouse tables read that no node of the workflow produces. */
  public readonly reads: string[];
  /** The column of `table` holding the logical date, when declared. */
  public readonly dateColumn?: string;
  private readonly requiredColumns: Column[];

  constructor(scope: Construct, id: string, props: SqlTaskProps) {
    super(scope, id, props);
    const fail: Fail = (c, p, f) => this._fail(c, p, f);
    if ((props.inputs ?? []).length === 0 && (props.reads ?? []).length === 0) {
      fail('TRB106', 'inputs and reads are both empty', "give the datasets the SQL reads as inputs (`inputs: [orders.output]`), or the existing tables it reads as reads (`reads: ['dims.currency']`)");
    }
    if ((props.reads ?? []).some((t) => t.toLowerCase() === props.table.toLowerCase())) {
      fail('TRB104', `table '${props.table}' is also in reads`, 'a task that reads the table it writes depends on its own previous run: read an input dataset instead');
    }
    (props.inputs ?? []).forEach((d) => this.addInput(d));
    this.sql = props.sql;
    this.table = props.table;
    this.reads = [...new Set(props.reads ?? [])];
    this.requiredColumns = [...(props.requiredColumns ?? [])];
    this.dateColumn = props.dateColumn;
    this.output = new Dataset(this, `warehouse://${props.table}`, {
      schema: oneOf(fail, 'schema', props.schema, props.output?.schema),
      format: DataFormat.WAREHOUSE_TABLE,
      estimatedSize: oneOf(fail, 'estimatedSize', props.estimatedSize, props.output?.estimatedSize),
      dateColumn: props.dateColumn,
    } as DatasetOptions);
  }

  /** @internal */
  public _describe(): NodeDescription {
    return {
      type: 'SqlTask',
      engine: Engine.WAREHOUSE,
      properties: { sql: this.sql, table: this.table, reads: this.reads.length > 0 ? [...this.reads].sort() : undefined },
      requiredColumns: [
        ...columnRequirements(this.requiredColumns, 'required column'),
        ...namedRequirements(this.dateColumn === undefined ? [] : [this.dateColumn], 'date column').map((r) => ({ ...r, dataset: this.nodeId })),
      ],
    };
  }
}

registerSpec(SqlTask, {
  ...NODE_PROPS_SPEC,
  sql: { kind: 'string', required: true, nonEmpty: true, maxLength: 100000, fix: "give the SQL that writes the day's rows of `table`" },
  inputs: { kind: 'array', of: DATASET, example: '`inputs: [orders.output]`' },
  reads: { kind: 'array', of: { kind: 'string', pattern: TABLE_NAME, shape: 'a table name', fix: "write each as schema.table, for example 'dims.currency'" } },
  table: {
    kind: 'string', required: true, pattern: TABLE_NAME, maxLength: 384,
    shape: 'a table name', fix: "write it as schema.table, for example 'marts.daily_revenue'",
  },
  dateColumn: { ...COLUMN, fix: "name the column of the table that holds the logical date, for example 'ds'" },
  schema: OUTPUT_OPTIONS_SPEC.schema,
  estimatedSize: OUTPUT_OPTIONS_SPEC.estimatedSize,
  output: { kind: 'struct', name: 'OutputOptions', props: OUTPUT_OPTIONS_SPEC },
  requiredColumns: { kind: 'array', of: COLUMN_SPEC },
} satisfies Spec);
