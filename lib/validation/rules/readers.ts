import { DataFormat } from '../../core/dataset';
import { Engine } from '../../core/engine';
import type { GraphNode } from '../../model/graph';
import type { WorkflowGraph } from '../../model/workflow-graph';
import { Rule, diagnostic } from '../rule';

/** The formats Tributary's generic job scripts read (`read_dataset` of scripts/tributary_jobs.py): files only. */
const FILE_FORMATS: readonly string[] = [DataFormat.PARQUET, DataFormat.JSON_LINES, DataFormat.CSV];

/** The generic script that reads a node's input rows, for the nodes that run one. */
function genericReader(node: GraphNode): string | undefined {
  if (node.type === 'ApiSink') return 'api_push.py';
  if (node.type === 'EventSink' && node.properties.payload?.kind === 'records') return 'publish_events.py';
  if (node.type === 'QualityCheck' && node.engine === Engine.SPARK) return 'quality_check.py';
  return undefined;
}

/** The lake dataset a warehouse table was loaded from: through checks to a WarehouseSink, and its input in object storage. */
function loadedFrom(graph: WorkflowGraph, id: string): string | undefined {
  let node = graph.hasNode(id) ? graph.node(id) : undefined;
  while (node?.type === 'QualityCheck' && node.audits !== undefined && graph.hasNode(node.audits)) node = graph.node(node.audits);
  if (node?.type !== 'WarehouseSink') return undefined;
  return node.inputs.find((input) => graph.hasNode(input) && FILE_FORMATS.includes(graph.node(input).output?.format ?? ''));
}

/**
 * TRB064: a node that runs one of Tributary's generic job scripts over its inputs' rows (an ApiSink,
 * an EventSink of records, a QualityCheck on Spark) reads files in object storage: the scripts read
 * Parquet, JSON lines and CSV, and no warehouse table, so such a job would fail at run time.
 */
export const genericJobsReadFiles: Rule = (graph) => graph.nodes.flatMap((node) => {
  const script = genericReader(node);
  if (script === undefined) return [];
  return [...new Set(node.inputs)].filter((id) => graph.hasNode(id)).flatMap((id) => {
    const dataset = graph.node(id).output;
    if (dataset === undefined || FILE_FORMATS.includes(dataset.format)) return [];
    const what = `${node.type} '${node.id}' reads '${id}', the warehouse table ${dataset.location.replace(/^warehouse:\/\//, '')}, `
      + `but its job (${script}) reads only files in object storage (Parquet, JSON lines, CSV), so it would fail at run time`;
    if (node.type === 'QualityCheck') {
      return [diagnostic(node, 'TRB064', what, 'leave engine out: a check of a warehouse table runs in the warehouse (Engine.WAREHOUSE)')];
    }
    const source = loadedFrom(graph, id);
    return [diagnostic(node, 'TRB064', what, source !== undefined
      ? `read the lake dataset the table was loaded from ('${source}', the WarehouseSink's input) instead`
      : 'read a lake dataset instead: the output of a task that writes these rows to object storage (an unload of the table)')];
  });
});
