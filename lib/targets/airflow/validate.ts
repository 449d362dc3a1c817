import { customSql, splitStatements } from '../warehouse';
import type { WorkflowGraph } from '../../model/workflow-graph';
import type { Diagnostic } from '../../validation/diagnostic';
import { diagnostic } from '../../validation/rule';

/** The longest DAG tag Airflow accepts (`TAG_MAX_LEN`). */
export const AIRFLOW_TAG_MAX = 100;

/**
 * The Airflow target's own rules: what Airflow or the generated SQL would refuse although the
 * model is valid. TRB040: a DAG tag over 100 characters; TRB042: a warehouse check's custom SQL that is not one query.
 */
export function validateForAirflow(graph: WorkflowGraph): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const key of Object.keys(graph.workflow.tags).sort()) {
    const tag = `${key}:${graph.workflow.tags[key]}`;
    if (tag.length > AIRFLOW_TAG_MAX) {
      found.push(diagnostic(graph.workflow, 'TRB040',
        `tag '${key}' becomes the DAG tag '${tag.slice(0, 40)}…' of ${tag.length} characters; Airflow accepts at most ${AIRFLOW_TAG_MAX}`,
        `shorten the tag's key and value to ${AIRFLOW_TAG_MAX - 1} characters in all`));
    }
  }
  for (const id of graph.order) {
    const node = graph.node(id);
    if (node.type !== 'QualityCheck' || node.engine !== 'warehouse') continue;
    for (const rule of node.properties.rules as Array<Record<string, any>>) {
      if (rule.rule !== 'custom_sql') continue;
      const statements = splitStatements(customSql(String(rule.sql), '"t"'));
      if (statements.length !== 1) {
        found.push(diagnostic(node, 'TRB042',
          `custom rule '${rule.name}' of warehouse check '${node.id}' has ${statements.length} statements; it must be one query that returns the failing rows`,
          "write one SELECT, for example 'SELECT * FROM {{table}} WHERE amount < 0', without other statements"));
      }
    }
  }
  return found;
}
