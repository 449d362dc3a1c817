import { App, Size } from 'aws-cdk-lib/core';
import type { StartJobRunRequest } from '@aws-sdk/client-emr-serverless';
import { DataPlatformStack } from '../../../bin/platform';
import {
  DatabaseEngine, DatabaseSource, EventBus, EventPayload, EventSink, IngestMode, Secret, SparkTask, Testing, WorkflowGraph,
} from '../../../lib';
import {
  dailyInputBytes, EMR_PLACEHOLDERS, emrJobNodes, landingLocation, nodeArgument, planJob, sharedJobPlan, sharedStartJobRunSpec, SPARK_KAFKA_PACKAGE, startJobRunSpec,
} from '../../../lib/targets/emr/jobs';
import { sizeFor } from '../../../lib/targets/emr/sizing';
import { newWorkflow, ORDERS_SCHEMA, ordersSource, validWorkflow } from '../../util';

const GIB = 1024 ** 3;

function platformGraphs(): Record<string, WorkflowGraph> {
  const stack = new DataPlatformStack(new App({ analyticsReporting: false }), 'DataPlatform');
  return Object.fromEntries(stack.workflows.map((w) => [w.workflowId, Testing.graph(w)]));
}

/** The `--conf` settings of a spec's sparkSubmitParameters. */
function submitConf(spec: any): Record<string, string> {
  return Object.fromEntries(spec.jobDriver.sparkSubmit.sparkSubmitParameters.split(/\s*--conf\s+/).filter(Boolean)
    .map((kv: string) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
}

function defaults(spec: any): Record<string, string> {
  return spec.configurationOverrides.applicationConfiguration[0].properties;
}

test('EMR job nodes are the Spark nodes, the single-worker HTTP and Kafka jobs and export conversions, in graph order', () => {
  // GIVEN the reference platform
  const graphs = platformGraphs();

  // WHEN
  const jobs = Object.fromEntries(Object.entries(graphs).map(([id, g]) => [id, emrJobNodes(g).map((n) => n.id)]));

  // THEN warehouse nodes, log sensors and EventBridge completion events are not EMR jobs
  expect(jobs.commerce.sort()).toEqual(['customers', 'enrich_orders', 'enriched_orders_quality', 'fx_rates', 'orders', 'products']);
  expect(jobs.clickstream.sort()).toEqual(['ad_spend', 'attribution', 'engagement', 'sessionize', 'sessions_quality']);
  expect(jobs.customer360.sort()).toEqual([
    'build_profiles', 'crm_accounts', 'profile_updates', 'profiles_quality', 'push_scores_to_crm', 'subscriptions', 'support_tickets', 'unload_churn_scores',
  ]);
  // AND every Spark node is one of them, in the graph's order
  for (const g of Object.values(graphs)) {
    expect(g.nodes.filter((n) => n.engine === 'spark').every((n) => emrJobNodes(g).includes(n))).toBe(true);
    expect(emrJobNodes(g).map((n) => n.id)).toEqual(g.order.filter((id) => emrJobNodes(g).some((n) => n.id === id)));
  }
});

test('nodes that are not EMR jobs have no spec', () => {
  // GIVEN
  const { workflow } = validWorkflow();

  // THEN
  expect(startJobRunSpec(workflow.toGraph(), 'load')).toBeUndefined();
});

test('a SparkTask spec runs its own script with its own arguments, placeholders, logs, timeout, one attempt and tags', () => {
  // GIVEN
  const { workflow } = validWorkflow();
  const graph = workflow.toGraph();

  // WHEN
  const spec: any = startJobRunSpec(graph, 'enrich');

  // THEN
  expect(spec.applicationId).toBe(EMR_PLACEHOLDERS.applicationId);
  expect(spec.executionRoleArn).toBe(EMR_PLACEHOLDERS.executionRoleArn);
  expect(spec.name).toBe('pipeline.enrich');
  expect(spec.mode).toBe('BATCH');
  expect(spec.executionTimeoutMinutes).toBe(Math.ceil(graph.node('enrich').timeoutSeconds / 60));
  expect(spec.jobDriver.sparkSubmit.entryPoint).toBe('s3://jobs-bucket/enrich.py');
  expect(spec.jobDriver.sparkSubmit.entryPointArguments).toEqual(['--ds', '{{ds}}']);
  expect(submitConf(spec)['spark.submit.pyFiles']).toBe('${TributaryScriptsLocation}/tributary_jobs.py');
  expect(spec.configurationOverrides.monitoringConfiguration.s3MonitoringConfiguration.logUri).toBe('${EmrLogUri}/pipeline/enrich/');
  expect(spec.retryPolicy).toEqual({ maxAttempts: 1 });
  expect(spec.tags).toEqual({ workflow: 'pipeline', node: 'enrich', owner: 'team@example.com' });
  expect(spec.clientToken).toBeUndefined();
});

test('a spec has the StartJobRun request shape of the AWS SDK', () => {
  // GIVEN
  const { workflow } = validWorkflow();

  // WHEN the spec is used as the SDK's request (a compile-time check of the field names, plus the keys)
  const request = startJobRunSpec(workflow.toGraph(), 'orders') as unknown as StartJobRunRequest;

  // THEN
  expect(Object.keys(request).sort()).toEqual([
    'applicationId', 'configurationOverrides', 'executionRoleArn', 'executionTimeoutMinutes', 'jobDriver', 'mode', 'name', 'retryPolicy', 'tags',
  ]);
  expect(request.jobDriver?.sparkSubmit?.entryPoint).toBe('${TributaryScriptsLocation}/ingest_jdbc.py');
});

test('a generic script gets --ds {{ds}} and --node with the workflow, node, properties, input datasets and output', () => {
  // GIVEN
  const { workflow } = validWorkflow();
  const graph = workflow.toGraph();

  // WHEN
  const spec: any = startJobRunSpec(graph, 'orders');
  const args: string[] = spec.jobDriver.sparkSubmit.entryPointArguments;

  // THEN
  expect(args.slice(0, 3)).toEqual(['--ds', '{{ds}}', '--node']);
  expect(args[3]).toBe(nodeArgument(graph, graph.node('orders')));
  expect(JSON.parse(args[3])).toEqual({
    workflow: 'pipeline', node: 'orders', properties: JSON.parse(JSON.stringify(graph.node('orders').properties)), inputs: [],
    output: JSON.parse(JSON.stringify(graph.node('orders').output)),
  });
  expect(args[3]).not.toMatch(/\n| {2}/); // compact
});

test('the --node argument of a Spark quality check carries its input datasets', () => {
  // GIVEN the reference platform's Spark quality check of sessions
  const graph = platformGraphs().clickstream;

  // WHEN
  const node = JSON.parse(nodeArgument(graph, graph.node('sessions_quality')));

  // THEN
  expect(node.inputs).toEqual([JSON.parse(JSON.stringify(graph.node('sessionize').output))]);
  expect(node.properties.rules.length).toBe(3);
});

test('each database ingest mode runs its own script, with the JDBC driver only for JDBC reads', () => {
  // GIVEN
  const workflow = newWorkflow();
  const source = (id: string, ingest: IngestMode, engine = DatabaseEngine.MYSQL) => new DatabaseSource(workflow, id, {
    engine, connection: Secret.fromSecretsManager('prod/db/reader'), table: 'app.t', ingest, schema: ORDERS_SCHEMA, estimatedSize: Size.gibibytes(5),
  });
  source('Inc', IngestMode.incremental({ cursorColumn: 'updated_at' }), DatabaseEngine.POSTGRES);
  source('Full', IngestMode.fullTable());
  source('Cdc', IngestMode.changeDataCapture());
  source('Snap', IngestMode.snapshotExport());
  const graph = workflow.toGraph();
  const spec = (id: string): any => startJobRunSpec(graph, id);

  // THEN
  expect(['inc', 'full', 'cdc', 'snap'].map((id) => spec(id).jobDriver.sparkSubmit.entryPoint.split('/').pop()))
    .toEqual(['ingest_jdbc.py', 'ingest_jdbc.py', 'merge_changes.py', 'convert_export.py']);
  expect(submitConf(spec('inc'))['spark.jars.packages']).toBe('org.postgresql:postgresql:42.7.4');
  expect(submitConf(spec('full'))['spark.jars.packages']).toBe('com.mysql:mysql-connector-j:8.4.0');
  expect(submitConf(spec('cdc'))['spark.jars.packages']).toBeUndefined();
  expect(submitConf(spec('snap'))['spark.jars.packages']).toBeUndefined();
});

test("an EventSink on Kafka gets Spark's Kafka data source, whatever its payload; on EventBridge it gets none", () => {
  // GIVEN record and completion events of one dataset on Kafka, and record events on EventBridge
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  const kafka = EventBus.kafka({ topic: 'orders.v1', connection: Secret.fromSecretsManager('prod/msk/producer') });
  const sink = (id: string, bus: EventBus, payload: EventPayload) => new EventSink(workflow, id, {
    inputs: [orders.output], bus, payload, source: 'com.acme.orders', detailType: 'OrderLoaded',
  });
  sink('Records', kafka, EventPayload.records('order_id'));
  sink('Done', kafka, EventPayload.completion());
  sink('Bridge', EventBus.eventBridge('orders-bus'), EventPayload.records('order_id'));
  const graph = workflow.toGraph();
  const spec = (id: string): any => startJobRunSpec(graph, id);

  // THEN both Kafka jobs name the package that scripts/publish_events.py needs, and the EventBridge job none
  expect(SPARK_KAFKA_PACKAGE).toBe('org.apache.spark:spark-sql-kafka-0-10_2.12:3.5.5');
  expect(submitConf(spec('records'))['spark.jars.packages']).toBe(SPARK_KAFKA_PACKAGE);
  expect(submitConf(spec('done'))['spark.jars.packages']).toBe(SPARK_KAFKA_PACKAGE);
  expect(submitConf(spec('bridge'))['spark.jars.packages']).toBeUndefined();
});

test('a CDC merge is sized from the whole table, which it reads as yesterday\'s state', () => {
  // GIVEN a CDC source landing 2 GiB a day of a 900 GiB table
  const workflow = newWorkflow();
  new DatabaseSource(workflow, 'Subs', {
    engine: DatabaseEngine.MYSQL, connection: Secret.fromSecretsManager('prod/db/reader'), table: 'billing.subs',
    ingest: IngestMode.changeDataCapture(), schema: ORDERS_SCHEMA, estimatedSize: Size.gibibytes(2), tableSize: Size.gibibytes(900),
  });
  const graph = workflow.toGraph();

  // THEN
  expect(dailyInputBytes(graph, graph.node('subs'))).toBe(900 * GIB);
  expect(planJob(graph, 'subs')!.sizing).toEqual(sizeFor(900 * GIB));
});

test('a task is sized from the sum of its inputs\' daily sizes', () => {
  // GIVEN two sources of 20 and 30 GiB read by one task
  const workflow = newWorkflow();
  const a = ordersSource(workflow, 'A', Size.gibibytes(20));
  const b = ordersSource(workflow, 'B', Size.gibibytes(30));
  new SparkTask(workflow, 'Join', { script: 's3://jobs-bucket/join.py', inputs: [a.output, b.output] });
  const graph = workflow.toGraph();

  // THEN
  expect(dailyInputBytes(graph, graph.node('join'))).toBe(50 * GIB);
  const conf = submitConf(startJobRunSpec(graph, 'join'));
  const sized = sizeFor(50 * GIB);
  expect(conf['spark.dynamicAllocation.maxExecutors']).toBe(String(sized.maxExecutors));
  expect(defaults(startJobRunSpec(graph, 'join'))).toEqual(sized.sqlConf);
});

test('declared resources override the formula: vCPU, memory, executors', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  new SparkTask(workflow, 'Big', {
    script: 's3://jobs-bucket/big.py', inputs: [orders.output],
    resources: { executorCpu: 8, maxExecutors: 40, driverCpu: 4, driverMemory: Size.gibibytes(20) },
  });

  // WHEN
  const conf = submitConf(startJobRunSpec(workflow.toGraph(), 'big'));

  // THEN an executor vCPU count without memory gets that worker's default heap (29g for 8 vCPU)
  expect([conf['spark.executor.cores'], conf['spark.executor.memory']]).toEqual(['8', '29g']);
  expect([conf['spark.driver.cores'], conf['spark.driver.memory']]).toEqual(['4', '20g']);
  expect(conf['spark.dynamicAllocation.maxExecutors']).toBe('40');
});

test('sparkConf overrides the formula: worker keys in sparkSubmitParameters, the rest in spark-defaults, lists appended', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  new SparkTask(workflow, 'Tuned', {
    script: 's3://jobs-bucket/tuned.py', inputs: [orders.output],
    sparkConf: {
      'spark.executor.memory': '20g',
      'spark.sql.shuffle.partitions': '4000',
      'spark.submit.pyFiles': 's3://jobs-bucket/lib.zip',
      'spark.acme.mode': 'fast',
    },
  });

  // WHEN
  const spec = startJobRunSpec(workflow.toGraph(), 'tuned');

  // THEN
  const conf = submitConf(spec);
  expect(conf['spark.executor.memory']).toBe('20g');
  expect(conf['spark.submit.pyFiles']).toBe('${TributaryScriptsLocation}/tributary_jobs.py,s3://jobs-bucket/lib.zip');
  expect(defaults(spec)['spark.sql.shuffle.partitions']).toBe('4000');
  expect(defaults(spec)['spark.acme.mode']).toBe('fast');
  expect(defaults(spec)['spark.executor.memory']).toBeUndefined();
});

test('single-worker jobs start no executor unless the script uses Spark', () => {
  // GIVEN the reference platform's HTTP source
  const graph = platformGraphs().commerce;

  // WHEN
  const spec: any = startJobRunSpec(graph, 'fx_rates');
  const conf = submitConf(spec);

  // THEN
  expect(spec.jobDriver.sparkSubmit.entryPoint).toBe('${TributaryScriptsLocation}/api_ingest.py');
  expect(conf['spark.dynamicAllocation.initialExecutors']).toBe('0');
  expect(conf['spark.dynamicAllocation.minExecutors']).toBe('0');
  expect(conf['spark.dynamicAllocation.maxExecutors']).toBe('1');
  expect([conf['spark.driver.cores'], conf['spark.driver.memory']]).toEqual(['1', '3g']);
  expect(spec.configurationOverrides.applicationConfiguration).toBeUndefined();
});

test('landing folders sit next to the dataset\'s day partitions', () => {
  // THEN
  expect(landingLocation({ location: 's3://lake/orders/ds={{ds}}/' }, '_export')).toBe('s3://lake/orders/_export/ds={{ds}}/');
  expect(landingLocation({ location: 's3://lake/orders/{{ds_nodash}}/part/' }, '_changes')).toBe('s3://lake/orders/_changes/{{ds_nodash}}/part/');
  expect(landingLocation({ location: 's3://lake/orders' }, '_export')).toBe('s3://lake/orders/_export/');
});

test('a spec is the same on every call', () => {
  // GIVEN
  const graph = platformGraphs().clickstream;

  // THEN
  expect(JSON.stringify(startJobRunSpec(graph, 'sessionize'))).toBe(JSON.stringify(startJobRunSpec(platformGraphs().clickstream, 'sessionize')));
});

test('the shared plan and request of a node are made once per graph, equal a fresh one, and cannot be changed', () => {
  // GIVEN every node of the reference platform
  for (const graph of Object.values(platformGraphs())) {
    for (const id of graph.order) {
      // WHEN asked twice
      const spec = sharedStartJobRunSpec(graph, id);

      // THEN the same objects, equal to a fresh plan and request (none for nodes that are not EMR jobs), frozen
      expect(sharedStartJobRunSpec(graph, id)).toBe(spec);
      expect(sharedJobPlan(graph, id)).toBe(sharedJobPlan(graph, id));
      expect(sharedJobPlan(graph, id)).toEqual(planJob(graph, id));
      expect(spec).toEqual(startJobRunSpec(graph, id));
      if (spec !== undefined) {
        expect(Object.isFrozen(sharedJobPlan(graph, id))).toBe(true);
        const args = (spec as any).jobDriver.sparkSubmit.entryPointArguments;
        expect(() => args.push('--more')).toThrow(TypeError);
      }
    }
  }
});
