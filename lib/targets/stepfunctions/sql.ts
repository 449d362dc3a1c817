/**
 * The Redshift SQL the Step Functions target generates from the model: quality rules and the loads
 * of warehouse sinks. Every identifier is quoted and every literal escaped; the date placeholders
 * (`{{ds}}`, …) stay in the text and are filled by the state machine.
 */

/** A quoted identifier: `"name"`, with `"` doubled. */
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

/** One rule of a quality check, as the model stores it. */
export interface CheckRuleModel {
  readonly rule: string;
  readonly [setting: string]: unknown;
}

/**
 * One statement per rule. Each returns 1 when the rule holds and otherwise fails by casting its
 * message to an integer, so that the Data API reports the statement FAILED with the message.
 */
export function qualityRuleSql(table: string, rule: CheckRuleModel, checkName: string): string {
  const t = quoteTable(table);
  const failWith = (what: string) => `CAST(${quoteLiteral(`Tributary quality check ${checkName} failed: ${what} on ${table}`)} AS INTEGER)`;
  const columns = () => (rule.columns as string[]).map(quoteIdentifier);
  switch (rule.rule) {
    case 'not_null': {
      const cols = rule.columns as string[];
      return `SELECT CASE WHEN COUNT(*) = 0 THEN 1 ELSE ${failWith(`null in ${cols.join(', ')}`)} END FROM ${t} WHERE ${columns().map((c) => `${c} IS NULL`).join(' OR ')}`;
    }
    case 'unique': {
      const cols = columns().join(', ');
      return `SELECT CASE WHEN COUNT(*) = 0 THEN 1 ELSE ${failWith(`duplicate ${(rule.columns as string[]).join(', ')}`)} END FROM (SELECT ${cols} FROM ${t} GROUP BY ${cols} HAVING COUNT(*) > 1) AS duplicates`;
    }
    case 'row_count_at_least': {
      const min = integer(rule.minRows, 'minRows');
      return `SELECT CASE WHEN COUNT(*) >= ${min} THEN 1 ELSE ${failWith(`fewer than ${min} rows`)} END FROM ${t}`;
    }
    case 'freshness': {
      const seconds = integer(Math.ceil(Number(rule.maxAgeSeconds)), 'maxAgeSeconds');
      const column = quoteIdentifier(rule.column as string);
      return `SELECT CASE WHEN MAX(${column}) >= DATEADD(second, -${seconds}, CAST('{{next_ds}}' AS TIMESTAMP)) THEN 1 ELSE ${failWith(`${rule.column as string} older than ${seconds} s`)} END FROM ${t}`;
    }
    case 'custom_sql': {
      const sql = (rule.sql as string).replace(/\{\{\s*table\s*\}\}/g, t).trim().replace(/;+\s*$/, '');
      return `SELECT CASE WHEN COUNT(*) = 0 THEN 1 ELSE ${failWith(`rule ${rule.name as string} found rows`)} END FROM (${sql}) AS violations`;
    }
    default:
      throw new Error(`unknown quality rule '${rule.rule}'`);
  }
}

function integer(value: unknown, what: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${what} must be a whole number, got ${String(value)}`);
  return n;
}

/** A warehouse sink's write mode, as the model stores it. */
export interface WriteModeModel {
  readonly mode: string;
  readonly keys?: string[];
  readonly column?: string;
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

/** Where a warehouse sink's rows come from: one day's partition in S3, or a warehouse table. */
export type LoadSource =
  | { readonly kind: 's3'; readonly location: string; readonly format: string }
  | { readonly kind: 'table'; readonly table: string };

/**
 * The statements that load a table, run as one transaction (a Data API batch): from S3, merge
 * upserts through a staging table (`MERGE … REMOVE DUPLICATES`), overwrite_partition deletes the
 * day then copies, replace_table deletes everything then copies, append copies; COPY authenticates
 * with the warehouse's default IAM role. From a warehouse table, the same with `INSERT … SELECT`
 * (merge uses the table itself as the merge source).
 */
export function warehouseLoadSql(table: string, source: LoadSource, writeMode: WriteModeModel): string[] {
  const t = quoteTable(table);
  const fill = (into: string) =>
    source.kind === 's3' ? `COPY ${into} FROM ${quoteLiteral(source.location)} IAM_ROLE default ${copyFormat(source.format)}` : `INSERT INTO ${into} SELECT * FROM ${quoteTable(source.table)}`;
  const merge = (from: string) => `MERGE INTO ${t} USING ${from} ON ${(writeMode.keys ?? []).map((k) => `${t}.${quoteIdentifier(k)} = ${from}.${quoteIdentifier(k)}`).join(' AND ')} REMOVE DUPLICATES`;
  switch (writeMode.mode) {
    case 'merge': {
      if (source.kind === 'table') return [merge(quoteTable(source.table))];
      const stage = quoteIdentifier(`stage_${table.replace(/[^A-Za-z0-9_]/g, '_')}`);
      return [`CREATE TEMP TABLE ${stage} (LIKE ${t})`, fill(stage), merge(stage), `DROP TABLE ${stage}`];
    }
    case 'overwrite_partition': {
      const column = quoteIdentifier(writeMode.column ?? 'ds');
      const insert = source.kind === 's3' ? fill(t) : `INSERT INTO ${t} SELECT * FROM ${quoteTable(source.table)} WHERE ${column} = '{{ds}}'`;
      return [`DELETE FROM ${t} WHERE ${column} = '{{ds}}'`, insert];
    }
    case 'replace_table':
      return [`DELETE FROM ${t}`, fill(t)];
    case 'append':
      return [fill(t)];
    default:
      throw new Error(`unknown write mode '${writeMode.mode}'`);
  }
}

/**
 * Splits SQL text into statements at top-level `;`, respecting quoted strings, quoted identifiers,
 * dollar-quoted bodies and comments. Empty statements are dropped.
 */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === "'" || c === '"') {
      i++;
      while (i < sql.length) {
        if (sql[i] === '\\' && c === "'") i += 2;
        else if (sql[i] === c && sql[i + 1] === c) i += 2;
        else if (sql[i] === c) break;
        else i++;
      }
      i++;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else if (c === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i));
      if (tag) {
        const end = sql.indexOf(tag[0], i + tag[0].length);
        i = end < 0 ? sql.length : end + tag[0].length;
      } else i++;
    } else if (c === ';') {
      out.push(sql.slice(start, i));
      start = ++i;
    } else i++;
  }
  out.push(sql.slice(start));
  return out.map((s) => s.trim()).filter((s) => s.length > 0);
}
