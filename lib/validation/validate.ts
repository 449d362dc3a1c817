import type { Diagnostic } from './diagnostic';
import { sortDiagnostics } from './format';
import { Rule, diagnostic } from './rule';
import { warehouseChecksReadTables, warehouseCustomSqlIsOneQuery } from './rules/checks';
import { requiredColumns } from './rules/columns';
import { dateColumnsHoldDates, partitionIsDateColumn } from './rules/dates';
import { knownPlaceholders } from './rules/placeholders';
import { genericJobsReadFiles } from './rules/readers';
import { validIds } from './rules/identifiers';
import { ownLakeLocation, readsAfterAudit } from './rules/data';
import { largeDataOnSpark, noDailyFullScan, partitionedJdbcReads } from './rules/scale';
import { validSchedule, validStartDate } from './rules/schedule';
import { noLiteralSecrets } from './rules/secrets';
import { idempotentSinks, warehouseDeclared } from './rules/sinks';
import { hasSinks, knownUpstream, noCycles, uniqueIds } from './rules/structure';
import type { WorkflowGraph } from '../model/workflow-graph';

/** Every rule, in code order. */
const RULES: readonly Rule[] = [
  noCycles, knownUpstream, uniqueIds, validIds, requiredColumns, largeDataOnSpark, noDailyFullScan,
  noLiteralSecrets, validSchedule, validStartDate, idempotentSinks, hasSinks, warehouseDeclared, knownPlaceholders, partitionedJdbcReads,
  readsAfterAudit, ownLakeLocation, warehouseChecksReadTables, warehouseCustomSqlIsOneQuery,
  genericJobsReadFiles, dateColumnsHoldDates, partitionIsDateColumn,
];

/** The validate phase: run every rule over the graph and return all diagnostics, in a stable order. */
export function validateGraph(graph: WorkflowGraph): Diagnostic[] {
  return sortDiagnostics(RULES.flatMap((rule) => rule(graph)));
}

/** A workflow's graph and the output folder it is written to (its Stage). */
export interface PlacedGraph {
  readonly graph: WorkflowGraph;
  readonly folder: string;
}

/**
 * TRB016: workflows written to the same output folder have distinct workflow ids; otherwise one
 * would silently overwrite the other's `tributary/<workflow_id>/`.
 */
export function validateArtifactFolders(placed: readonly PlacedGraph[]): Diagnostic[] {
  const first = new Map<string, WorkflowGraph>();
  const found: Diagnostic[] = [];
  for (const { graph, folder } of placed) {
    const key = `${folder}\u0000${graph.workflow.id}`;
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, graph);
      continue;
    }
    found.push(diagnostic(graph.workflow, 'TRB016',
      `workflow id '${graph.workflow.id}' is also the id of '${earlier.workflow.path}', so both would write tributary/${graph.workflow.id}/`,
      'rename one of the two workflows so that their snake_case ids differ'));
  }
  return sortDiagnostics(found);
}
