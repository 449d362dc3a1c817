import { checkArgument, failAt } from './private/props';
import { COLUMN_SPEC } from './private/specs';
import { quote } from './private/text';

const COLUMN_TYPE_SYMBOL = Symbol.for('tributary.ColumnType');
const SCHEMA_SYMBOL = Symbol.for('tributary.Schema');

/** The logical type of a column, mapped by each target to its own type names. */
export class ColumnType {
  public static readonly STRING = new ColumnType('string');
  public static readonly BOOLEAN = new ColumnType('boolean');
  public static readonly INT = new ColumnType('int');
  public static readonly BIGINT = new ColumnType('bigint');
  public static readonly DOUBLE = new ColumnType('double');
  public static readonly DATE = new ColumnType('date');
  public static readonly TIMESTAMP = new ColumnType('timestamp');
  public static readonly JSON = new ColumnType('json');

  /** A fixed-point number, such as `decimal(18,2)` for money. */
  public static decimal(precision: number, scale: number): ColumnType {
    checkArgument('ColumnType.decimal', 'precision', precision, { kind: 'number', integer: true, min: 1, max: 38 });
    checkArgument('ColumnType.decimal', 'scale', scale, { kind: 'number', integer: true, min: 0, max: precision });
    return new ColumnType(`decimal(${precision},${scale})`);
  }

  /** True if `x` is a ColumnType, across copies of this library. */
  public static isColumnType(x: unknown): x is ColumnType {
    return x !== null && typeof x === 'object' && COLUMN_TYPE_SYMBOL in x;
  }

  /** The type's name, such as `bigint` or `decimal(18,2)`. */
  public readonly name: string;

  private constructor(name: string) {
    this.name = name;
    Object.defineProperty(this, COLUMN_TYPE_SYMBOL, { value: true });
  }

  /** The type's name. */
  public toString(): string {
    return this.name;
  }
}

/** One column of a schema. */
export interface Column {
  /** Column name, as it appears in the data. */
  readonly name: string;
  /** Logical type. */
  readonly type: ColumnType;
  /**
   * Whether the column may hold nulls.
   * @default true
   */
  readonly nullable?: boolean;
  /**
   * What the column means, for the catalog and the generated docs.
   * @default - no description
   */
  readonly description?: string;
}

/** The columns of a dataset, in order. Names are unique. */
export class Schema {
  /** A schema with these columns, in this order. */
  public static of(columns: Column[]): Schema {
    checkArgument('Schema.of', 'columns', columns, { kind: 'array', of: COLUMN_SPEC, example: "[{ name: 'order_id', type: ColumnType.BIGINT }]" });
    return new Schema(columns);
  }

  /** True if `x` is a Schema, across copies of this library. */
  public static isSchema(x: unknown): x is Schema {
    return x !== null && typeof x === 'object' && SCHEMA_SYMBOL in x;
  }

  /** The columns, in declaration order. */
  public readonly columns: Column[];

  private constructor(columns: Column[]) {
    const seen = new Set<string>();
    for (const column of columns) {
      // Redshift and Spark compare column names without case, so `Amount` and `amount` are one column.
      if (seen.has(column.name.toLowerCase())) {
        failAt('Schema.of')('TRB125', `column ${quote(column.name)} appears twice in the schema (names are compared without case, as Redshift and Spark do)`,
          'give each column a name of its own');
      }
      seen.add(column.name.toLowerCase());
    }
    this.columns = columns.map((c) => ({ name: c.name, type: c.type, nullable: c.nullable ?? true, description: c.description }));
    Object.defineProperty(this, SCHEMA_SYMBOL, { value: true });
  }

  /** The names of the columns, in order. */
  public get columnNames(): string[] {
    return this.columns.map((c) => c.name);
  }

  /** The column with this name, or undefined. */
  public findColumn(name: string): Column | undefined {
    return this.columns.find((c) => c.name === name);
  }
}
