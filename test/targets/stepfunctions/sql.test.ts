import { copyFormat, qualityRuleSql, quoteIdentifier, quoteLiteral, quoteTable, splitStatements, warehouseLoadSql } from '../../../lib/targets/stepfunctions/sql';

test('identifiers are double-quoted with embedded quotes doubled, tables per part', () => {
  expect(quoteIdentifier('order "id"')).toBe('"order ""id"""');
  expect(quoteTable('marts.daily_revenue')).toBe('"marts"."daily_revenue"');
});

test('literals are single-quoted with quotes and backslashes doubled', () => {
  expect(quoteLiteral("it's \\ done")).toBe("'it''s \\\\ done'");
});

test('each quality rule is one statement that returns 1 or fails by casting its message to an integer', () => {
  // WHEN
  const rules = [
    qualityRuleSql('marts.t', { rule: 'not_null', columns: ['a', 'b'] }, 'q'),
    qualityRuleSql('marts.t', { rule: 'unique', columns: ['a'] }, 'q'),
    qualityRuleSql('marts.t', { rule: 'row_count_at_least', minRows: 1000 }, 'q'),
    qualityRuleSql('marts.t', { rule: 'freshness', column: 'updated_at', maxAgeSeconds: 3600 }, 'q'),
    qualityRuleSql('marts.t', { rule: 'custom_sql', name: 'no_negative', sql: 'SELECT id FROM {{table}} WHERE amount < 0;' }, 'q'),
  ];

  // THEN
  expect(rules).toEqual([
    `SELECT CASE WHEN COUNT(*) = 0 THEN 1 ELSE CAST('Tributary quality check q failed: null in a, b on marts.t' AS INTEGER) END FROM "marts"."t" WHERE "a" IS NULL OR "b" IS NULL`,
    `SELECT CASE WHEN COUNT(*) = 0 THEN 1 ELSE CAST('Tributary quality check q failed: duplicate a on marts.t' AS INTEGER) END FROM (SELECT "a" FROM "marts"."t" GROUP BY "a" HAVING COUNT(*) > 1) AS duplicates`,
    `SELECT CASE WHEN COUNT(*) >= 1000 THEN 1 ELSE CAST('Tributary quality check q failed: fewer than 1000 rows on marts.t' AS INTEGER) END FROM "marts"."t"`,
    `SELECT CASE WHEN MAX("updated_at") >= DATEADD(second, -3600, CAST('{{next_ds}}' AS TIMESTAMP)) THEN 1 ELSE CAST('Tributary quality check q failed: updated_at older than 3600 s on marts.t' AS INTEGER) END FROM "marts"."t"`,
    `SELECT CASE WHEN COUNT(*) = 0 THEN 1 ELSE CAST('Tributary quality check q failed: rule no_negative found rows on marts.t' AS INTEGER) END FROM (SELECT id FROM "marts"."t" WHERE amount < 0) AS violations`,
  ]);
});

test('a quote in a column name or a rule name cannot end the generated literal or identifier', () => {
  // WHEN
  const sql = qualityRuleSql('marts.t', { rule: 'not_null', columns: [`x" OR 1=1; --`] }, "q'; DROP TABLE t; --");

  // THEN the only statement end is inside the quoted parts
  expect(splitStatements(sql)).toHaveLength(1);
  expect(sql).toContain(`"x"" OR 1=1; --"`);
  expect(sql).toContain(`'Tributary quality check q''; DROP TABLE t; --`);
});

test('a merge load copies into a staging table and merges on the keys, in one batch', () => {
  expect(warehouseLoadSql('analytics.orders', { kind: 's3', location: 's3://lake/orders/ds={{ds}}/', format: 'parquet' }, { mode: 'merge', keys: ['order_id'] })).toEqual([
    'CREATE TEMP TABLE "stage_analytics_orders" (LIKE "analytics"."orders")',
    `COPY "stage_analytics_orders" FROM 's3://lake/orders/ds={{ds}}/' IAM_ROLE default FORMAT AS PARQUET`,
    'MERGE INTO "analytics"."orders" USING "stage_analytics_orders" ON "analytics"."orders"."order_id" = "stage_analytics_orders"."order_id" REMOVE DUPLICATES',
    'DROP TABLE "stage_analytics_orders"',
  ]);
});

test('an overwrite_partition load deletes the day then copies; replace_table deletes everything then copies', () => {
  expect(warehouseLoadSql('a.s', { kind: 's3', location: 's3://l/s/ds={{ds}}/', format: 'jsonl' }, { mode: 'overwrite_partition', column: 'ds' })).toEqual([
    `DELETE FROM "a"."s" WHERE "ds" = '{{ds}}'`,
    `COPY "a"."s" FROM 's3://l/s/ds={{ds}}/' IAM_ROLE default FORMAT AS JSON 'auto'`,
  ]);
  expect(warehouseLoadSql('a.s', { kind: 's3', location: 's3://l/s/', format: 'csv' }, { mode: 'replace_table' })).toEqual(['DELETE FROM "a"."s"', `COPY "a"."s" FROM 's3://l/s/' IAM_ROLE default FORMAT AS CSV IGNOREHEADER 1`]);
});

test('a load from a warehouse table inserts from it, or merges from it, without COPY', () => {
  expect(warehouseLoadSql('r.t', { kind: 'table', table: 'marts.daily' }, { mode: 'merge', keys: ['id'] })).toEqual(['MERGE INTO "r"."t" USING "marts"."daily" ON "r"."t"."id" = "marts"."daily"."id" REMOVE DUPLICATES']);
  expect(warehouseLoadSql('r.t', { kind: 'table', table: 'marts.daily' }, { mode: 'overwrite_partition', column: 'ds' })).toEqual([
    `DELETE FROM "r"."t" WHERE "ds" = '{{ds}}'`,
    `INSERT INTO "r"."t" SELECT * FROM "marts"."daily" WHERE "ds" = '{{ds}}'`,
  ]);
  expect(warehouseLoadSql('r.t', { kind: 'table', table: 'marts.daily' }, { mode: 'replace_table' })).toEqual(['DELETE FROM "r"."t"', 'INSERT INTO "r"."t" SELECT * FROM "marts"."daily"']);
});

test('COPY refuses a format it cannot read', () => {
  expect(() => copyFormat('warehouse_table')).toThrow(/cannot read/);
});

test('statements split at top-level semicolons only', () => {
  expect(splitStatements(`DELETE FROM t WHERE a = ';';\nINSERT INTO "x;y" SELECT $$;$$ -- ; comment\n; /* ; */ SELECT 1;;`)).toEqual([
    "DELETE FROM t WHERE a = ';'",
    'INSERT INTO "x;y" SELECT $$;$$ -- ; comment',
    '/* ; */ SELECT 1',
  ]);
});
