import { DataFormat } from '../dataset';
import type { Check, Fail, Spec } from './props';

/** Specs shared by several props interfaces; each interface's own spec sits beside it. */

/** The checks of the props every node accepts; each node kind's spec spreads them. */
export const NODE_PROPS_SPEC: Spec = {
  description: { kind: 'string', maxLength: 4096 },
  retries: { kind: 'number', integer: true, min: 0, max: 10, rangeCode: 'TRB101' },
  timeout: { kind: 'duration', minSeconds: 1, example: 'Duration.hours(1)' },
  expectedDuration: { kind: 'duration', minSeconds: 1, example: 'Duration.minutes(20)' },
};
/** A column name: letters, digits and `_`, not starting with a digit. */
export const COLUMN_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,126}$/;

/** The checks of one Column. */
export const COLUMN_SPEC: Check = {
  kind: 'struct', name: 'Column', example: "{ name: 'order_id', type: ColumnType.BIGINT }", props: {
    name: { kind: 'string', required: true, pattern: COLUMN_NAME, rangeCode: 'TRB125', shape: "a column name (letters, digits and '_', not starting with a digit, at most 127 characters)", example: "'order_id'" },
    type: { kind: 'brand', name: 'ColumnType', brand: 'tributary.ColumnType', required: true, example: 'ColumnType.BIGINT' },
    nullable: { kind: 'boolean' },
    description: { kind: 'string', maxLength: 4096 },
  },
};

/** The checks of OutputOptions. */
export const OUTPUT_OPTIONS_SPEC: Spec = {
  schema: { kind: 'brand', name: 'Schema', brand: 'tributary.Schema', example: "Schema.of([{ name: 'id', type: ColumnType.BIGINT }])" },
  estimatedSize: { kind: 'size', example: 'Size.gibibytes(20)' },
};

/** The checks of DatasetOptions. */
export const DATASET_OPTIONS_SPEC: Spec = {
  ...OUTPUT_OPTIONS_SPEC,
  location: { kind: 'string', nonEmpty: true, maxLength: 1024, example: "'s3://acme-lake/orders/ds={{ds}}/'" },
  format: { kind: 'enum', name: 'DataFormat', values: DataFormat as unknown as Record<string, string> },
};

/**
 * One of `output.<prop>` and the deprecated top-level `<prop>`: both at once is refused (TRB126),
 * so that a node never silently prefers one of two different values.
 */
export function oneOf<T>(fail: Fail, prop: string, topLevel: T | undefined, output: T | undefined): T | undefined {
  if (topLevel !== undefined && output !== undefined) {
    fail('TRB126', `${prop} is given twice: as ${prop} and as output.${prop}`, `keep output.${prop} and remove the top-level ${prop}`);
  }
  return output ?? topLevel;
}


/** A column name, as a string prop. */
export const COLUMN = { kind: 'string', nonEmpty: true, pattern: COLUMN_NAME, shape: 'a column name' } as const;
/** A non-empty list of column names. */
export const COLUMNS = { kind: 'array', of: COLUMN, minLength: 1, example: "['order_id']" } as const;
/** A Dataset prop (an input). */
export const DATASET = {
  kind: 'brand', name: 'Dataset', brand: 'tributary.Dataset', rangeCode: 'TRB102', example: 'orders.output',
  fix: "pass another node's `output` (for example `orders.output`)",
} as const;
/** A Secret prop. */
export const SECRET = { kind: 'brand', name: 'Secret', brand: 'tributary.Secret', example: "Secret.fromSecretsManager('prod/orders/reader')" } as const;
/** A warehouse table name: `table`, `schema.table` or `database.schema.table`. */
export const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*){0,2}$/;
