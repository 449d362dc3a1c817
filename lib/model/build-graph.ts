import { estimateDurationSeconds } from './estimates';
import { EdgeKind, GraphDataset, GraphEdge, GraphNode } from './graph';
import { WorkflowGraph } from './workflow-graph';
import { Dataset } from '../core/dataset';
import type { WorkflowNode } from '../core/node';
import type { Workflow } from '../core/workflow';
import { plainSecret, seconds, bytes } from '../private/plain';
import { appendTo } from '../private/multimap';

/** The model phase: read a workflow's construct tree into an immutable WorkflowGraph. */
export function buildGraph(workflow: Workflow): WorkflowGraph {
  const members = workflow.nodes;
  const local = new Set<WorkflowNode>(members);
  const refOf = (node: WorkflowNode) => (local.has(node) ? node.nodeId : node.node.path);
  const defaults = workflow.defaults;

  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const foreign = new Map<string, string[]>();
  for (const member of members) {
    const description = member._describe();
    const inputs = member.inputs.map((d) => refOf(d.producer));
    // Sources and tasks have an output; sinks have one when what they load can be read (a warehouse table).
    const declared = (member as { output?: unknown }).output;
    const output = Dataset.isDataset(declared) ? declared : undefined;
    for (const dataset of member.inputs) {
      if (local.has(dataset.producer)) edges.push({ from: dataset.producer.nodeId, to: member.nodeId, kind: EdgeKind.DATA });
    }
    for (const dependency of member.dependencies) {
      if (local.has(dependency)) edges.push({ from: dependency.nodeId, to: member.nodeId, kind: EdgeKind.DEPENDENCY });
    }
    foreign.set(member.node.path, [...member.inputs.map((d) => d.producer), ...member.dependencies].filter((n) => !local.has(n)).map(refOf));
    // A node that never reads its inputs (a completion event) takes the same time whatever their size.
    const inputBytes = description.readsInputData === false ? 0
      : member.inputs.reduce((sum, d) => sum + (bytes(d.estimatedSize) ?? 0), 0)
        + (member.inputs.length === 0 ? bytes(output?.estimatedSize) ?? 0 : 0);
    nodes.push({
      id: member.nodeId,
      path: member.node.path,
      kind: member.kind,
      type: description.type,
      engine: description.engine,
      description: member.description,
      inputs,
      upstream: [], // filled in below, once every edge is known
      output: output ? datasetModel(output) : undefined,
      requiredColumns: (description.requiredColumns ?? []).map((c) => ({ name: c.name, type: c.type, role: c.role, dataset: c.dataset })),
      properties: description.properties,
      retries: member.retries ?? defaults.retries!,
      retryDelaySeconds: seconds(defaults.retryDelay)!,
      exponentialBackoff: defaults.exponentialBackoff!,
      timeoutSeconds: seconds(member.timeout ?? defaults.timeout)!,
      estimatedDurationSeconds: seconds(member.expectedDuration) ?? estimateDurationSeconds(description.engine, inputBytes),
      readsInputData: description.readsInputData ?? true,
      audits: description.auditsInput ? inputs[0] : undefined,
      gatesSinks: description.gatesSinks ?? false,
      sourceLocation: member._sourceLocation,
    });
  }

  edges.push(...auditEdges(nodes, edges));

  const upstreamOf = new Map<string, string[]>();
  for (const edge of edges) appendTo(upstreamOf, edge.to, edge.from);
  const withUpstream = nodes.map((node) => ({
    ...node,
    upstream: [...new Set([...(upstreamOf.get(node.id) ?? []), ...foreign.get(node.path)!])].sort(),
  }));

  const props = {
    workflow: {
      id: workflow.workflowId,
      path: workflow.node.path,
      schedule: workflow.schedule.expressionString,
      startDate: workflow.startDate,
      owner: workflow.owner,
      description: workflow.description,
      tags: workflow.tags,
      warehouse: workflow.warehouse ? {
        database: workflow.warehouse.database,
        workgroupName: workflow.warehouse.workgroupName,
        clusterIdentifier: workflow.warehouse.clusterIdentifier,
        secret: plainSecret(workflow.warehouse.secret),
      } : undefined,
      catchup: workflow.catchup,
      maxActiveRuns: workflow.maxActiveRuns,
      defaults: {
        retries: defaults.retries!,
        retryDelaySeconds: seconds(defaults.retryDelay)!,
        exponentialBackoff: defaults.exponentialBackoff!,
        timeoutSeconds: seconds(defaults.timeout)!,
      },
      sourceLocation: workflow._sourceLocation,
    },
    nodes: withUpstream,
    edges: dedupe(edges),
  };
  // The same tree gives the same model: the graph built last time is reused (it is immutable), so
  // that what is derived from it once per graph (rendered artifacts) is derived once per synth.
  const key = JSON.stringify(props);
  const previous = LAST_GRAPH.get(workflow);
  if (previous && previous.key === key) return previous.graph;
  const graph = new WorkflowGraph(props);
  LAST_GRAPH.set(workflow, { key, graph });
  return graph;
}

/** The graph each workflow was last modelled as, with its content as JSON text. */
const LAST_GRAPH = new WeakMap<Workflow, { key: string; graph: WorkflowGraph }>();

/**
 * Write-audit-publish: a sink waits for every blocking check of each dataset it reads. A check's
 * output is the dataset it audits, so a sink that reads it, or a check chained on it, concerns
 * that same dataset: the sink waits for all of that dataset's checks.
 */
function auditEdges(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): GraphEdge[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const auditedData = (id: string): string => {
    const seen = new Set<string>();
    let current = id;
    while (byId.get(current)?.audits !== undefined && !seen.has(current)) {
      seen.add(current);
      current = byId.get(current)!.audits!;
    }
    return current;
  };
  const gatesOf = new Map<string, GraphNode[]>();
  for (const check of nodes) {
    if (check.audits === undefined || !check.gatesSinks) continue;
    const data = auditedData(check.audits);
    appendTo(gatesOf, data, check);
  }
  const existing = new Set(edges.map((e) => `${e.from}\u0000${e.to}`));
  const result: GraphEdge[] = [];
  for (const sink of nodes.filter((n) => n.kind === 'sink')) {
    for (const input of sink.inputs) {
      for (const check of gatesOf.get(auditedData(input)) ?? []) {
        if (check.id === sink.id || existing.has(`${check.id}\u0000${sink.id}`)) continue;
        result.push({ from: check.id, to: sink.id, kind: EdgeKind.AUDIT });
      }
    }
  }
  return result;
}

function datasetModel(dataset: Dataset): GraphDataset {
  return {
    id: dataset.name,
    location: dataset.location,
    format: dataset.format,
    estimatedSizeBytes: bytes(dataset.estimatedSize),
    columns: dataset.schema?.columns.map((c) => ({ name: c.name, type: c.type.name, nullable: c.nullable ?? true })),
    dateColumn: dataset.dateColumn,
  };
}

function dedupe(edges: GraphEdge[]): GraphEdge[] {
  const seen = new Set<string>();
  return edges.filter((e) => {
    const key = `${e.from}\u0000${e.to}\u0000${e.kind}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
