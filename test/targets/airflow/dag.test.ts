import { EdgeKind, Engine, NodeKind, WorkflowGraph } from '../../../lib';
import { buildAirflowDag, dagTags } from '../../../lib/targets/airflow/dag';
import { PyAsset, PyDate, PyTimedelta } from '../../../lib/targets/airflow/python-literal';
import { graphNode, graphWorkflow } from '../../fixtures';

const defaults = { retries: 3, retryDelaySeconds: 120, exponentialBackoff: true, timeoutSeconds: 7200 };
const same = { retries: 3, retryDelaySeconds: 120, exponentialBackoff: true, timeoutSeconds: 7200 };

const graph = new WorkflowGraph({
  workflow: graphWorkflow({ description: 'd', tags: { tier: 'gold', domain: 'x' }, catchup: true, maxActiveRuns: 3, defaults }),
  nodes: [
    graphNode('export', { kind: NodeKind.SOURCE, type: 'DatabaseSource', engine: Engine.DATABASE_EXPORT, output: { id: 'export', location: 's3://l/e/ds={{ds}}/', format: 'parquet' }, ...same }),
    graphNode('b', { ...same, description: 'B does things' }),
    graphNode('a', { inputs: ['export'], upstream: ['b', 'export'], ...same, retries: 0, timeoutSeconds: 60, exponentialBackoff: false }),
  ],
  edges: [{ from: 'export', to: 'a', kind: EdgeKind.DATA }, { from: 'b', to: 'a', kind: EdgeKind.DEPENDENCY }],
});

test('the DAG takes its schedule, start date, catchup, run limit, description and tags from the workflow', () => {
  // WHEN
  const dag = buildAirflowDag(graph);

  // THEN
  expect(dag.dagId).toBe('pipeline');
  expect(dag.constructPath).toBe('Test/Pipeline');
  const args = Object.fromEntries(dag.arguments);
  expect(args).toMatchObject({ description: 'd', schedule: '0 2 * * *', catchup: true, max_active_runs: 3, tags: ['domain:x', 'tier:gold'] });
  expect(args.start_date).toEqual(new PyDate('2026-01-01'));
});

test("default_args carry the owner and the workflow's retry and timeout defaults; exponential backoff doubles", () => {
  // THEN
  expect(Object.fromEntries(buildAirflowDag(graph).arguments).default_args).toEqual({
    owner: 'team@example.com', retries: 3, retry_delay: new PyTimedelta(120), retry_exponential_backoff: 2, execution_timeout: new PyTimedelta(7200),
  });
});

test('a task sets only the settings where its node differs from the defaults, and its description as doc', () => {
  // WHEN
  const tasks = Object.fromEntries(buildAirflowDag(graph).tasks.map((t) => [t.taskId, Object.fromEntries(t.arguments)]));

  // THEN
  expect(tasks.a).toMatchObject({ retries: 0, retry_exponential_backoff: 0, execution_timeout: new PyTimedelta(60) });
  expect(tasks.a.retry_delay).toBeUndefined();
  expect(tasks.b.retries).toBeUndefined();
  expect(tasks.b.doc).toBe('B does things');
});

test("tasks come in the model's order; a node's downstream tasks wait for its last step", () => {
  // WHEN
  const tasks = buildAirflowDag(graph).tasks.map((t) => [t.taskId, t.node, t.upstream]);

  // THEN
  expect(tasks).toEqual([
    ['b', 'b', []],
    ['export.export', 'export', []],
    ['export', 'export', ['export.export']],
    ['a', 'a', ['b', 'export']],
  ]);
});

test('the Airflow Variables the tasks read are listed, sorted', () => {
  // THEN
  expect(buildAirflowDag(graph).variables).toEqual([
    'tributary_emr_application_id', 'tributary_emr_job_role_arn', 'tributary_emr_log_uri', 'tributary_rds_export_bucket',
    'tributary_rds_export_kms_key_id', 'tributary_rds_export_role_arn', 'tributary_rds_export_source_arn.pipeline.export', 'tributary_scripts_location',
  ]);
});

test("a graph without workflow settings gets Airflow's catchup off, one run at a time and the Workflow's documented defaults", () => {
  // GIVEN
  const bare = new WorkflowGraph({ workflow: graphWorkflow(), nodes: [graphNode('a')], edges: [] });

  // WHEN
  const args = Object.fromEntries(buildAirflowDag(bare).arguments);

  // THEN
  expect([args.catchup, args.max_active_runs]).toEqual([false, 1]);
  expect(args.default_args).toMatchObject({ retries: 2, retry_delay: new PyTimedelta(300), execution_timeout: new PyTimedelta(21600) });
  expect(buildAirflowDag(bare).tasks[0].arguments.map(([k]) => k)).not.toContain('retries');
});

test('DAG tags are key:value, sorted by key', () => {
  // THEN
  expect(dagTags({ b: '1', a: '2' })).toEqual(['a:2', 'b:1']);
});

test("a node's first task declares its inputs as inlets and its last task its output as outlets; no task declares an empty list", () => {
  // WHEN
  const tasks = Object.fromEntries(buildAirflowDag(graph).tasks.map((t) => [t.taskId, Object.fromEntries(t.arguments)]));
  // (bucket 'l' is too short for S3, so the asset has the URI of a dataset no s3 URI can name)
  const exported = new PyAsset('pipeline.export', 'x-tributary-dataset:pipeline/export', { location: 's3://l/e/ds={{ds}}/', format: 'parquet' });

  // THEN the export's files are written by its last task, and read by the task of the node that reads them
  expect([tasks['export.export'].inlets, tasks['export.export'].outlets]).toEqual([undefined, undefined]);
  expect([tasks.export.inlets, tasks.export.outlets]).toEqual([undefined, [exported]]);
  expect([tasks.a.inlets, tasks.a.outlets]).toEqual([[exported], undefined]);
  expect([tasks.b.inlets, tasks.b.outlets]).toEqual([undefined, undefined]);
});

test('a hostile location in an asset does not add an Airflow Variable to the list the tasks read', () => {
  // GIVEN a location that reads like a Variable template
  const hostile = new WorkflowGraph({
    workflow: graphWorkflow(),
    nodes: [graphNode('s', { kind: NodeKind.SOURCE, output: { id: 's', location: 's3://l/{{ var.value.secret_thing }}/', format: 'parquet' } })],
    edges: [],
  });

  // WHEN
  const dag = buildAirflowDag(hostile);

  // THEN
  expect(Object.fromEntries(dag.tasks[0].arguments).outlets).toEqual([
    new PyAsset('pipeline.s', 'x-tributary-dataset:pipeline/s', { location: 's3://l/{{ var.value.secret_thing }}/', format: 'parquet' }),
  ]);
  expect(dag.variables).not.toContain('secret_thing');
});
