import { Engine } from '../../core/engine';
import { DiagnosticSeverity } from '../diagnostic';
import { Rule, TIB, diagnostic, humanBytes } from '../rule';

/** TRB008: data of 1 TiB or more is processed on Spark only, never on a single machine or in a SQL step. */
export const largeDataOnSpark: Rule = (graph) => graph.nodes.flatMap((node) => {
  if (node.engine === Engine.SPARK || !node.readsInputData) return [];
  const sizes = node.inputs.filter((id) => graph.hasNode(id))
    .map((id) => ({ id, bytes: graph.node(id).output?.estimatedSizeBytes ?? 0 }));
  if (node.inputs.length === 0 && node.engine === Engine.SINGLE_WORKER) {
    sizes.push({ id: node.id, bytes: node.output?.estimatedSizeBytes ?? 0 });
  }
  const largest = sizes.sort((a, b) => b.bytes - a.bytes)[0];
  if (!largest || largest.bytes < TIB) return [];
  return [diagnostic(node, 'TRB008',
    `${node.type} '${node.id}' runs on ${node.engine} but handles '${largest.id}' of ${humanBytes(largest.bytes)}; data of 1 TiB or more runs on Spark`,
    node.type === 'QualityCheck'
      ? 'set engine: Engine.SPARK on the check'
      : largest.id === node.id
        ? `check estimatedSize of '${node.id}'; data of this size should land in object storage and be read with a LogSource and a SparkTask`
        : `reduce '${largest.id}' with a SparkTask first (aggregate, filter or sample) and give this node the smaller output`)];
});

/** TRB009: a table of 1 TiB or more is never read in full every day. */
export const noDailyFullScan: Rule = (graph) => graph.nodes.flatMap((node) => {
  const bytes: number = node.properties.tableSizeBytes ?? 0;
  if (node.type !== 'DatabaseSource' || node.properties.ingest?.mode !== 'full_table' || bytes < TIB) return [];
  // The fix names a real timestamp (or date) column of the table when its schema has one, never a guess.
  const cursor = node.output?.columns?.find((c) => c.type === 'timestamp') ?? node.output?.columns?.find((c) => c.type === 'date');
  const incremental = cursor
    ? `IngestMode.incremental({ cursorColumn: '${cursor.name}' })`
    : 'IngestMode.incremental({ cursorColumn: <a column that grows with each change> })';
  return [diagnostic(node, 'TRB009',
    `table '${node.properties.table}' (${humanBytes(bytes)}) is read in full every day, which loads the primary and is not a consistent snapshot`,
    `use ${incremental}, IngestMode.snapshotExport() or IngestMode.changeDataCapture()`)];
});

/** A day's JDBC read from which one connection is too slow: about an hour at typical rates. */
const SINGLE_CONNECTION_LIMIT = 50 * 1024 ** 3;

/** TRB018 (warning): a large daily JDBC read is split over several connections. */
export const partitionedJdbcReads: Rule = (graph) => graph.nodes.flatMap((node) => {
  const mode = node.properties.ingest?.mode;
  const bytes = node.output?.estimatedSizeBytes ?? 0;
  if (node.type !== 'DatabaseSource' || (mode !== 'incremental' && mode !== 'full_table')) return [];
  if (node.properties.partitionedRead || bytes < SINGLE_CONNECTION_LIMIT) return [];
  return [diagnostic(node, 'TRB018',
    `'${node.id}' reads ${humanBytes(bytes)} a day from '${node.properties.table}' over a single JDBC connection`,
    "set partitionedRead: { column: '<numeric or date key>', numPartitions: 16 } (numPartitions is also the most connections opened)",
    DiagnosticSeverity.WARNING)];
});
