import { EdgeKind, GraphNode, GraphWorkflow, NodeKind, WorkflowGraph } from '../../../lib';
import { datasetAssets, inputAsset } from '../../../lib/targets/airflow/lineage';
import { graphNode, graphWorkflow } from '../../fixtures';

/** A graph of one source per location, in the given order, then `extra` nodes, with `workflow` settings. */
function graphOf(locations: Record<string, string>, workflow: Partial<GraphWorkflow> = {}, extra: GraphNode[] = []): WorkflowGraph {
  const nodes = [
    ...Object.entries(locations).map(([id, location]) => graphNode(id, {
      kind: NodeKind.SOURCE, output: { id, location, format: location.startsWith('warehouse://') ? 'warehouse_table' : 'parquet' },
    })),
    ...extra,
  ];
  const edges = nodes.flatMap((n) => n.upstream.map((from) => ({ from, to: n.id, kind: EdgeKind.DATA })));
  return new WorkflowGraph({ workflow: graphWorkflow(workflow), nodes, edges });
}

const uris = (graph: WorkflowGraph) => Object.fromEntries([...datasetAssets(graph)].map(([id, asset]) => [id, asset.uri]));

test('a lake dataset is its location up to the first segment with a placeholder, without the trailing slash', () => {
  // GIVEN
  const graph = graphOf({
    orders: 's3://acme-lake/commerce/orders/ds={{ds}}/',
    logs: 's3://acme-logs/web/dt={{ds}}/hour=all/',
    flat: 's3://acme-lake/flat/',
    root: 's3://acme-bucket/ds={{ds}}/',
  });

  // THEN
  expect(uris(graph)).toEqual({
    orders: 's3://acme-lake/commerce/orders',
    logs: 's3://acme-logs/web',
    flat: 's3://acme-lake/flat',
    root: 's3://acme-bucket/',
  });
});

test('a warehouse table is a redshift URI of the workgroup or cluster, the database, the schema and the table', () => {
  // GIVEN
  const locations = { two: 'warehouse://marts.revenue', three: 'warehouse://other_db.marts.revenue', one: 'warehouse://revenue' };

  // THEN
  expect(uris(graphOf(locations, { warehouse: { database: 'analytics', workgroupName: 'etl' } }))).toEqual({
    two: 'redshift://etl:5439/analytics/marts/revenue',
    three: 'redshift://etl:5439/other_db/marts/revenue',
    one: 'redshift://etl:5439/analytics/public/revenue',
  });
  expect(uris(graphOf({ two: locations.two }, { warehouse: { database: 'analytics', clusterIdentifier: 'main-cluster' } }))).toEqual({
    two: 'redshift://main-cluster:5439/analytics/marts/revenue',
  });
});

test('a dataset no URI form can write exactly is addressed by its workflow and id, percent-encoded, and keeps its location in extra', () => {
  // GIVEN locations with characters a URI escapes, an unknown scheme, and a table without a warehouse
  const odd = "s3://acme-lake/it's {{ 7 }}\n/ds={{ds}}/";
  const graph = graphOf({ odd, gcs: 'gs://bucket/x/', table: 'warehouse://marts.revenue', 'é x': 's3://acme-lake/a b/' });

  // WHEN
  const assets = datasetAssets(graph);

  // THEN
  expect(uris(graph)).toEqual({
    odd: 'x-tributary-dataset:pipeline/odd',
    gcs: 'x-tributary-dataset:pipeline/gcs',
    table: 'x-tributary-dataset:pipeline/table',
    'é x': 'x-tributary-dataset:pipeline/%C3%A9%20x',
  });
  expect(assets.get('odd')!.extra).toEqual({ location: odd, format: 'parquet' });
  expect(assets.get('é x')!.name).toBe('pipeline.é x');
});

test('datasets at the same URI are one asset, named after the first in the model order', () => {
  // GIVEN a quality check that passes on the dataset it audits, at the same location
  const location = 's3://acme-lake/orders/ds={{ds}}/';
  const check = graphNode('orders_quality', {
    type: 'QualityCheck', inputs: ['orders'], upstream: ['orders'], audits: 'orders', output: { id: 'orders_quality', location, format: 'parquet' },
  });

  // WHEN
  const assets = datasetAssets(graphOf({ orders: location }, {}, [check]));

  // THEN
  expect(assets.get('orders_quality')!.name).toBe('pipeline.orders');
  expect(assets.get('orders_quality')!.uri).toBe(assets.get('orders')!.uri);
});

test('an input from another workflow is named by its construct path', () => {
  // WHEN
  const asset = inputAsset(new Map(), 'Other/Flow/orders');

  // THEN
  expect([asset.name, asset.uri]).toEqual(['Other/Flow/orders', 'x-tributary-dataset:Other%2FFlow%2Forders']);
});
