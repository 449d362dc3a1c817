import { Size } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import { Dataset, DataFormat } from '../core/dataset';
import { Engine } from '../core/engine';
import { NodeDescription, NodeProps } from '../core/node';
import { Fail, requireNonEmpty, requireTableName } from '../core/private/checks';
import { columnRequirements } from '../core/private/columns';
import type { Column, Schema } from '../core/schema';
import { Task } from '../core/task';

/** Props of a SqlTask. */
export interface SqlTaskProps extends NodeProps {
  /** SQL run in the warehouse; `{{ds}}` stands for the logical date. It must write only `{{ds}}`'s rows of `table`. */
  readonly sql: string;
  /** Datasets the SQL reads (warehouse tables, or lake data through external tables). */
  readonly inputs: Dataset[];
  /** Table the SQL writes: `marts.daily_revenue`. */
  readonly table: string;
  /**
   * Columns of `table`.
   * @default - unknown: column checks against it are skipped
   */
  readonly schema?: Schema;
  /**
   * Size of one day's rows of `table`.
   * @default - unknown; treated as small
   */
  readonly estimatedSize?: Size;
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
  private readonly requiredColumns: Column[];

  constructor(scope: Construct, id: string, props: SqlTaskProps) {
    super(scope, id, props);
    const fail: Fail = (c, p, f) => this._fail(c, p, f);
    requireNonEmpty(fail, 'inputs', props.inputs, '`inputs: [orders.output]`');
    if (props.sql.trim().length === 0) fail('TRB106', 'sql is empty', 'give the SQL that writes the day\'s rows of `table`');
    requireTableName(fail, props.table, 'marts.daily_revenue');
    props.inputs.forEach((d) => this.addInput(d));
    this.sql = props.sql;
    this.table = props.table;
    this.requiredColumns = [...(props.requiredColumns ?? [])];
    this.output = new Dataset(this, `warehouse://${props.table}`, {
      schema: props.schema,
      format: DataFormat.WAREHOUSE_TABLE,
      estimatedSize: props.estimatedSize,
    });
  }

  /** @internal */
  public _describe(): NodeDescription {
    return {
      type: 'SqlTask',
      engine: Engine.WAREHOUSE,
      properties: { sql: this.sql, table: this.table },
      requiredColumns: columnRequirements(this.requiredColumns, 'required column'),
    };
  }
}
