import { DataFormat } from '../../core/dataset';
import { Engine } from '../../core/engine';
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
