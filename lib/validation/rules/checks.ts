import { DataFormat } from '../../core/dataset';
import { Engine } from '../../core/engine';
import { customSql, splitStatements } from '../../targets/warehouse';
import { Rule, diagnostic } from '../rule';

/**
 * TRB041: a quality check that runs in the warehouse audits a warehouse table: the warehouse can
 * query nothing else. (Files in object storage are checked on Spark, the default for them.)
 */
export const warehouseChecksReadTables: Rule = (graph) => graph.nodes
  .filter((node) => node.type === 'QualityCheck' && node.engine === Engine.WAREHOUSE)
  .flatMap((node) => {
    const audited = node.audits !== undefined && graph.hasNode(node.audits) ? graph.node(node.audits).output : undefined;
    if (audited === undefined || audited.format === DataFormat.WAREHOUSE_TABLE) return [];
    return [diagnostic(node, 'TRB041',
      `warehouse check '${node.id}' audits '${node.audits}', which is not a warehouse table (${audited.location}), so the warehouse cannot query it`,
      'check files with engine: Engine.SPARK (the default for them), or check the table a SqlTask or WarehouseSink wrote')];
  });

/**
 * TRB042: a warehouse check's custom SQL is one query. Every orchestrator runs the check as one
 * statement (the Redshift Data API's ExecuteStatement, Airflow's RedshiftDataOperator) that counts
 * the rows the query returns; a second statement would run, or break the check.
 */
export const warehouseCustomSqlIsOneQuery: Rule = (graph) => graph.nodes
  .filter((node) => node.type === 'QualityCheck' && node.engine === Engine.WAREHOUSE)
  .flatMap((node) => (node.properties.rules as Array<Record<string, any>>)
    .filter((rule) => rule.rule === 'custom_sql')
    .flatMap((rule) => {
      const statements = splitStatements(customSql(String(rule.sql), '"t"'));
      if (statements.length === 1) return [];
      return [diagnostic(node, 'TRB042',
        `custom rule '${rule.name}' of warehouse check '${node.id}' has ${statements.length} statements; it must be one query that returns the failing rows`,
        "write one SELECT, for example 'SELECT * FROM {{table}} WHERE amount < 0', without other statements")];
    }));
