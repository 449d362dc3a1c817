import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib/core';
import { DataPlatformStack } from '../../../bin/platform';
import { AirflowTarget, Testing, WorkflowGraph } from '../../../lib';
import { buildAirflowDag } from '../../../lib/targets/airflow/dag';
import { customSql, loadStatements, quoteTable, splitStatements } from '../../../lib/targets/warehouse';
import { tempDir } from '../../fixtures';
import { pythonEnv } from '../../support/python';
import { HOSTILE_TAG, hostileGraph, hostileString } from './hostile';

// Integration: the venv's Airflow loads every generated DAG in one Python process (about 4 s).

const DS = '2026-03-01';
const work = tempDir('tributary-airflow-');
const dagsFolder = path.join(work, 'dags');
const sentinel = path.join(work, 'code-ran');
const HOSTILE = hostileString(sentinel);

/** What the probe (dagbag_probe.py) reports for one task. */
interface ProbedTask {
  operator: string;
  upstream: string[];
  retries: number;
  retryDelaySeconds: number;
  retryExponentialBackoff: number;
  executionTimeoutSeconds: number | null;
  owner: string;
  doc: string | null;
  templateFields: Record<string, any>;
  rendered: Record<string, any>;
  secretArn: string | null;
  mode: string | null;
  pokeInterval: number | null;
  timeout: number | null;
  waiterMaxAttempts: number | null;
  waiterDelay: number | null;
  inlets: ProbedAsset[];
  outlets: ProbedAsset[];
}

/** An inlet or outlet as Airflow holds it. */
interface ProbedAsset {
  type: string;
  name: string | null;
  uri: string | null;
  group: string | null;
  extra: Record<string, unknown> | null;
}

interface ProbedDag {
  description: string | null;
  schedule: string;
  timetable: string;
  startDate: string;
  catchup: boolean;
  maxActiveRuns: number;
  tags: string[];
  tasks: Record<string, ProbedTask>;
}

let graphs: Record<string, WorkflowGraph>;
/** The reference platform's graph.json and airflow/<id>.json files, parsed, by workflow id. */
const graphJson: Record<string, any> = {};
const dagJson: Record<string, any> = {};
let probe: { importErrors: Record<string, string>; warnings: string[]; dags: Record<string, ProbedDag> };

beforeAll(() => {
  const stack = new DataPlatformStack(new App({ analyticsReporting: false }), 'DataPlatform');
  graphs = Object.fromEntries(stack.workflows.map((w) => [w.workflowId, Testing.graph(w)]));
  fs.mkdirSync(dagsFolder);
  for (const workflow of stack.workflows) {
    const files = Testing.synth(workflow);
    graphJson[workflow.workflowId] = JSON.parse(files['graph.json']);
    dagJson[workflow.workflowId] = JSON.parse(files[`airflow/${workflow.workflowId}.json`]);
    fs.writeFileSync(path.join(dagsFolder, `${workflow.workflowId}.py`), files[`airflow/${workflow.workflowId}.py`]);
  }
  graphs.hostile = hostileGraph(HOSTILE);
  const hostileFiles = new AirflowTarget().render(graphs.hostile);
  fs.writeFileSync(path.join(dagsFolder, 'hostile.py'), hostileFiles.find((f) => f.path.endsWith('.py'))!.content);

  const output = path.join(work, 'probe.json');
  const home = path.join(work, 'airflow-home');
  fs.mkdirSync(home);
  const run = spawnSync(pythonEnv().python, [path.join(__dirname, 'dagbag_probe.py'), dagsFolder, DS, output], {
    cwd: work,
    encoding: 'utf-8',
    env: { ...process.env, AIRFLOW_HOME: home, AIRFLOW__CORE__LOAD_EXAMPLES: 'False', AIRFLOW__CORE__DAGS_FOLDER: dagsFolder },
    timeout: 120_000,
  });
  if (run.status !== 0) throw new Error(`dagbag_probe.py failed (${run.status}):\n${run.stderr}\n${run.stdout}`);
  probe = JSON.parse(fs.readFileSync(output, 'utf-8'));
}, 150_000);

/** The node each task runs: from the DAG's JSON form for the platform, from the target's DAG data otherwise. */
function tasksOfNode(id: string): Map<string, string> {
  const tasks: Array<{ taskId: string; node: string }> = dagJson[id]?.tasks ?? buildAirflowDag(graphs[id]).tasks;
  return new Map(tasks.map((t) => [t.taskId, t.node]));
}

/** graph.json's node `nodeId` of workflow `id`. */
function jsonNode(id: string, nodeId: string): any {
  return graphJson[id].nodes.find((n: { id: string }) => n.id === nodeId);
}

test('Airflow loads every generated DAG without an import error', () => {
  // THEN
  expect(probe.importErrors).toEqual({});
  expect(Object.keys(probe.dags).sort()).toEqual(['clickstream', 'commerce', 'customer360', 'hostile']);
});

test.each(['clickstream', 'commerce', 'customer360'])('the %s DAG has the schedule, start date, catchup and run limit of graph.json', (id) => {
  // GIVEN
  const workflow = graphJson[id].workflow;

  // WHEN
  const dag = probe.dags[id];

  // THEN
  expect(dag.schedule).toBe(workflow.schedule);
  expect(dag.timetable).toBe('CronTriggerTimetable');
  expect(dag.startDate).toBe(`${workflow.startDate}T00:00:00+00:00`);
  expect(dag.catchup).toBe(workflow.catchup);
  expect(dag.maxActiveRuns).toBe(workflow.maxActiveRuns);
  expect(dag.description).toBe(workflow.description);
  expect(dag.tags).toEqual(Object.entries(workflow.tags as Record<string, string>).map(([k, v]) => `${k}:${v}`).sort());
});

test.each(['clickstream', 'commerce', 'customer360'])('the %s DAG has a task for every node, waiting for the nodes graph.json says', (id) => {
  // GIVEN
  const nodes: Array<{ id: string; upstream: string[] }> = graphJson[id].nodes;
  const nodeOf = tasksOfNode(id);
  const dag = probe.dags[id];

  // THEN every task belongs to a node, and every node has a task named after it
  expect(Object.keys(dag.tasks).map((t) => nodeOf.get(t)).every((n) => n !== undefined && jsonNode(id, n) !== undefined)).toBe(true);
  expect(nodes.map((n) => n.id).filter((n) => !(n in dag.tasks))).toEqual([]);
  // AND the tasks of a node wait, between them, for exactly the node's upstream nodes
  for (const node of nodes) {
    const own = Object.keys(dag.tasks).filter((t) => nodeOf.get(t) === node.id);
    const waitsFor = new Set(own.flatMap((t) => dag.tasks[t].upstream).map((t) => nodeOf.get(t)!).filter((n) => n !== node.id));
    expect({ node: node.id, upstream: [...waitsFor].sort() }).toEqual({ node: node.id, upstream: [...node.upstream].sort() });
  }
});

test.each(['clickstream', 'commerce', 'customer360'])('every task of the %s DAG has the retries, retry delay, backoff, timeout and owner of its node', (id) => {
  // GIVEN
  const nodeOf = tasksOfNode(id);

  // THEN
  for (const [taskId, task] of Object.entries(probe.dags[id].tasks)) {
    const node = jsonNode(id, nodeOf.get(taskId)!);
    expect({ taskId, retries: task.retries, delay: task.retryDelaySeconds, backoff: task.retryExponentialBackoff, timeout: task.executionTimeoutSeconds, owner: task.owner })
      .toEqual({ taskId, retries: node.retries, delay: node.retryDelaySeconds, backoff: node.exponentialBackoff ? 2 : 0, timeout: node.timeoutSeconds, owner: graphJson[id].workflow.owner });
  }
});

test('EMR jobs and exports wait at least as long as their node may run, so the waiter never cancels a job that is still allowed to run', () => {
  for (const [id, graph] of Object.entries(graphs)) {
    const nodeOf = tasksOfNode(id);
    for (const [taskId, task] of Object.entries(probe.dags[id].tasks)) {
      if (task.operator !== 'EmrServerlessStartJobOperator') continue;
      // THEN
      expect(task.waiterDelay! * task.waiterMaxAttempts!).toBeGreaterThan(graph.node(nodeOf.get(taskId)!).timeoutSeconds);
    }
  }
});

test('the log source waits for its completion marker in reschedule mode, polling and giving up as the model says', () => {
  // GIVEN
  const node = graphs.clickstream.node('clickstream_logs');

  // WHEN
  const task = probe.dags.clickstream.tasks.clickstream_logs;

  // THEN
  expect(task.operator).toBe('S3KeySensor');
  expect(task.mode).toBe('reschedule');
  expect(task.pokeInterval).toBe(node.properties.pollIntervalSeconds);
  expect(task.timeout).toBe(node.properties.arrivalTimeoutSeconds);
  expect(task.rendered.bucket_key).toBe(`${node.output!.location.replace('{{ds}}', DS)}${node.properties.completionMarker}`);
});

test("Tributary's date placeholders render as Airflow's own: ds, ds_nodash, and the days after and before ds", () => {
  // GIVEN crm_accounts reads the window [{{ds}}, {{next_ds}}); fx_rates puts {{ds}} in its path
  const crm = probe.dags.customer360.tasks.crm_accounts.rendered.job_driver.sparkSubmit.entryPointArguments;

  // WHEN
  const node = JSON.parse(crm[crm.indexOf('--node') + 1]);

  // THEN
  expect(crm.slice(0, 2)).toEqual(['--ds', DS]);
  expect(node.properties.query).toEqual({ updated_since: '2026-03-01', updated_before: '2026-03-02' });
  // AND the two other placeholders, through the same template text the target writes
  const orders = probe.dags.commerce.tasks.daily_revenue.rendered.sql as string[];
  expect(orders[0]).toBe("DELETE FROM marts.daily_revenue WHERE ds = '2026-03-01'");
});

test('the EMR placeholders are filled from Airflow Variables when the task runs', () => {
  // WHEN
  const task = probe.dags.commerce.tasks.enrich_orders.rendered;

  // THEN
  expect(task.application_id).toBe('<var:tributary_emr_application_id>');
  expect(task.execution_role_arn).toBe('<var:tributary_emr_job_role_arn>');
  expect(task.configuration_overrides.monitoringConfiguration.s3MonitoringConfiguration.logUri).toBe('<var:tributary_emr_log_uri>/commerce/enrich_orders/');
  expect(probe.dags.commerce.tasks.products.rendered.job_driver.sparkSubmit.entryPoint).toMatch(/^<var:tributary_scripts_location>\//);
});

test('the hostile DAG loads and running its file and rendering its templates ran none of the code in its strings', () => {
  // THEN
  expect(probe.dags.hostile).toBeDefined();
  expect(fs.existsSync(sentinel)).toBe(false);
});

test('hostile strings that Airflow does not template reach the DAG exactly as given', () => {
  // GIVEN
  const dag = probe.dags.hostile;

  // THEN
  expect(dag.description).toBe(HOSTILE);
  expect(dag.tags).toEqual([`k:${HOSTILE_TAG}`]);
  for (const [taskId, task] of Object.entries(dag.tasks)) {
    expect({ taskId, owner: task.owner, doc: task.doc }).toEqual({ taskId, owner: HOSTILE, doc: HOSTILE });
  }
  expect(dag.tasks.sql.secretArn).toBe(HOSTILE);
});

test('hostile strings in templated fields render back exactly as given, with only the placeholders replaced', () => {
  // GIVEN
  const tasks = probe.dags.hostile.tasks;
  const graph = graphs.hostile;
  const dated = (s: string) => s.replace(/\{\{ds\}\}/g, DS);

  // THEN Spark arguments and script, and the log marker
  const spark = tasks.spark.rendered.job_driver.sparkSubmit;
  expect(spark.entryPoint).toBe(`s3://bucket/${HOSTILE}.py`);
  expect(spark.entryPointArguments).toEqual([HOSTILE, DS, `${HOSTILE} x.sql`, `${HOSTILE}\n`]);
  expect(tasks.logs.rendered.bucket_key).toBe(`s3://bucket/${HOSTILE}/logs/ds=${DS}/${HOSTILE}`);
  // AND the single-worker job's node argument carries the API settings as data
  const api = tasks.api.rendered.job_driver.sparkSubmit.entryPointArguments;
  expect(JSON.parse(api[api.indexOf('--node') + 1]).properties).toEqual({ baseUrl: HOSTILE, path: HOSTILE, query: { [HOSTILE]: HOSTILE } });
  const exported = tasks.export.rendered.job_driver.sparkSubmit.entryPointArguments;
  expect(JSON.parse(exported[exported.indexOf('--node') + 1]).properties.table).toBe(HOSTILE);
  // AND the warehouse settings and the SQL, statement by statement (a final `.sql` is not read as a file)
  expect([tasks.sql.rendered.database, tasks.sql.rendered.workgroup_name]).toEqual([HOSTILE, HOSTILE]);
  expect(tasks.sql.rendered.sql).toEqual(splitStatements(`${HOSTILE}\n-- the end.sql`));
  expect(tasks.load.rendered.sql).toEqual(loadStatements(graph.node('load'), graph.node('spark').output!).map(dated));
  expect(tasks.check.rendered.sql).toContain(customSql(`SELECT * FROM {{table}} WHERE note = ${JSON.stringify(HOSTILE)}`, quoteTable('s.t')));
  // AND the event
  const [entry] = tasks.event.rendered.entries;
  expect([entry.Source, entry.DetailType, entry.EventBusName]).toEqual([HOSTILE, HOSTILE, HOSTILE]);
  expect(JSON.parse(entry.Detail)).toEqual({
    workflow: 'hostile', ds: DS,
    datasets: [{ id: 'spark', location: `s3://bucket/${HOSTILE}/spark/ds=${DS}/` }, { id: 'api', location: `s3://bucket/${HOSTILE}/api/ds=${DS}/` }],
  });
});

test('the hostile DAG file is printable ASCII and holds the user\'s Jinja as text', () => {
  // GIVEN
  const content = fs.readFileSync(path.join(dagsFolder, 'hostile.py'), 'utf-8');

  // THEN the file is printable ASCII, whatever the strings hold
  expect(/^[\x20-\x7e\n]*$/.test(content)).toBe(true);
  // AND in a templated field the user's Jinja is only text: `{{ 7 * 7 }}` is written as `{{ '{' }}{ 7 * 7 }}`
  expect(content).toContain("{{ '{' }}{ 7 * 7 }}");
});

/**
 * The Asset a dataset of graph.json should be, by the rules docs/airflow.md gives: a lake location
 * without its partition, a warehouse table as the amazon provider's `redshift://` URI.
 */
function expectedAsset(id: string, datasetId: string): { type: string; name: string; uri: string; extra: Record<string, unknown> } {
  const json = graphJson[id];
  const producer = jsonNode(id, datasetId);
  const dataset = producer.output;
  const warehouse = json.workflow.warehouse;
  const table = /^warehouse:\/\/(\w+)\.(\w+)$/.exec(dataset.location);
  const uri = table ? `redshift://${warehouse.workgroupName}:5439/${warehouse.database}/${table[1]}/${table[2]}`
    : dataset.location.replace(/\/ds=\{\{ds\}\}\/$/, '').replace(/\/dt=\{\{ds\}\}\/$/, '');
  // a quality check passes on the dataset it audits, at the same location: one asset, named after the audited one
  const named = producer.audits !== undefined && jsonNode(id, producer.audits).output?.location === dataset.location ? producer.audits : datasetId;
  return { type: 'Asset', name: `${id}.${named}`, uri, extra: { location: dataset.location, format: dataset.format } };
}

test.each(['clickstream', 'commerce', 'customer360'])("every task of the %s DAG declares its node's inputs as inlets and its output as outlets, as Airflow Assets", (id) => {
  // GIVEN
  const nodeOf = tasksOfNode(id);
  const tasks = probe.dags[id].tasks;

  // THEN the first task of a node reads the node's inputs, its last task writes its output, and no other task declares any
  for (const node of graphJson[id].nodes as Array<{ id: string; inputs: string[]; output?: { id: string } }>) {
    const own = Object.keys(tasks).filter((t) => nodeOf.get(t) === node.id);
    const [first, last] = [own.find((t) => t.startsWith(`${node.id}.`)) ?? node.id, node.id];
    const clean = (assets: ProbedAsset[]) => assets.map(({ group: _group, ...asset }) => asset);
    expect({ node: node.id, inlets: clean(tasks[first].inlets) }).toEqual({ node: node.id, inlets: node.inputs.map((input) => expectedAsset(id, input)) });
    expect({ node: node.id, outlets: clean(tasks[last].outlets) }).toEqual({ node: node.id, outlets: node.output ? [expectedAsset(id, node.output.id)] : [] });
    for (const other of own.filter((t) => t !== first)) expect(tasks[other].inlets).toEqual([]);
    for (const other of own.filter((t) => t !== last)) expect(tasks[other].outlets).toEqual([]);
  }
});

test('the lineage the DAGs declare is static: no asset name or URI holds a template or the logical date, and no DAG is scheduled on assets', () => {
  // GIVEN every asset of the platform's DAGs
  const dags = ['clickstream', 'commerce', 'customer360'].map((id) => probe.dags[id]);
  const assets = dags.flatMap((dag) => Object.values(dag.tasks).flatMap((t) => [...t.inlets, ...t.outlets]));

  // THEN
  expect(assets.length).toBeGreaterThan(30);
  expect(assets.filter((a) => `${a.name} ${a.uri}`.includes('{') || `${a.name} ${a.uri}`.includes(DS))).toEqual([]);
  expect(dags.map((dag) => dag.timetable)).toEqual(['CronTriggerTimetable', 'CronTriggerTimetable', 'CronTriggerTimetable']);
});

test("one name is one URI across the platform's DAGs, as Airflow requires of active assets", () => {
  // GIVEN every asset of the platform's DAGs
  const assets = ['clickstream', 'commerce', 'customer360']
    .flatMap((id) => Object.values(probe.dags[id].tasks).flatMap((t) => [...t.inlets, ...t.outlets]));

  // THEN
  const uriOf = new Map<string, Set<string>>();
  const nameOf = new Map<string, Set<string>>();
  for (const a of assets) {
    uriOf.set(a.name!, (uriOf.get(a.name!) ?? new Set()).add(a.uri!));
    nameOf.set(a.uri!, (nameOf.get(a.uri!) ?? new Set()).add(a.name!));
  }
  expect([...uriOf.values(), ...nameOf.values()].filter((s) => s.size !== 1)).toEqual([]);
});

test('loading the DAGs raises no warning about assets or their URIs', () => {
  // THEN
  expect(probe.warnings.filter((w) => /asset|uri|lineage/i.test(w))).toEqual([]);
});

test('hostile locations and tables reach the assets exactly as given, each dataset its own asset under a URI Airflow keeps as written', () => {
  // GIVEN
  const tasks = probe.dags.hostile.tasks;
  const graph = graphs.hostile;

  // THEN every dataset's asset carries its location and format, and is named and addressed by the dataset's id
  for (const id of ['logs', 'spark', 'api', 'export', 'sql', 'check', 'load']) {
    const output = graph.node(id).output!;
    expect(tasks[id].outlets).toEqual([{
      type: 'Asset', name: `hostile.${id}`, uri: `x-tributary-dataset:hostile/${id}`, group: 'asset', extra: { location: output.location, format: output.format },
    }]);
  }
  expect(tasks['load'].outlets[0].extra!.location).toBe(`warehouse://s.${HOSTILE}`);
  // AND the inputs are the same assets as their producers' outlets
  expect(tasks.event.inlets).toEqual([...tasks.spark.outlets, ...tasks.api.outlets]);
});
