import type { GraphDataset, GraphNode } from '../../model/graph';
import type { WorkflowGraph } from '../../model/workflow-graph';

/**
 * The Redshift SQL of warehouse loads and warehouse quality checks, shared by both orchestrator
 * targets so that a workflow runs the same statements under Step Functions and under Airflow.
 * Every identifier is quoted and every literal escaped; the date placeholders (`{{ds}}`, …) stay in
 * the text, for each orchestrator to resolve its own way.
 */

/** A quoted identifier: `"name"`, with `"` doubled. A dot is part of the name. */
export function quoteIdentifier(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}

/** A quoted, possibly schema-qualified table name: `marts.daily_revenue` → `"marts"."daily_revenue"`. */
export function quoteTable(table: string): string {
  return table.split('.').map(quoteIdentifier).join('.');
}

/** A string literal: `'text'`, with `'` doubled and `\` doubled (Redshift reads `\` as an escape in literals). */
export function quoteLiteral(text: string): string {
  return "'" + text.replace(/\\/g, '\\\\').replace(/'/g, "''") + "'";
}

/** The table a `warehouse://schema.table` location names, or undefined for other locations. */
export function warehouseTable(location: string | undefined): string | undefined {
  return location?.startsWith('warehouse://') ? location.slice('warehouse://'.length) : undefined;
}

/**
 * The statements a warehouse node runs, in order, with the date placeholders left in: a SqlTask's
 * SQL split into statements, a warehouse QualityCheck's one check statement, a WarehouseSink's load
 * (both lists run as one transaction). Throws, saying why, for a node that has no warehouse SQL.
 */
export function warehouseStatements(graph: WorkflowGraph, node: GraphNode): string[] {
  if (node.type === 'SqlTask') return splitStatements(String(node.properties.sql ?? ''));
  if (node.type === 'QualityCheck') {
    const table = checkedTable(graph, node);
    if (table === undefined) throw new Error(`warehouse check '${node.id}' checks no warehouse table`);
    return [checkStatement(node, table, checkedDateColumn(graph, node))];
  }
  if (node.type === 'WarehouseSink') {
    const dataset = loadedDataset(graph, node);
    if (dataset === undefined) throw new Error(`warehouse sink '${node.id}' reads neither a dataset in object storage nor a warehouse table`);
    return loadStatements(node, dataset);
  }
  throw new Error(`node '${node.id}' (${node.type}) has no warehouse SQL`);
}

/** The warehouse table a quality check audits (its audited node's, else its first input's, else its own output's), if any. */
export function checkedTable(graph: WorkflowGraph, node: GraphNode): string | undefined {
  const audited = node.audits ?? node.inputs[0];
  return warehouseTable(audited !== undefined && graph.hasNode(audited) ? graph.node(audited).output?.location : undefined) ?? warehouseTable(node.output?.location);
}

/** The date column of the warehouse table a quality check audits (found as `checkedTable` finds the table), when declared. */
export function checkedDateColumn(graph: WorkflowGraph, node: GraphNode): string | undefined {
  const audited = node.audits ?? node.inputs[0];
  const dataset = audited !== undefined && graph.hasNode(audited) && warehouseTable(graph.node(audited).output?.location) !== undefined
    ? graph.node(audited).output : node.output;
  return dataset?.dateColumn;
}

/** The dataset a warehouse sink loads: its first input stored in S3 or in the warehouse. */
export function loadedDataset(graph: WorkflowGraph, node: GraphNode): GraphDataset | undefined {
  for (const id of node.inputs) {
    const output = graph.hasNode(id) ? graph.node(id).output : undefined;
    if (output && (output.location.startsWith('s3://') || warehouseTable(output.location) !== undefined)) return output;
  }
  return undefined;
}

/** The `FORMAT AS …` clause of COPY for a dataset format. */
export function copyFormat(format: string): string {
  switch (format) {
    case 'parquet':
      return 'FORMAT AS PARQUET';
    case 'jsonl':
      return "FORMAT AS JSON 'auto'";
    case 'csv':
      return 'FORMAT AS CSV IGNOREHEADER 1';
    default:
      throw new Error(`COPY cannot read format '${format}'`);
  }
}

/** The staging table of a merge load: a temporary table of the session, gone when it ends. */
const STAGE = '"tributary_stage"';

/**
 * The statements of a warehouse sink's load of `input`, to run as one transaction (a Data API
 * batch), so that a re-run for the same `ds` replaces what the last run wrote. Lake files are read
 * by COPY with the warehouse's default IAM role; a warehouse table (`warehouse://…`) is read with
 * `INSERT … SELECT`. merge copies into a temporary staging table, deletes the rows whose keys it
 * holds, then inserts it; overwrite_partition deletes the run's `ds` partition, then loads it (from
 * a table, only that partition); replace_table deletes every row, then loads; append only loads.
 */
export function loadStatements(sink: GraphNode, input: GraphDataset): string[] {
  const t = quoteTable(String(sink.properties.table));
  const mode = (sink.properties.writeMode ?? { mode: 'append' }) as { mode: string; keys?: string[]; column?: string };
  const sourceTable = warehouseTable(input.location);
  const from = sourceTable === undefined ? undefined : quoteTable(sourceTable);
  const fill = (into: string, where = '') =>
    from === undefined ? `COPY ${into} FROM ${quoteLiteral(input.location)} IAM_ROLE default ${copyFormat(input.format)}` : `INSERT INTO ${into} SELECT * FROM ${from}${where}`;
  switch (mode.mode) {
    case 'merge': {
      const source = from ?? STAGE;
      const keys = (mode.keys ?? []).map((k) => `${t}.${quoteIdentifier(k)} = ${source}.${quoteIdentifier(k)}`).join(' AND ');
      const merge = [`DELETE FROM ${t} USING ${source} WHERE ${keys}`, `INSERT INTO ${t} SELECT * FROM ${source}`];
      return from === undefined ? [`CREATE TEMP TABLE ${STAGE} (LIKE ${t})`, fill(STAGE), ...merge] : merge;
    }
    case 'overwrite_partition': {
      const day = `${quoteIdentifier(mode.column ?? 'ds')} = ${quoteLiteral('{{ds}}')}`;
      return [`DELETE FROM ${t} WHERE ${day}`, fill(t, ` WHERE ${day}`)];
    }
    case 'replace_table':
      return [`DELETE FROM ${t}`, fill(t)];
    case 'append':
      return [fill(t)];
    default:
      throw new Error(`no load for write mode '${mode.mode}'`);
  }
}

/** The name, in a check statement, of the audited table's rows of the logical date (a common table expression). */
const DAY = '"tributary_day"';

/**
 * One statement that checks every rule of a warehouse quality check on `table`, one column per
 * rule (`rule_1`, … holding the rule's number of failures, 0 when it passes). At error severity a
 * failing rule's message, with its count, is cast to INTEGER, which raises an error (`invalid input
 * syntax`): the statement fails, so the step fails and the sinks it gates never run. At warning
 * severity the statement only reports the counts. Freshness is measured from the end of the
 * logical date (`{{next_ds}}`), so a re-run or backfill of a day checks what it checked then.
 * With the table's `dateColumn`, every rule (custom SQL's `{{table}}` included) reads only the rows
 * whose date column is `{{ds}}`: a `WITH` of those rows stands for the table.
 */
export function checkStatement(check: GraphNode, table: string, dateColumn?: string): string {
  const quoted = dateColumn === undefined ? quoteTable(table) : DAY;
  const where = dateColumn === undefined ? '' : ` where ${dateColumn} = {{ds}}`;
  const failOnError = check.properties.severity !== 'warning';
  const columns = (check.properties.rules as Array<Record<string, unknown>>).map((rule, i) => {
    const failures = failuresQuery(rule, quoted);
    const alias = quoteIdentifier(`rule_${i + 1}`);
    if (!failOnError) return `  (${failures}) AS ${alias}`;
    const message = quoteLiteral(`Tributary quality check ${check.id} failed: ${ruleLabel(rule)} on ${table}${where}: `);
    return `  CASE WHEN (${failures}) = 0 THEN 0\n    ELSE CAST(${message} || CAST((${failures}) AS VARCHAR) || ' failing' AS INTEGER) END AS ${alias}`;
  });
  const day = dateColumn === undefined ? ''
    : `WITH ${DAY} AS (SELECT * FROM ${quoteTable(table)} WHERE ${quoteIdentifier(dateColumn)} = ${quoteLiteral('{{ds}}')})\n`;
  return `${day}SELECT\n${columns.join(',\n')}`;
}

/** `not_null(order_id, customer_id)`: a rule as named in failure messages. */
function ruleLabel(rule: Record<string, unknown>): string {
  switch (rule.rule) {
    case 'custom_sql':
      return `custom_sql(${String(rule.name)})`;
    case 'row_count_at_least':
      return `row_count_at_least(${String(rule.minRows)})`;
    case 'freshness':
      return `freshness(${String(rule.column)}, ${seconds(rule.maxAgeSeconds)} s)`;
    default:
      return `${String(rule.rule)}(${(rule.columns as string[]).join(', ')})`;
  }
}

/** A query giving the number of failures of one rule: 0 when it passes. */
function failuresQuery(rule: Record<string, unknown>, quoted: string): string {
  switch (rule.rule) {
    case 'not_null':
      return `SELECT COUNT(*) FROM ${quoted} WHERE ${(rule.columns as string[]).map((c) => `${quoteIdentifier(c)} IS NULL`).join(' OR ')}`;
    case 'unique': {
      const cols = (rule.columns as string[]).map(quoteIdentifier).join(', ');
      return `SELECT COUNT(*) FROM (SELECT ${cols} FROM ${quoted} GROUP BY ${cols} HAVING COUNT(*) > 1) AS duplicates`;
    }
    case 'row_count_at_least':
      return `SELECT CASE WHEN COUNT(*) >= ${wholeNumber(rule.minRows, 'minRows')} THEN 0 ELSE 1 END FROM ${quoted}`;
    case 'freshness':
      return `SELECT CASE WHEN MAX(${quoteIdentifier(String(rule.column))}) >= CAST('{{next_ds}}' AS TIMESTAMP) - INTERVAL '${seconds(rule.maxAgeSeconds)} seconds' THEN 0 ELSE 1 END FROM ${quoted}`;
    case 'custom_sql':
      return `SELECT COUNT(*) FROM (${customSql(String(rule.sql), quoted)}) AS failures`;
    default:
      throw new Error(`no warehouse check for rule '${String(rule.rule)}'`);
  }
}

/** A freshness rule's maximum age in whole seconds (rounded up). */
function seconds(value: unknown): number {
  return wholeNumber(Math.ceil(Number(value)), 'maxAgeSeconds');
}

function wholeNumber(value: unknown, what: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${what} must be a whole number, got ${String(value)}`);
  return n;
}

/** A custom rule's query with `{{table}}` replaced by the quoted audited table, without a final `;`. */
export function customSql(sql: string, quotedTable: string): string {
  return sql.replace(/\{\{table\}\}/g, quotedTable).replace(/[\s;]+$/, '').trim();
}

/**
 * `sql` split into its statements, without their final `;`: semicolons inside quoted strings,
 * quoted identifiers, dollar-quoted bodies and comments do not split. Empty and comment-only
 * statements are dropped. The Redshift Data API runs a list of statements as one transaction.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    const next = sql[i + 1];
    if (ch === "'" || ch === '"') {
      i = endOfQuoted(sql, i, ch);
    } else if (ch === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
    } else if (ch === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else if (ch === '$' && /^\$[A-Za-z_]*\$/.test(sql.slice(i))) {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i))![0];
      const end = sql.indexOf(tag, i + tag.length);
      i = end < 0 ? sql.length : end + tag.length;
    } else if (ch === ';') {
      statements.push(sql.slice(start, i));
      start = ++i;
    } else {
      i++;
    }
  }
  statements.push(sql.slice(start));
  return statements.map((s) => s.trim()).filter((s) => s.length > 0 && !isOnlyComments(s));
}

/** Index after the quoted text that starts at `i` (doubled quotes and, in strings, backslashes escape). */
function endOfQuoted(sql: string, i: number, quote: string): number {
  let j = i + 1;
  while (j < sql.length) {
    if (quote === "'" && sql[j] === '\\') {
      j += 2;
    } else if (sql[j] === quote) {
      if (sql[j + 1] === quote) j += 2;
      else return j + 1;
    } else {
      j++;
    }
  }
  return sql.length;
}

function isOnlyComments(statement: string): boolean {
  return statement.replace(/--[^\n]*(\n|$)/g, '').replace(/\/\*[\s\S]*?\*\//g, '').trim() === '';
}
