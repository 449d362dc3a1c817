import { Column, ColumnType, Schema } from '../../lib';

test('a schema keeps its columns in declaration order', () => {
  // WHEN
  const schema = Schema.of([
    { name: 'b', type: ColumnType.STRING },
    { name: 'a', type: ColumnType.INT },
    { name: 'c', type: ColumnType.JSON },
  ]);

  // THEN
  expect(schema.columnNames).toEqual(['b', 'a', 'c']);
});

test('columns are nullable unless declared otherwise', () => {
  // WHEN
  const schema = Schema.of([
    { name: 'id', type: ColumnType.BIGINT, nullable: false },
    { name: 'note', type: ColumnType.STRING },
    { name: 'flag', type: ColumnType.BOOLEAN, nullable: true },
  ]);

  // THEN
  expect(schema.columns.map((c) => [c.name, c.nullable])).toEqual([['id', false], ['note', true], ['flag', true]]);
});

test('a schema copies its columns, leaving the caller\'s objects as they were', () => {
  // GIVEN
  const column: Column = { name: 'note', type: ColumnType.STRING, description: 'free text' };

  // WHEN
  const schema = Schema.of([column]);

  // THEN
  expect(column).toEqual({ name: 'note', type: ColumnType.STRING, description: 'free text' });
  expect(schema.columns[0]).toEqual({ name: 'note', type: ColumnType.STRING, description: 'free text', nullable: true });
});

test('findColumn returns the column with that name, or undefined', () => {
  // GIVEN
  const schema = Schema.of([{ name: 'order_id', type: ColumnType.BIGINT }]);

  // THEN
  expect(schema.findColumn('order_id')?.type).toBe(ColumnType.BIGINT);
  expect(schema.findColumn('ORDER_ID')).toBeUndefined();
  expect(schema.findColumn('missing')).toBeUndefined();
});

test('a column name that appears twice is refused', () => {
  // THEN
  expect(() => Schema.of([
    { name: 'id', type: ColumnType.BIGINT },
    { name: 'id', type: ColumnType.STRING },
  ])).toThrow("TRB125 [Schema.of] (test/core/schema.test.ts:51:23) column 'id' appears twice in the schema");
});

test.each(['1st', 'order-id', 'order id', '', 'amount$', 'é'])('column name %p is refused as an invalid identifier', (name) => {
  // THEN
  expect(() => Schema.of([{ name, type: ColumnType.STRING }])).toThrow(`columns[0].name '${name}' is not a column name`);
});

test('names of letters, digits and underscores not starting with a digit are accepted', () => {
  // WHEN
  const schema = Schema.of([
    { name: '_loaded_at', type: ColumnType.TIMESTAMP },
    { name: 'A1', type: ColumnType.INT },
    { name: 'x', type: ColumnType.DOUBLE },
  ]);

  // THEN
  expect(schema.columnNames).toEqual(['_loaded_at', 'A1', 'x']);
});

test('an empty schema has no columns', () => {
  // THEN
  expect(Schema.of([]).columns).toEqual([]);
});

test('column types are named as the targets expect', () => {
  // THEN
  expect([
    ColumnType.STRING, ColumnType.BOOLEAN, ColumnType.INT, ColumnType.BIGINT,
    ColumnType.DOUBLE, ColumnType.DATE, ColumnType.TIMESTAMP, ColumnType.JSON,
  ].map((t) => t.name)).toEqual(['string', 'boolean', 'int', 'bigint', 'double', 'date', 'timestamp', 'json']);
  expect(`${ColumnType.BIGINT}`).toBe('bigint');
});

test('decimal is named with its precision and scale', () => {
  // THEN
  expect(ColumnType.decimal(18, 2).name).toBe('decimal(18,2)');
  expect(ColumnType.decimal(18, 2).toString()).toBe('decimal(18,2)');
});

test('decimal accepts precision 1 to 38 and scale 0 to precision', () => {
  // THEN
  expect(ColumnType.decimal(1, 0).name).toBe('decimal(1,0)');
  expect(ColumnType.decimal(38, 38).name).toBe('decimal(38,38)');
  expect(ColumnType.decimal(10, 10).name).toBe('decimal(10,10)');
});

test.each([
  [0, 0], [39, 2], [10, 11], [10, -1], [18.5, 2], [18, 2.5], [Number.NaN, 2],
])('decimal(%p, %p) is refused', (precision, scale) => {
  // THEN
  expect(() => ColumnType.decimal(precision, scale)).toThrow(/^TRB104 \[ColumnType\.decimal\] \(test\/core\/schema\.test\.ts:\d+:\d+\) (precision|scale) is /);
});

test('isColumnType is true for column types and false for their names', () => {
  // THEN
  expect(ColumnType.isColumnType(ColumnType.STRING)).toBe(true);
  expect(ColumnType.isColumnType(ColumnType.decimal(10, 2))).toBe(true);
  expect(ColumnType.isColumnType('string')).toBe(false);
  expect(ColumnType.isColumnType({ name: 'string' })).toBe(false);
  expect(ColumnType.isColumnType(null)).toBe(false);
});

test('column names that differ only in case are refused, as Redshift and Spark treat them as one', () => {
  // THEN
  expect(() => Schema.of([
    { name: 'amount', type: ColumnType.DOUBLE },
    { name: 'Amount', type: ColumnType.DOUBLE },
  ])).toThrow("column 'Amount' appears twice in the schema (names are compared without case, as Redshift and Spark do)");
});
