import { PyAsset, PyValue } from './python-literal';
import type { GraphDataset } from '../../model/graph';
import type { WorkflowGraph } from '../../model/workflow-graph';

/**
 * Lineage of the generated tasks as Airflow Assets: each task declares the datasets its node reads
 * (`inlets`) and writes (`outlets`). An Asset is the dataset, not one day's partition, so its URI
 * has no template in it:
 *
 * - a lake location `s3://bucket/prefix/ds={{ds}}/` is `s3://bucket/prefix`: the path up to its
 *   first segment with a placeholder, without the trailing `/` (as Airflow writes it);
 * - a warehouse table `warehouse://schema.table` is
 *   `redshift://<workgroup or cluster>:5439/<database>/<schema>/<table>`, the form the amazon
 *   provider's `redshift` URI handler accepts (`public` when the table names no schema);
 * - anything else (a location these forms cannot write exactly, or a dataset of another
 *   workflow) is `x-tributary-dataset:<workflow>/<dataset id>`, percent-encoded, which Airflow
 *   keeps as it is.
 *
 * An Asset is named `<workflow id>.<dataset id>`; datasets at the same URI (a quality check
 * passes on the dataset it audits) share the name of the first one in the model's order, since
 * Airflow wants one name for one URI. Its `extra` holds the location template and the format.
 */
export function datasetAssets(graph: WorkflowGraph): Map<string, PyAsset> {
  const workflow = graph.workflow;
  const nameOfUri = new Map<string, string>();
  const assets = new Map<string, PyAsset>();
  for (const id of graph.order) {
    const output = graph.node(id).output;
    if (output === undefined) continue;
    const uri = assetUri(graph, output);
    if (!nameOfUri.has(uri)) nameOfUri.set(uri, `${workflow.id}.${output.id}`);
    const extra: { [key: string]: PyValue } = { location: output.location, format: output.format };
    assets.set(output.id, new PyAsset(nameOfUri.get(uri)!, uri, extra));
  }
  return assets;
}

/** The Asset of an input: its producer's dataset, or a dataset of another workflow named by its construct path. */
export function inputAsset(assets: Map<string, PyAsset>, inputId: string): PyAsset {
  return assets.get(inputId) ?? new PyAsset(inputId, `${OTHER_SCHEME}:${percentEncode(inputId)}`, {});
}

/** The URI scheme of a dataset that has no `s3` or `redshift` URI; Airflow leaves `x-` URIs as they are. */
export const OTHER_SCHEME = 'x-tributary-dataset';

/** The port in a `redshift://` URI (Redshift's default; the provider adds it when absent). */
export const REDSHIFT_PORT = 5439;

/** A bucket name S3 accepts for new buckets. */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** A key segment that needs no escape in a URI and that Airflow does not normalize. */
const SEGMENT = /^[A-Za-z0-9._~=+-]+$/;
/** A key segment of such characters and placeholders (`ds={{ds}}`). */
const PARTITION = /^(?:[A-Za-z0-9._~=+-]|\{\{ ?[a-z_]+ ?\}\})+$/;
/** Table, Redshift workgroup, cluster and database names, as the constructs accept them. */
const TABLE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*){0,2}$/;
const WORKGROUP = /^[a-z0-9-]{3,64}$/;
const CLUSTER = /^[a-z][a-z0-9-]{0,62}$/;
const DATABASE = /^[A-Za-z_][A-Za-z0-9_$-]{0,126}$/;

function assetUri(graph: WorkflowGraph, dataset: GraphDataset): string {
  return lakeUri(dataset.location) ?? tableUri(graph, dataset.location)
    ?? `${OTHER_SCHEME}:${percentEncode(graph.workflow.id)}/${percentEncode(dataset.id)}`;
}

/**
 * `s3://bucket/prefix` from `s3://bucket/prefix/ds={{ds}}/`: the location up to its first segment
 * that holds a placeholder; undefined when it is not an `s3://` location, or when a segment up to
 * that one has a character a URI would have to escape.
 */
function lakeUri(location: string): string | undefined {
  if (!location.startsWith('s3://')) return undefined;
  const [bucket, ...segments] = location.slice('s3://'.length).split('/');
  if (!BUCKET.test(bucket)) return undefined;
  const fixed: string[] = [];
  for (const [i, segment] of segments.entries()) {
    if (segment.includes('{')) {
      if (!PARTITION.test(segment)) return undefined;
      break;
    }
    if (segment === '' && i === segments.length - 1) break;
    if (!SEGMENT.test(segment)) return undefined;
    fixed.push(segment);
  }
  return `s3://${bucket}/${fixed.join('/')}`;
}

/** `redshift://<host>:5439/<database>/<schema>/<table>` from `warehouse://schema.table`, or undefined. */
function tableUri(graph: WorkflowGraph, location: string): string | undefined {
  if (!location.startsWith('warehouse://')) return undefined;
  const table = location.slice('warehouse://'.length);
  const warehouse = graph.workflow.warehouse;
  if (warehouse === undefined || !TABLE.test(table)) return undefined;
  const host = warehouse.workgroupName ?? warehouse.clusterIdentifier;
  if (host === undefined || !(warehouse.workgroupName !== undefined ? WORKGROUP : CLUSTER).test(host)) return undefined;
  const parts = table.split('.');
  const database = parts.length === 3 ? parts[0] : warehouse.database;
  if (database === undefined || !DATABASE.test(database)) return undefined;
  const [schema, name] = parts.length === 1 ? ['public', parts[0]] : parts.slice(-2);
  return `redshift://${host}:${REDSHIFT_PORT}/${database}/${schema}/${name}`;
}

/** Every byte of the UTF-8 text except letters, digits and `-._~` as `%XX`. */
function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf-8')].map((b) => {
    const ch = String.fromCharCode(b);
    return /[A-Za-z0-9._~-]/.test(ch) ? ch : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}
