import type { GraphNode } from '../../model/graph';
import type { WorkflowGraph } from '../../model/workflow-graph';
import { quote, trimTrailingSlashes } from '../../core/private/text';
import { Diagnostic, DiagnosticSeverity } from '../diagnostic';
import { Rule, diagnostic } from '../rule';
import { appendTo } from '../../private/multimap';

/**
 * TRB060 (warning): a task that reads an audited dataset directly, instead of the check's output,
 * runs (with everything downstream of it) before the check has passed.
 */
export const readsAfterAudit: Rule = (graph) => {
  const checksOf = new Map<string, string[]>();
  for (const node of graph.nodes) {
    if (node.audits !== undefined && node.gatesSinks) appendTo(checksOf, node.audits, node.id);
  }
  return graph.nodes.filter((n) => n.kind === 'task' && n.audits === undefined).flatMap((node) =>
    [...new Set(node.inputs)].filter((input) => checksOf.has(input)).map((input) => {
      const checks = checksOf.get(input)!.sort();
      return diagnostic(node, 'TRB060',
        `'${node.id}' reads '${input}' directly, so it and everything downstream of it run before ${checks.length === 1 ? 'check' : 'checks'} ${checks.map((c) => `'${c}'`).join(', ')} ${checks.length === 1 ? 'has' : 'have'} passed`,
        `read the check's output instead (${checks[0]}.output: the same dataset, once the check has passed)`,
        DiagnosticSeverity.WARNING);
    }));
};

/** The bucket of the default `lakeLocation`, which no user owns. */
export const DEFAULT_LAKE_PREFIX = 's3://tributary-lake/';

/** TRB061 (warning): outputs written under the default lake location, a bucket the user does not own. */
export const ownLakeLocation: Rule = (graph) => {
  const writers = graph.nodes.filter((n) => n.output?.location.startsWith(DEFAULT_LAKE_PREFIX) && n.type !== 'QualityCheck');
  if (writers.length === 0) return [];
  return [diagnostic(graph.workflow, 'TRB061',
    `${writers.length} node${writers.length === 1 ? '' : 's'} (${writers.slice(0, 3).map((n) => `'${n.id}'`).join(', ')}${writers.length > 3 ? ', …' : ''}) ${writers.length === 1 ? 'writes' : 'write'} under the default lake location ${DEFAULT_LAKE_PREFIX}, a bucket you do not own`,
    "set lakeLocation on the Workflow to a bucket of your own, for example lakeLocation: 's3://acme-lake/orders'",
    DiagnosticSeverity.WARNING)];
};

/** Who writes what: lake locations and warehouse tables, by node. */
function writes(node: GraphNode): { location?: string; table?: string } {
  // Checks share their input's dataset; log sources wait for data others write.
  if (node.type === 'QualityCheck' || node.type === 'LogSource') return {};
  if (node.type === 'SqlTask' || node.type === 'WarehouseSink') {
    return typeof node.properties.table === 'string' ? { table: node.properties.table.toLowerCase() } : {};
  }
  const location = node.output?.location;
  return location !== undefined && !location.startsWith('warehouse://') ? { location: trimTrailingSlashes(location) } : {};
}

/**
 * TRB062 and TRB063: no two nodes of an app (in one workflow or in two) write the same lake
 * location or the same warehouse table: each would overwrite or interleave with the other's data,
 * in an order no one chose.
 */
export function validateSharedOutputs(graphs: readonly WorkflowGraph[]): Diagnostic[] {
  const first = new Map<string, GraphNode>();
  const found: Diagnostic[] = [];
  for (const graph of graphs) {
    for (const node of graph.nodes) {
      const { location, table } = writes(node);
      for (const [kind, key] of [['location', location], ['table', table]] as const) {
        if (key === undefined) continue;
        const earlier = first.get(`${kind}\u0000${key}`);
        if (!earlier) {
          first.set(`${kind}\u0000${key}`, node);
          continue;
        }
        found.push(kind === 'location'
          ? diagnostic(node, 'TRB062', `'${node.id}' writes ${quote(key, 120)}, which '${earlier.path}' also writes, so each run overwrites the other's data`,
            "give one of them another location (or leave location out to use '<lakeLocation>/<node_id>/ds={{ds}}/')")
          : diagnostic(node, 'TRB063', `'${node.id}' writes table ${quote(key, 120)}, which '${earlier.path}' also writes, so each load overwrites or duplicates the other's rows`,
            'write each table from one node; read the other table as an input (its output) instead'));
      }
    }
  }
  return found;
}
