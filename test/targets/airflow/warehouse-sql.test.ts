import { checkStatement, customSql, loadStatements, quoteIdentifier, sqlString, warehouseTable } from '../../../lib/targets/airflow/warehouse-sql';
import { graphNode } from '../../fixtures';
import { ThrowawayPostgres } from './postgres';

const sink = (writeMode: Record<string, unknown>) => graphNode('load', { type: 'WarehouseSink', properties: { table: 'analytics.orders', writeMode } });
const files = { id: 'enrich', location: "s3://lake/o'k/ds={{ds}}/", format: 'parquet' };

test('identifiers are double-quoted part by part, and literals escape quotes and backslashes', () => {
  // THEN
  expect(quoteIdentifier('marts.daily "x"')).toBe('"marts"."daily ""x"""');
  expect(sqlString("it's a \\ back")).toBe("'it''s a \\\\ back'");
});

test('a warehouse location names its table; other locations name none', () => {
  // THEN
  expect(warehouseTable({ id: 'a', location: 'warehouse://marts.t', format: 'warehouse_table' })).toBe('marts.t');
  expect(warehouseTable(files)).toBeUndefined();
});

test('a merge load copies the day into a staging table, deletes the rows with the same keys, then inserts', () => {
  // THEN
  expect(loadStatements(sink({ mode: 'merge', keys: ['order_id', 'ds'] }), files)).toEqual([
    'CREATE TEMP TABLE "tributary_stage" (LIKE "analytics"."orders")',
    `COPY "tributary_stage" FROM 's3://lake/o''k/ds={{ds}}/' IAM_ROLE default FORMAT AS PARQUET`,
    'DELETE FROM "analytics"."orders" USING "tributary_stage" WHERE "analytics"."orders"."order_id" = "tributary_stage"."order_id" AND "analytics"."orders"."ds" = "tributary_stage"."ds"',
    'INSERT INTO "analytics"."orders" SELECT * FROM "tributary_stage"',
  ]);
});

test("a partition overwrite deletes the run's ds partition first; replace empties the table; append only inserts", () => {
  // THEN
  expect(loadStatements(sink({ mode: 'overwrite_partition', column: 'ds' }), files)[2]).toBe(`DELETE FROM "analytics"."orders" WHERE "ds" = '{{ds}}'`);
  expect(loadStatements(sink({ mode: 'replace_table' }), files)[2]).toBe('DELETE FROM "analytics"."orders"');
  expect(loadStatements(sink({ mode: 'append' }), files).slice(2)).toEqual(['INSERT INTO "analytics"."orders" SELECT * FROM "tributary_stage"']);
});

test('a load of a warehouse table reads the table itself, without COPY; JSON lines and CSV files are copied in their format', () => {
  // THEN
  expect(loadStatements(sink({ mode: 'append' }), { id: 's', location: 'warehouse://marts.s', format: 'warehouse_table' }))
    .toEqual(['INSERT INTO "analytics"."orders" SELECT * FROM "marts"."s"']);
  expect(loadStatements(sink({ mode: 'append' }), { ...files, format: 'jsonl' })[1]).toMatch(/FORMAT AS JSON 'auto'$/);
  expect(loadStatements(sink({ mode: 'append' }), { ...files, format: 'csv' })[1]).toMatch(/FORMAT AS CSV IGNOREHEADER 1$/);
  expect(() => loadStatements(sink({ mode: 'upsert' }), files)).toThrow(/write mode 'upsert'/);
});

test("custom SQL has {{table}} replaced by the audited table and loses its final semicolon", () => {
  // THEN
  expect(customSql('SELECT * FROM {{table}} WHERE x < 0 ;\n', '"s"."t"')).toBe('SELECT * FROM "s"."t" WHERE x < 0');
});

test('a check statement raises an error naming the rule when an error-severity rule fails, and returns zeros when all pass', () => {
  // GIVEN a database with a good table and a bad one (a null, a duplicate, too few rows, stale, a negative amount)
  const db = new ThrowawayPostgres();
  const check = (severity: string) => graphNode('check', {
    type: 'QualityCheck',
    properties: {
      severity,
      rules: [
        { rule: 'not_null', columns: ['id', 'amount'] },
        { rule: 'unique', columns: ['id'] },
        { rule: 'row_count_at_least', minRows: 3 },
        { rule: 'freshness', column: 'updated_at', maxAgeSeconds: 86400 },
        { rule: 'custom_sql', name: "no 'negative' amounts", sql: 'SELECT * FROM {{table}} WHERE amount < 0;' },
      ],
    },
  });
  try {
    db.execute([
      // Redshift's GETDATE(), for PostgreSQL.
      "CREATE FUNCTION getdate() RETURNS timestamp AS 'SELECT now()::timestamp' LANGUAGE sql",
      'CREATE SCHEMA s',
      'CREATE TABLE s.good (id int, amount int, updated_at timestamp)',
      "INSERT INTO s.good VALUES (1, 5, now()), (2, 6, now()), (3, 7, now())",
      'CREATE TABLE s.bad (id int, amount int, updated_at timestamp)',
      "INSERT INTO s.bad VALUES (1, null, now() - interval '3 days'), (1, -4, now() - interval '3 days')",
    ]);

    // WHEN
    const good = db.execute([checkStatement(check('error'), 's.good')]);
    const bad = db.execute([checkStatement(check('error'), 's.bad')]);
    const warn = db.execute([checkStatement(check('warning'), 's.bad')]);

    // THEN the good table passes: every rule column is 0
    expect(good).not.toContain('ERROR');
    expect(good.match(/rule_\d = "0"/g)).toHaveLength(5);
    // AND the bad table fails the statement with the first failing rule in the message
    expect(bad).toContain('ERROR:  invalid input syntax for type integer: "tributary quality check failed: not_null(id, amount): 1 failing"');
    // AND a warning-severity check reports the counts without failing
    expect(warn).not.toContain('ERROR');
    expect(warn).toMatch(/rule_1 = "1"[\s\S]*rule_2 = "1"[\s\S]*rule_3 = "1"[\s\S]*rule_4 = "1"[\s\S]*rule_5 = "1"/);
  } finally {
    db.dispose();
  }
});
