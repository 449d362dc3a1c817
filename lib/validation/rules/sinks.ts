import { Engine } from '../../core/engine';
import { Rule, diagnostic } from '../rule';

/** TRB013: every sink can be re-run for a date (retries, backfills) without duplicating what it wrote. */
export const idempotentSinks: Rule = (graph) => graph.nodes.filter((n) => n.kind === 'sink').flatMap((node) => {
  const writeMode = node.properties.writeMode;
  if (writeMode?.idempotent === false) {
    return [diagnostic(node, 'TRB013', `${node.type} '${node.id}' appends to '${node.properties.table}', so a retry or a backfill duplicates rows`,
      "use WriteMode.merge(['<key>']) or WriteMode.overwritePartition()")];
  }
  if (node.properties.idempotent === false) {
    return [diagnostic(node, 'TRB013', `${node.type} '${node.id}' has no idempotency key, so a retried or re-run push creates duplicates`,
      "set idempotencyKey to a column that identifies each record, for example idempotencyKey: 'account_id'")];
  }
  return [];
});

/** TRB015: a workflow whose nodes run in the warehouse says which warehouse. */
export const warehouseDeclared: Rule = (graph) => {
  if (graph.workflow.warehouse) return [];
  return graph.nodes.filter((n) => n.engine === Engine.WAREHOUSE).map((node) =>
    diagnostic(node, 'TRB015', `${node.type} '${node.id}' runs in the warehouse, but workflow '${graph.workflow.id}' declares none`,
      "set warehouse: { database: 'analytics', workgroupName: 'etl' } on the Workflow"));
};
