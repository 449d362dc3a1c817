import type { Diagnostic } from './diagnostic';
import { sortDiagnostics } from './format';
import type { Rule } from './rule';
import { requiredColumns } from './rules/columns';
import { validIds } from './rules/identifiers';
import { largeDataOnSpark, noDailyFullScan } from './rules/scale';
import { validSchedule, validStartDate } from './rules/schedule';
import { noLiteralSecrets } from './rules/secrets';
import { idempotentSinks, warehouseDeclared } from './rules/sinks';
import { hasSinks, knownUpstream, noCycles, uniqueIds } from './rules/structure';
import type { WorkflowGraph } from '../model/workflow-graph';

/** Every rule, in code order. */
const RULES: readonly Rule[] = [
  noCycles, knownUpstream, uniqueIds, validIds, requiredColumns, largeDataOnSpark, noDailyFullScan,
  noLiteralSecrets, validSchedule, validStartDate, idempotentSinks, hasSinks, warehouseDeclared,
];

/** The validate phase: run every rule over the graph and return all diagnostics, in a stable order. */
export function validateGraph(graph: WorkflowGraph): Diagnostic[] {
  return sortDiagnostics(RULES.flatMap((rule) => rule(graph)));
}
