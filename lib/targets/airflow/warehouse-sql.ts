import type { GraphDataset, GraphNode } from '../../model/graph';

/**
 * The Redshift SQL of warehouse loads and warehouse quality checks. Identifiers are quoted,
 * literals escaped; placeholders (`{{ds}}`) stay as they are, for the orchestrator to resolve.
 */

/** A double-quoted identifier (`"marts"."orders"` for `marts.orders`). */
export function quoteIdentifier(name: string): string {
  return name.split('.').map((part) => `"${part.replace(/"/g, '""')}"`).join('.');
}

/** A Redshift string literal: quotes doubled, and backslashes doubled (Redshift reads `\` as an escape). */
export function sqlString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** The table a `warehouse://schema.table` location names, or undefined for other locations. */
export function warehouseTable(dataset: GraphDataset | undefined): string | undefined {
  const match = /^warehouse:\/\/(.+)$/.exec(dataset?.location ?? '');
  return match ? match[1] : undefined;
}

/** The staging table of a load: a temporary table of the session, dropped when it ends. */
const STAGE = '"tributary_stage"';

/** COPY options by dataset format. */
const COPY_FORMATS: Readonly<Record<string, string>> = {
  parquet: 'FORMAT AS PARQUET',
  jsonl: "FORMAT AS JSON 'auto'",
  csv: 'FORMAT AS CSV IGNOREHEADER 1',
};

/**
 * The statements of a warehouse load, run as one batch (one transaction): the day's files are
 * copied into a temporary staging table, then written to the table by the sink's write mode, so
 * a re-run for the same `ds` replaces what the last run wrote.
 */
export function loadStatements(sink: GraphNode, input: GraphDataset): string[] {
  const table = quoteIdentifier(String(sink.properties.table));
  const mode = sink.properties.writeMode ?? { mode: 'append' };
  const fromTable = warehouseTable(input);
  const statements: string[] = [];
  let source: string;
  if (fromTable !== undefined) {
    source = quoteIdentifier(fromTable);
  } else {
    const format = COPY_FORMATS[input.format];
    if (format === undefined) throw new Error(`no COPY format for '${input.format}'`);
    source = STAGE;
    statements.push(
      `CREATE TEMP TABLE ${STAGE} (LIKE ${table})`,
      `COPY ${STAGE} FROM ${sqlString(input.location)} IAM_ROLE default ${format}`,
    );
  }
  switch (mode.mode) {
    case 'merge': {
      const keys = (mode.keys as string[]).map((k) => `${table}.${quoteIdentifier(k)} = ${source}.${quoteIdentifier(k)}`);
      statements.push(`DELETE FROM ${table} USING ${source} WHERE ${keys.join(' AND ')}`);
      break;
    }
    case 'overwrite_partition':
      statements.push(`DELETE FROM ${table} WHERE ${quoteIdentifier(String(mode.column))} = ${sqlString('{{ds}}')}`);
      break;
    case 'replace_table':
      statements.push(`DELETE FROM ${table}`);
      break;
    case 'append':
      break;
    default:
      throw new Error(`no load for write mode '${mode.mode}'`);
  }
  statements.push(`INSERT INTO ${table} SELECT * FROM ${source}`);
  return statements;
}

/**
 * One statement that checks every rule of a warehouse quality check and fails when a rule
 * fails: the failing rule's message is cast to INTEGER, which raises an error (`invalid input
 * syntax`), so the task fails and the sinks it gates never run. With warning severity the
 * statement only reports the counts.
 */
export function checkStatement(check: GraphNode, table: string): string {
  const quoted = quoteIdentifier(table);
  const failOnError = check.properties.severity !== 'warning';
  const columns = (check.properties.rules as Array<Record<string, any>>).map((rule, i) => {
    const label = ruleLabel(rule);
    const failures = failuresQuery(rule, quoted, table);
    const alias = quoteIdentifier(`rule_${i + 1}`);
    if (!failOnError) return `  (${failures}) AS ${alias}`;
    const message = sqlString(`tributary quality check failed: ${label}: `);
    return `  CASE WHEN (${failures}) = 0 THEN 0\n    ELSE CAST(${message} || CAST((${failures}) AS VARCHAR) || ' failing' AS INTEGER) END AS ${alias}`;
  });
  return `SELECT\n${columns.join(',\n')}`;
}

/** `not_null(order_id, customer_id)`: a rule as named in failure messages. */
function ruleLabel(rule: Record<string, any>): string {
  if (rule.rule === 'custom_sql') return `custom_sql(${rule.name})`;
  if (rule.rule === 'row_count_at_least') return `row_count_at_least(${rule.minRows})`;
  if (rule.rule === 'freshness') return `freshness(${rule.column}, ${rule.maxAgeSeconds} s)`;
  return `${rule.rule}(${(rule.columns as string[]).join(', ')})`;
}

/** A query giving the number of failures of one rule: 0 when it passes. */
function failuresQuery(rule: Record<string, any>, quoted: string, table: string): string {
  switch (rule.rule) {
    case 'not_null':
      return `SELECT COUNT(*) FROM ${quoted} WHERE ${(rule.columns as string[]).map((c) => `${quoteIdentifier(c)} IS NULL`).join(' OR ')}`;
    case 'unique': {
      const cols = (rule.columns as string[]).map(quoteIdentifier).join(', ');
      return `SELECT COUNT(*) FROM (SELECT ${cols} FROM ${quoted} GROUP BY ${cols} HAVING COUNT(*) > 1) AS duplicates`;
    }
    case 'row_count_at_least':
      return `SELECT CASE WHEN COUNT(*) >= ${Number(rule.minRows)} THEN 0 ELSE 1 END FROM ${quoted}`;
    case 'freshness':
      return `SELECT CASE WHEN MAX(${quoteIdentifier(rule.column)}) >= GETDATE() - INTERVAL '${Number(rule.maxAgeSeconds)} seconds' THEN 0 ELSE 1 END FROM ${quoted}`;
    case 'custom_sql':
      return `SELECT COUNT(*) FROM (${customSql(String(rule.sql), quoted)}) AS failures`;
    default:
      throw new Error(`no warehouse check for rule '${rule.rule}' of table ${table}`);
  }
}

/** A custom rule's query with `{{table}}` replaced by the audited table, without a final `;`. */
export function customSql(sql: string, quotedTable: string): string {
  return sql.replace(/\{\{table\}\}/g, quotedTable).replace(/[\s;]+$/, '');
}
