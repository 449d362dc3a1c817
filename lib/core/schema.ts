const COLUMN_TYPE_SYMBOL = Symbol.for('tributary.ColumnType');

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
    if (!Number.isInteger(precision) || !Number.isInteger(scale) || precision < 1 || precision > 38 || scale < 0 || scale > precision) {
      throw new Error(`decimal(${precision},${scale}) is not a valid decimal type: precision must be 1..38 and scale 0..precision`);
    }
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
    return new Schema(columns);
  }

  /** The columns, in declaration order. */
  public readonly columns: Column[];

  private constructor(columns: Column[]) {
    const seen = new Set<string>();
    for (const column of columns) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(column.name)) {
        throw new Error(`Column name '${column.name}' is not a valid identifier: use letters, digits and '_', not starting with a digit`);
      }
      // Redshift and Spark compare column names without case, so `Amount` and `amount` are one column.
      if (seen.has(column.name.toLowerCase())) {
        throw new Error(`Column '${column.name}' appears twice in the schema (names are compared without case, as Redshift and Spark do)`);
      }
      seen.add(column.name.toLowerCase());
    }
    this.columns = columns.map((c) => ({ ...c, nullable: c.nullable ?? true }));
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
