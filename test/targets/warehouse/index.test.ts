import type { GraphNode } from '../../../lib/model/graph';
import { WorkflowGraph } from '../../../lib/model/workflow-graph';
import {
  checkStatement, checkedDateColumn, checkedTable, copyFormat, customSql, loadStatements, loadedDataset, quoteIdentifier, quoteLiteral, quoteTable,
  splitStatements, warehouseStatements, warehouseTable,
} from '../../../lib/targets/warehouse';
import { graphNode, graphWorkflow } from '../../fixtures';
import { ThrowawayPostgres } from '../../support/postgres';

const sink = (writeMode: Record<string, unknown>) => graphNode('load', { type: 'WarehouseSink', properties: { table: 'analytics.orders', writeMode } });
const files = { id: 'enrich', location: "s3://lake/o'k/ds={{ds}}/", format: 'parquet' };
const table = (name: string) => ({ id: 'daily', location: `warehouse://${name}`, format: 'warehouse_table' });

/** `statements` with the run's dates in place of the placeholders, as an orchestrator fills them. */
const dated = (statements: string[]) => statements.map((s) => s.replace(/\{\{ds\}\}/g, '2026-03-01').replace(/\{\{next_ds\}\}/g, '2026-03-02'));

const check = (severity: string, rules: Array<Record<string, unknown>>) => graphNode('check', { type: 'QualityCheck', properties: { severity, rules } });
const ALL_RULES = [
  { rule: 'not_null', columns: ['id', 'amount'] },
  { rule: 'unique', columns: ['id'] },
  { rule: 'row_count_at_least', minRows: 3 },
  { rule: 'freshness', column: 'updated_at', maxAgeSeconds: 86400 },
  { rule: 'custom_sql', name: "no 'negative' amounts", sql: 'SELECT * FROM {{table}} WHERE amount < 0;' },
];

test('identifiers are double-quoted with embedded quotes doubled, tables part by part; literals double quotes and backslashes', () => {
  // THEN
  expect(quoteIdentifier('order "id".x')).toBe('"order ""id"".x"');
  expect(quoteTable('marts.daily "x"')).toBe('"marts"."daily ""x"""');
  expect(quoteLiteral("it's a \\ back")).toBe("'it''s a \\\\ back'");
});

test('a warehouse location names its table; other locations name none', () => {
  // THEN
  expect(warehouseTable('warehouse://marts.t')).toBe('marts.t');
  expect(warehouseTable(files.location)).toBeUndefined();
  expect(warehouseTable(undefined)).toBeUndefined();
});

test('a merge load of files copies the day into a staging table, deletes the rows with the same keys, then inserts', () => {
  // THEN
  expect(loadStatements(sink({ mode: 'merge', keys: ['order_id', 'ds'] }), files)).toEqual([
    'CREATE TEMP TABLE "tributary_stage" (LIKE "analytics"."orders")',
    `COPY "tributary_stage" FROM 's3://lake/o''k/ds={{ds}}/' IAM_ROLE default FORMAT AS PARQUET`,
    'DELETE FROM "analytics"."orders" USING "tributary_stage" WHERE "analytics"."orders"."order_id" = "tributary_stage"."order_id" AND "analytics"."orders"."ds" = "tributary_stage"."ds"',
    'INSERT INTO "analytics"."orders" SELECT * FROM "tributary_stage"',
  ]);
});

test("a partition overwrite of files deletes the run's ds partition then copies; replace empties the table then copies; append only copies", () => {
  // THEN
  expect(loadStatements(sink({ mode: 'overwrite_partition', column: 'ds' }), { ...files, format: 'jsonl' })).toEqual([
    `DELETE FROM "analytics"."orders" WHERE "ds" = '{{ds}}'`,
    `COPY "analytics"."orders" FROM 's3://lake/o''k/ds={{ds}}/' IAM_ROLE default FORMAT AS JSON 'auto'`,
  ]);
  expect(loadStatements(sink({ mode: 'replace_table' }), { ...files, format: 'csv' })).toEqual([
    'DELETE FROM "analytics"."orders"',
    `COPY "analytics"."orders" FROM 's3://lake/o''k/ds={{ds}}/' IAM_ROLE default FORMAT AS CSV IGNOREHEADER 1`,
  ]);
  expect(loadStatements(sink({ mode: 'append' }), files)).toEqual([`COPY "analytics"."orders" FROM 's3://lake/o''k/ds={{ds}}/' IAM_ROLE default FORMAT AS PARQUET`]);
  expect(() => loadStatements(sink({ mode: 'upsert' }), files)).toThrow(/write mode 'upsert'/);
  expect(() => copyFormat('warehouse_table')).toThrow(/cannot read/);
});

test('the loads of a warehouse table keep, replace, merge and add rows as their write modes say (PostgreSQL)', () => {
  // GIVEN a target table with days 02-28 and 03-01, and a source table with a changed 03-01 row, a new one and another day's row
  const db = new ThrowawayPostgres();
  const run = (mode: Record<string, unknown>) => db.execute([
    'DROP TABLE IF EXISTS analytics.orders',
    'CREATE TABLE analytics.orders (id int, amount int, ds text)',
    "INSERT INTO analytics.orders VALUES (1, 10, '2026-02-28'), (2, 20, '2026-03-01')",
    ...dated(loadStatements(sink(mode), table('marts.daily'))),
    "SELECT string_agg(id || ':' || amount || '@' || ds, ',' ORDER BY id, ds) AS rows FROM analytics.orders",
  ]);
  try {
    db.execute([
      'CREATE SCHEMA analytics', 'CREATE SCHEMA marts',
      'CREATE TABLE marts.daily (id int, amount int, ds text)',
      "INSERT INTO marts.daily VALUES (2, 21, '2026-03-01'), (3, 30, '2026-03-01'), (4, 40, '2026-03-02')",
    ]);

    // WHEN each write mode loads the source
    const rows = (mode: Record<string, unknown>) => {
      const log = run(mode);
      expect(log).not.toContain('ERROR');
      return /rows = "([^"]*)"/.exec(log)![1];
    };

    // THEN merge replaces rows by key and adds new ones; overwrite_partition replaces only the run's day
    expect(rows({ mode: 'merge', keys: ['id'] })).toBe('1:10@2026-02-28,2:21@2026-03-01,3:30@2026-03-01,4:40@2026-03-02');
    expect(rows({ mode: 'overwrite_partition', column: 'ds' })).toBe('1:10@2026-02-28,2:21@2026-03-01,3:30@2026-03-01');
    // AND replace_table keeps only the source's rows; append adds them all
    expect(rows({ mode: 'replace_table' })).toBe('2:21@2026-03-01,3:30@2026-03-01,4:40@2026-03-02');
    expect(rows({ mode: 'append' })).toBe('1:10@2026-02-28,2:20@2026-03-01,2:21@2026-03-01,3:30@2026-03-01,4:40@2026-03-02');
  } finally {
    db.dispose();
  }
});

test('custom SQL has {{table}} replaced by the audited table and loses its final semicolons', () => {
  // THEN
  expect(customSql('SELECT * FROM {{table}} WHERE x < 0 ;;\n', '"s"."t"')).toBe('SELECT * FROM "s"."t" WHERE x < 0');
});

test('a quote in a column, check or table name cannot end the generated literal or identifier', () => {
  // WHEN
  const hostile = graphNode("q'; DROP TABLE t; --", { type: 'QualityCheck', properties: { severity: 'error', rules: [{ rule: 'not_null', columns: ['x" OR 1=1; --'] }] } });
  const sql = checkStatement(hostile, "s.t'x");

  // THEN the statement is one statement, and the user strings sit inside their quotes
  expect(splitStatements(sql)).toHaveLength(1);
  expect(sql).toContain('"x"" OR 1=1; --" IS NULL');
  expect(sql).toContain(`'Tributary quality check q''; DROP TABLE t; -- failed: not_null(x" OR 1=1; --) on s.t''x: '`);
});

test('a check statement fails naming the check and the rule when an error-severity rule fails, and only reports counts at warning severity (PostgreSQL)', () => {
  // GIVEN a good table and a bad one (a null, a duplicate, too few rows, stale for the day, a negative amount)
  const db = new ThrowawayPostgres();
  try {
    db.execute([
      'CREATE SCHEMA s',
      'CREATE TABLE s.good (id int, amount int, updated_at timestamp)',
      "INSERT INTO s.good VALUES (1, 5, '2026-03-01 23:00'), (2, 6, '2026-03-01 12:00'), (3, 7, '2026-03-01 01:00')",
      'CREATE TABLE s.bad (id int, amount int, updated_at timestamp)',
      "INSERT INTO s.bad VALUES (1, null, '2026-02-27 00:00'), (1, -4, '2026-02-28 23:59')",
    ]);

    // WHEN
    const good = db.execute(dated([checkStatement(check('error', ALL_RULES), 's.good')]));
    const bad = db.execute(dated([checkStatement(check('error', ALL_RULES), 's.bad')]));
    const warn = db.execute(dated([checkStatement(check('warning', ALL_RULES), 's.bad')]));
    const stale = db.execute(dated([checkStatement(check('error', [ALL_RULES[3]]), 's.bad')]));

    // THEN the good table passes: every rule column is 0
    expect(good).not.toContain('ERROR');
    expect(good.match(/rule_\d = "0"/g)).toHaveLength(5);
    // AND the bad table fails the statement with the first failing rule in the message
    expect(bad).toContain('ERROR:  invalid input syntax for type integer: "Tributary quality check check failed: not_null(id, amount) on s.bad: 1 failing"');
    // AND freshness is measured from the end of the logical date
    expect(stale).toContain('failed: freshness(updated_at, 86400 s) on s.bad: 1 failing');
    // AND a warning-severity check reports the counts without failing
    expect(warn).not.toContain('ERROR');
    expect(warn).toMatch(/rule_1 = "1"[\s\S]*rule_2 = "1"[\s\S]*rule_3 = "1"[\s\S]*rule_4 = "1"[\s\S]*rule_5 = "1"/);
  } finally {
    db.dispose();
  }
});

test('a freshness age in fractions of a second is rounded up, and a row count must be a whole number', () => {
  // THEN
  expect(checkStatement(check('warning', [{ rule: 'freshness', column: 'u', maxAgeSeconds: 1.5 }]), 't')).toContain("INTERVAL '2 seconds'");
  expect(() => checkStatement(check('warning', [{ rule: 'row_count_at_least', minRows: 'x' }]), 't')).toThrow(/minRows must be a whole number/);
  expect(() => checkStatement(check('error', [{ rule: 'median' }]), 't')).toThrow(/rule 'median'/);
});

test('statements are split at top-level semicolons only and lose them; blank and comment-only statements are dropped', () => {
  // GIVEN
  const sql = `SELECT 'a;b', 'it''s;', 'back\\';slash' FROM "x;y" -- c;d\n/* e;f */ WHERE $$g;h$$ = $t$i;j$t$; SELECT 2;;\n-- done\n`;

  // THEN
  expect(splitStatements(sql)).toEqual([
    `SELECT 'a;b', 'it''s;', 'back\\';slash' FROM "x;y" -- c;d\n/* e;f */ WHERE $$g;h$$ = $t$i;j$t$`,
    'SELECT 2',
  ]);
  // AND an unterminated string or comment runs to the end as one statement
  expect(splitStatements("SELECT 'open; still")).toEqual(["SELECT 'open; still"]);
  expect(splitStatements('SELECT 1 /* open; still')).toEqual(['SELECT 1 /* open; still']);
});

test("a warehouse node's statements: a SqlTask's split SQL, a check's one statement on its audited table, a sink's load of its input", () => {
  // GIVEN a warehouse table built by SQL, checked, and loaded into another table; and a sink reading lake files
  const node = (id: string, props: Partial<GraphNode>) => graphNode(id, props);
  const graph = new WorkflowGraph({
    workflow: graphWorkflow(),
    nodes: [
      node('build', { type: 'SqlTask', properties: { sql: 'DELETE FROM marts.d; INSERT INTO marts.d SELECT 1;' }, output: table('marts.d') }),
      node('check', { type: 'QualityCheck', audits: 'build', inputs: ['build'], properties: { severity: 'error', rules: [{ rule: 'row_count_at_least', minRows: 1 }] } }),
      node('spark', { output: files }),
      node('copy', { type: 'WarehouseSink', inputs: ['build'], properties: { table: 'r.t', writeMode: { mode: 'append' } } }),
      node('lake', { type: 'WarehouseSink', inputs: ['spark'], properties: { table: 'r.u', writeMode: { mode: 'replace_table' } } }),
      node('orphan', { type: 'WarehouseSink', properties: { table: 'r.v' } }),
    ],
    edges: [],
  });

  // THEN
  expect(warehouseStatements(graph, graph.node('build'))).toEqual(['DELETE FROM marts.d', 'INSERT INTO marts.d SELECT 1']);
  expect(checkedTable(graph, graph.node('check'))).toBe('marts.d');
  expect(warehouseStatements(graph, graph.node('check'))).toEqual([checkStatement(graph.node('check'), 'marts.d')]);
  expect(warehouseStatements(graph, graph.node('copy'))).toEqual(['INSERT INTO "r"."t" SELECT * FROM "marts"."d"']);
  expect(loadedDataset(graph, graph.node('lake'))).toEqual(files);
  expect(warehouseStatements(graph, graph.node('lake'))[0]).toBe('DELETE FROM "r"."u"');
  // AND a sink with nothing to load, and a node with no warehouse SQL, are refused with the reason
  expect(() => warehouseStatements(graph, graph.node('orphan'))).toThrow(/reads neither a dataset in object storage nor a warehouse table/);
  expect(() => warehouseStatements(graph, graph.node('spark'))).toThrow(/has no warehouse SQL/);
});

test("with the table's date column, a check reads only the logical date's rows: other days' nulls, duplicates and counts do not count (PostgreSQL)", () => {
  // GIVEN a table whose 03-01 rows are good and whose 02-28 rows break every rule
  const db = new ThrowawayPostgres();
  try {
    db.execute([
      'CREATE SCHEMA s',
      'CREATE TABLE s.daily (id int, amount int, updated_at timestamp, ds date)',
      "INSERT INTO s.daily VALUES (1, 5, '2026-03-01 23:00', '2026-03-01'), (2, 6, '2026-03-01 12:00', '2026-03-01'), (3, 7, '2026-03-01 01:00', '2026-03-01')",
      "INSERT INTO s.daily VALUES (1, null, '2026-02-28 00:00', '2026-02-28'), (1, -4, '2026-02-28 23:59', '2026-02-28')",
    ]);

    // WHEN the check of the day runs, scoped to ds and not scoped
    const scoped = db.execute(dated([checkStatement(check('error', ALL_RULES), 's.daily', 'ds')]));
    const whole = db.execute(dated([checkStatement(check('error', ALL_RULES), 's.daily')]));
    const nextDay = db.execute(dated([checkStatement(check('error', [ALL_RULES[2]]), 's.daily', 'ds')]).map((sql) => sql.replace(/2026-03-01/g, '2026-03-02')));

    // THEN the day's rows pass every rule, custom SQL's {{table}} included
    expect(scoped).not.toContain('ERROR');
    expect(scoped.match(/rule_\d = "0"/g)).toHaveLength(5);
    // AND the whole table fails, as it did before the date column
    expect(whole).toContain('failed: not_null(id, amount) on s.daily: 1 failing');
    // AND a day without rows fails its row count, naming the day
    expect(nextDay).toContain('failed: row_count_at_least(3) on s.daily where ds = 2026-03-02: 1 failing');
  } finally {
    db.dispose();
  }
});

test("the check statement of a dated table selects the day once, in a WITH named for it, and stays one statement", () => {
  // WHEN
  const sql = checkStatement(check('error', [{ rule: 'custom_sql', name: 'n', sql: 'SELECT * FROM {{table}} t WHERE t.amount < 0' }]), 'marts.d', 'day"x');

  // THEN
  expect(sql.split('\n')[0]).toBe(`WITH "tributary_day" AS (SELECT * FROM "marts"."d" WHERE "day""x" = '{{ds}}')`);
  expect(sql).toContain('FROM (SELECT * FROM "tributary_day" t WHERE t.amount < 0) AS failures');
  expect(splitStatements(sql)).toHaveLength(1);
});

test("a check's statement uses the date column of the table it audits, through another check of it", () => {
  // GIVEN a dated table checked twice in a chain, and an undated one
  const graph = new WorkflowGraph({
    workflow: graphWorkflow(),
    nodes: [
      graphNode('build', { type: 'SqlTask', properties: { sql: 'SELECT 1' }, output: { ...table('marts.d'), dateColumn: 'ds' } }),
      graphNode('first', { type: 'QualityCheck', audits: 'build', inputs: ['build'], output: { ...table('marts.d'), id: 'first', dateColumn: 'ds' }, properties: { severity: 'error', rules: [{ rule: 'row_count_at_least', minRows: 1 }] } }),
      graphNode('second', { type: 'QualityCheck', audits: 'first', inputs: ['first'], properties: { severity: 'error', rules: [{ rule: 'row_count_at_least', minRows: 1 }] } }),
      graphNode('plain', { type: 'SqlTask', properties: { sql: 'SELECT 1' }, output: table('marts.p') }),
      graphNode('third', { type: 'QualityCheck', audits: 'plain', inputs: ['plain'], properties: { severity: 'error', rules: [{ rule: 'row_count_at_least', minRows: 1 }] } }),
    ],
    edges: [],
  });

  // THEN
  expect(['first', 'second', 'third'].map((id) => checkedDateColumn(graph, graph.node(id)))).toEqual(['ds', 'ds', undefined]);
  expect(warehouseStatements(graph, graph.node('second'))[0]).toMatch(/^WITH "tributary_day" AS \(SELECT \* FROM "marts"."d" WHERE "ds" = '\{\{ds\}\}'\)/);
  expect(warehouseStatements(graph, graph.node('third'))[0]).toMatch(/^SELECT\n/);
});
