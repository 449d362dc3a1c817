import { EdgeKind, Engine, GraphNode, NodeKind, WorkflowGraph } from '../../../lib';
import {
  OPERATORS, exportIdPrefix, isEventBridgeCompletion, operatorSteps, secretName, waiterAttempts,
} from '../../../lib/targets/airflow/operators';
import { graphNode, graphWorkflow } from '../../fixtures';

const out = (id: string) => ({ id, location: `s3://lake/${id}/ds={{ds}}/`, format: 'parquet' });

function graphOfNodes(nodes: GraphNode[]): WorkflowGraph {
  const edges = nodes.flatMap((n) => n.upstream.map((from) => ({ from, to: n.id, kind: EdgeKind.DATA })));
  return new WorkflowGraph({ workflow: graphWorkflow({ warehouse: { database: 'analytics', workgroupName: 'etl' } }), nodes, edges });
}

const NODES: GraphNode[] = [
  graphNode('spark', { output: out('spark'), properties: { script: 's3://jobs/a.py', arguments: ['--ds', '{{ds}}'] } }),
  graphNode('api', { kind: NodeKind.SOURCE, type: 'ApiSource', engine: Engine.SINGLE_WORKER, output: out('api'), properties: { baseUrl: 'https://x' } }),
  graphNode('logs', { kind: NodeKind.SOURCE, type: 'LogSource', engine: Engine.SENSOR, output: out('logs'), properties: { completionMarker: '_SUCCESS', pollIntervalSeconds: 60, arrivalTimeoutSeconds: 600 } }),
  graphNode('export', { kind: NodeKind.SOURCE, type: 'DatabaseSource', engine: Engine.DATABASE_EXPORT, output: out('export'), properties: { table: 'public.c' } }),
  graphNode('sql', { type: 'SqlTask', engine: Engine.WAREHOUSE, properties: { sql: 'DELETE FROM t; INSERT INTO t SELECT 1', table: 't' } }),
  graphNode('bus', { kind: NodeKind.SINK, type: 'EventSink', engine: Engine.SINGLE_WORKER, inputs: ['spark'], upstream: ['spark'], properties: { bus: { broker: 'eventbridge', busName: 'b' }, source: 'com.x', detailType: 'Done', payload: { kind: 'completion' } } }),
  graphNode('kafka', { kind: NodeKind.SINK, type: 'EventSink', engine: Engine.SINGLE_WORKER, inputs: ['spark'], upstream: ['spark'], properties: { bus: { broker: 'kafka', topic: 't' }, source: 'com.x', detailType: 'Done', payload: { kind: 'completion' } } }),
];
const graph = graphOfNodes(NODES);
const stepsOf = (id: string) => operatorSteps(graph, graph.node(id));
const args = (id: string, step = 0) => Object.fromEntries(stepsOf(id)[step].arguments) as Record<string, any>;

test('each job kind runs on the operator the team chose: EMR for Spark and single-worker jobs, Redshift Data, S3 sensor, EventBridge', () => {
  // THEN
  const operators = Object.fromEntries(NODES.map((n) => [n.id, stepsOf(n.id).map((s) => s.operator.name)]));
  expect(operators).toEqual({
    spark: ['EmrServerlessStartJobOperator'],
    api: ['EmrServerlessStartJobOperator'],
    logs: ['S3KeySensor'],
    export: ['RdsStartExportTaskOperator', 'EmrServerlessStartJobOperator'],
    sql: ['RedshiftDataOperator'],
    bus: ['EventBridgePutEventsOperator'],
    kafka: ['EmrServerlessStartJobOperator'],
  });
  expect(isEventBridgeCompletion(graph.node('bus'))).toBe(true);
  expect(isEventBridgeCompletion(graph.node('kafka'))).toBe(false);
});

test('an EMR job takes the driver and overrides of its StartJobRun request, the rest through config, and a waiter that outlasts its timeout', () => {
  // WHEN
  const spark = args('spark');

  // THEN
  expect(spark.application_id).toBe('{{ var.value.tributary_emr_application_id }}');
  expect(spark.execution_role_arn).toBe('{{ var.value.tributary_emr_job_role_arn }}');
  expect(spark.job_driver.sparkSubmit).toMatchObject({ entryPoint: 's3://jobs/a.py', entryPointArguments: ['--ds', '{{ ds }}'] });
  expect(spark.configuration_overrides.monitoringConfiguration.s3MonitoringConfiguration.logUri).toBe('{{ var.value.tributary_emr_log_uri }}/pipeline/spark/');
  expect(spark.config).toEqual({ executionTimeoutMinutes: 360, mode: 'BATCH', retryPolicy: { maxAttempts: 1 }, tags: { workflow: 'pipeline', node: 'spark', owner: 'team@example.com' } });
  expect([spark.waiter_delay, spark.waiter_max_attempts]).toEqual([60, 361]);
  expect(waiterAttempts(90)).toBe(3);
});

test("a generic job gets --ds and --node with the workflow, node, properties, inputs and output, as the scripts' contract says", () => {
  // WHEN
  const spec = args('kafka');
  const argv: string[] = spec.job_driver.sparkSubmit.entryPointArguments;

  // THEN
  expect(spec.job_driver.sparkSubmit.entryPoint).toBe("{{ var.value.tributary_scripts_location }}/publish_events.py");
  expect(argv.slice(0, 3)).toEqual(['--ds', '{{ ds }}', '--node']);
  // AND the logical date in the node's locations is Airflow's own {{ ds }}, rendered when the task runs
  expect(JSON.parse(argv[3])).toEqual({
    workflow: 'pipeline', node: 'kafka', properties: graph.node('kafka').properties, inputs: [{ ...out('spark'), location: 's3://lake/spark/ds={{ ds }}/' }], output: null,
  });
});

test('the log sensor waits for the marker of the day in reschedule mode', () => {
  // THEN
  expect(args('logs')).toEqual({ bucket_key: 's3://lake/logs/ds={{ ds }}/_SUCCESS', mode: 'reschedule', poke_interval: 60, timeout: 600 });
});

test('SQL runs on the workflow warehouse as a list of statements (one transaction); a field ending in .sql is not read as a file', () => {
  // THEN
  expect(args('sql')).toEqual({
    database: 'analytics', workgroup_name: 'etl', statement_name: "pipeline.sql{{ '' }}", sql: ['DELETE FROM t', 'INSERT INTO t SELECT 1'],
  });
});

test('a snapshot export writes under <workflow>/<node>/<ds> with an id RDS accepts, unique per date and attempt', () => {
  // WHEN
  const exported = args('export', 0);

  // THEN
  expect(exported.s3_prefix).toBe('pipeline/export/{{ ds }}');
  expect(exported.export_task_identifier).toMatch(/^trb-export-[0-9a-f]{8}-\{\{ ds_nodash \}\}-\{\{ ti\.try_number \}\}$/);
  expect(exported.source_arn).toBe("{{ var.value.get('tributary_rds_export_source_arn.pipeline.export') }}");
  // AND the longest prefix leaves room for the date and a two-digit attempt within 60 characters
  const prefix = exportIdPrefix('w'.repeat(80), `${'n'.repeat(70)}__x`);
  expect(`${prefix}-20261231-10`.length).toBeLessThanOrEqual(60);
  expect(prefix).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  expect(exportIdPrefix('a', 'b')).not.toBe(exportIdPrefix('a2', 'b'));
});

test('an EventBridge completion event names the workflow, the date and the datasets', () => {
  // WHEN
  const [entry] = args('bus').entries;

  // THEN
  expect({ ...entry, Detail: undefined }).toEqual({ Source: 'com.x', DetailType: 'Done', EventBusName: 'b', Detail: undefined });
  expect(JSON.parse(entry.Detail)).toEqual({ workflow: 'pipeline', ds: '{{ ds }}', datasets: [{ id: 'spark', location: 's3://lake/spark/ds={{ ds }}/' }] });
});

test('secrets are Secrets Manager names; an Airflow connection is read from airflow/connections/<id>', () => {
  // THEN
  expect(secretName({ store: 'secretsmanager', reference: 'prod/x' })).toBe('prod/x');
  expect(secretName({ store: 'airflow_connection', reference: 'crm' })).toBe('airflow/connections/crm');
});

test('a node on an engine Airflow has no operator for is a programming error', () => {
  // THEN
  expect(() => operatorSteps(graph, graphNode('cdc', { engine: Engine.CHANGE_DATA_CAPTURE }))).toThrow(/no operator for node 'cdc'/);
  expect(Object.keys(OPERATORS)).toHaveLength(5);
});
