import * as fs from 'fs';
import * as path from 'path';
import { ColumnType, DataFormat, EventBus, EventPayload, EventSink, LogSource, Schema, Secret } from '../../lib';
import { SPARK_KAFKA_PACKAGE, startJobRunSpec } from '../../lib/targets/emr';
import { KafkaBroker, kafkaJars, startKafka } from '../support/kafka';
import { pythonEnv } from '../support/python';
import { expectExit, isolatedEnv, JVM_OPTIONS, runProcess, runPython, runScript, SCRIPTS, ScriptRun, startFakeAws, tempDir } from '../support/scripts';
import { newWorkflow } from '../util';

// Cost: one spark-submit run and one local Spark session (about 5 CPU-seconds each), one python
// run of the completion event and two of the script's functions (< 1 s each); the Kafka tests
// start one broker (about 4 s), run four jobs under spark-submit (about 6 s each) and read the
// topics (about 2 s a read): 30 to 40 s for the three, more on a busy machine.
jest.setTimeout(240_000);

let testBroker: KafkaBroker | undefined;
afterAll(async () => {
  await testBroker?.stop();
});

const DS = '2026-11-27';

function sinkNode(properties: Record<string, unknown>, inputs: unknown[]) {
  return {
    workflow: 'customer360',
    node: 'profile_updates',
    properties: { source: 'com.acme.data.customer360', detailType: 'CustomerProfileUpdated', idempotent: true, ...properties },
    inputs,
    output: null,
  };
}

/** The size PutEvents counts for an entry (UTF-8 bytes of Source, DetailType and Detail). */
function entrySize(e: { Source: string; DetailType: string; Detail: string }): number {
  return Buffer.byteLength(e.Source) + Buffer.byteLength(e.DetailType) + Buffer.byteLength(e.Detail);
}

test('record events go to EventBridge in requests of at most 10 entries and 256 KiB, each with its key as event id, failed entries retried', async () => {
  // GIVEN 23 profiles in the day's partition, the first five with a 60 KB note
  const lake = tempDir('events');
  const day = path.join(lake, `ds=${DS}`);
  fs.mkdirSync(day, { recursive: true });
  const keys = Array.from({ length: 23 }, (_, i) => `k${String(i).padStart(2, '0')}`);
  const rows = keys.map((k, i) => ({ customer_id: k, plan: 'pro', note: i < 5 ? 'é'.repeat(30_000) : 'short' }));
  fs.writeFileSync(path.join(day, 'part-0.json'), [...rows].reverse().map((r) => JSON.stringify(r)).join('\n') + '\n');
  const input = { id: 'profiles_quality', format: 'jsonl', location: `${lake}/ds={{ds}}/`, columns: [{ name: 'customer_id', type: 'string', nullable: false }, { name: 'plan', type: 'string', nullable: true }, { name: 'note', type: 'string', nullable: true }] };
  // AND an EventBridge that fails entry k07 the first time it sees it
  let k07Seen = false;
  const aws = await startFakeAws({ failEntry: (e) => {
    if (JSON.parse(e.Detail).eventId !== 'k07' || k07Seen) return false;
    k07Seen = true;
    return true;
  } });

  // WHEN the job runs under spark-submit
  const node = sinkNode({ bus: { broker: 'eventbridge', busName: 'data-platform' }, payload: { kind: 'records', idempotencyKey: 'customer_id' } }, [input]);
  const run = await runScript('publish_events.py', DS, node, { spark: true, aws: aws.url });
  await aws.close();

  // THEN it succeeded
  expectExit(run, 0);
  const calls = aws.calls.filter((c) => c.target === 'AWSEvents.PutEvents').map((c) => c.body.Entries as Array<{ Source: string; DetailType: string; Detail: string; EventBusName: string }>);
  // AND every request respected the quotas, and the size limit (not only the count) split the big records
  for (const entries of calls) {
    expect(entries.length).toBeLessThanOrEqual(10);
    expect(entries.reduce((n, e) => n + entrySize(e), 0)).toBeLessThanOrEqual(256 * 1024);
  }
  expect(calls[0].length).toBe(4);
  // AND each event went out once in key order, k07 a second time alone after its failure
  const sent = calls.flat().map((e) => JSON.parse(e.Detail).eventId);
  expect(sent.filter((k) => k === 'k07')).toHaveLength(2);
  expect([...new Set(sent)]).toEqual(keys);
  expect(sent).toHaveLength(24);
  expect(calls.find((c) => c.length === 1 && JSON.parse(c[0].Detail).eventId === 'k07')).toBeDefined();
  // AND each entry names the bus, source and detail type, and carries the record under its id and date
  const k10 = calls.flat().find((e) => JSON.parse(e.Detail).eventId === 'k10')!;
  expect(k10).toMatchObject({ Source: 'com.acme.data.customer360', DetailType: 'CustomerProfileUpdated', EventBusName: 'data-platform' });
  expect(JSON.parse(k10.Detail)).toEqual({ ds: DS, eventId: 'k10', node: 'profile_updates', workflow: 'customer360', record: { customer_id: 'k10', plan: 'pro', note: 'short' } });
});

test('the completion event carries a rerun-stable id and the resolved locations of the inputs', async () => {
  // GIVEN an EventSink of the completion of two datasets
  const aws = await startFakeAws();
  const node = sinkNode({ bus: { broker: 'eventbridge', busName: 'data-platform' }, payload: { kind: 'completion' } }, [
    { id: 'engagement', format: 'parquet', location: 's3://acme-lake/clickstream/engagement/ds={{ds}}/' },
    { id: 'attribution', format: 'parquet', location: 's3://acme-lake/clickstream/attribution/{{ds_nodash}}/' },
  ]);
  // WHEN the job runs twice for the same day (no Spark needed)
  const first = await runScript('publish_events.py', DS, node, { aws: aws.url });
  const second = await runScript('publish_events.py', DS, node, { aws: aws.url });
  await aws.close();
  // THEN both runs sent the same single event
  expectExit(first, 0);
  expectExit(second, 0);
  const entries = aws.calls.map((c) => c.body.Entries);
  expect(entries).toHaveLength(2);
  expect(entries[1]).toEqual(entries[0]);
  expect(JSON.parse(entries[0][0].Detail)).toEqual({
    eventId: 'customer360.profile_updates.2026-11-27', workflow: 'customer360', node: 'profile_updates', ds: DS,
    datasets: [
      { id: 'engagement', format: 'parquet', location: 's3://acme-lake/clickstream/engagement/ds=2026-11-27/' },
      { id: 'attribution', format: 'parquet', location: 's3://acme-lake/clickstream/attribution/20261127/' },
    ],
  });
});

test('an event larger than 256 KiB fails the publication, naming its id', async () => {
  // GIVEN one small and one oversized event
  // WHEN they are grouped into PutEvents requests
  const run = await runPython(`
import publish_events as pe
entries = [("small", {"Source": "s", "DetailType": "d", "Detail": "{}"}), ("huge", {"Source": "s", "DetailType": "d", "Detail": "x" * (256 * 1024)})]
try:
    list(pe.entry_batches(entries))
except ValueError as exc:
    print(exc)
`);
  // THEN the oversized one is refused by id and size
  expect(run.stderr).toBe('');
  expect(run.stdout.trim()).toBe("event 'huge' is 262146 bytes; PutEvents accepts at most 262144");
});

test("the Kafka options come from the connection secret's JSON, with the credentials escaped in the JAAS config", async () => {
  // GIVEN SCRAM, IAM and incomplete connection secrets
  // WHEN the Spark Kafka sink options are built
  const run = await runPython(`
import json, publish_events as pe
print(json.dumps(pe.kafka_options({"bootstrapServers": "b-1:9096,b-2:9096", "securityProtocol": "SASL_SSL", "saslMechanism": "SCRAM-SHA-512", "username": "svc", "password": 'p"w\\\\d'}, "profiles.v1"), sort_keys=True))
print(json.dumps(pe.kafka_options({"bootstrapServers": "b-1:9098", "securityProtocol": "SASL_SSL", "saslMechanism": "AWS_MSK_IAM"}, "t"), sort_keys=True))
for bad in ({"securityProtocol": "SSL"}, {"bootstrapServers": "b:1", "saslMechanism": "PLAIN"}):
    try:
        pe.kafka_options(bad, "t")
    except ValueError as exc:
        print(exc)
`);
  expect(run.stderr).toBe('');
  const [scram, iam, noServers, noCredentials] = run.stdout.trim().split('\n');
  // THEN SCRAM gets its login module with the quote and backslash escaped, and acks from all replicas
  expect(JSON.parse(scram)).toEqual({
    'kafka.acks': 'all',
    'kafka.bootstrap.servers': 'b-1:9096,b-2:9096',
    'kafka.sasl.jaas.config': 'org.apache.kafka.common.security.scram.ScramLoginModule required username="svc" password="p\\"w\\\\d";',
    'kafka.sasl.mechanism': 'SCRAM-SHA-512',
    'kafka.security.protocol': 'SASL_SSL',
    'topic': 'profiles.v1',
  });
  // AND IAM uses the MSK IAM login module and callback handler
  expect(JSON.parse(iam)['kafka.sasl.client.callback.handler.class']).toBe('software.amazon.msk.auth.iam.IAMClientCallbackHandler');
  // AND incomplete secrets are refused
  expect(noServers).toBe('the Kafka connection secret has no bootstrapServers');
  expect(noCredentials).toBe('the Kafka connection secret has saslMechanism PLAIN but no username/password');
});

test('a Kafka records job reads its connection secret, builds the same events as EventBridge gets and, without the Spark Kafka package, fails naming it', async () => {
  // GIVEN a Kafka record sink whose connection secret is in Secrets Manager, over two profiles
  const lake = tempDir('kafka');
  fs.mkdirSync(path.join(lake, `ds=${DS}`), { recursive: true });
  fs.writeFileSync(path.join(lake, `ds=${DS}`, 'part-0.json'), '{"customer_id":2,"plan":"pro"}\n{"customer_id":1,"plan":"free"}\n');
  const aws = await startFakeAws({ secrets: { 'prod/msk/producer': JSON.stringify({ bootstrapServers: '127.0.0.1:9', securityProtocol: 'SASL_SSL', saslMechanism: 'SCRAM-SHA-512', username: 'svc', password: 'kafka-SECRET-pw' }) } });
  const node = sinkNode({ bus: { broker: 'kafka', topic: 'customer-profiles.v1', connection: { store: 'secretsmanager', reference: 'prod/msk/producer' } }, payload: { kind: 'records', idempotencyKey: 'customer_id' } },
    [{ id: 'profiles_quality', format: 'jsonl', location: `${lake}/ds={{ds}}/`, columns: [{ name: 'customer_id', type: 'bigint', nullable: false }, { name: 'plan', type: 'string', nullable: true }] }]);
  // WHEN the job runs in a local Spark session without spark-sql-kafka on its classpath, and the
  // Kafka records of the day are then collected
  const run = await runPython(`
import json, os
from pyspark.sql import SparkSession
import publish_events as pe
spark = SparkSession.builder.master("local[1]").config("spark.ui.enabled", "false").config("spark.driver.extraJavaOptions", os.environ["JVM_OPTIONS"]).getOrCreate()
print("=== exit %d" % pe.main(["--ds", "${DS}", "--node", os.environ["NODE"]]), flush=True)
for row in pe.kafka_frame(spark, json.loads(os.environ["NODE"]), "${DS}").collect():
    print("KAFKA " + json.dumps({"key": row["key"], "value": row["value"]}))
`, { JVM_OPTIONS, NODE: JSON.stringify(node), SPARK_LOCAL_IP: '127.0.0.1', AWS_ENDPOINT_URL_SECRETS_MANAGER: aws.url, AWS_ACCESS_KEY_ID: 'AKIAFAKE', AWS_SECRET_ACCESS_KEY: 'fake', AWS_DEFAULT_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' });
  await aws.close();
  // THEN the job read the secret by name, counted the two events, exited 1 naming the package,
  // and never printed the password
  expectExit(run, 0);
  expect(aws.calls).toEqual([{ target: 'secretsmanager.GetSecretValue', body: { SecretId: 'prod/msk/producer' } }]);
  const out = run.stdout + run.stderr;
  expect(run.stdout).toContain('=== exit 1');
  expect(out).toContain('customer360.profile_updates: publishing 2 events to kafka customer-profiles.v1');
  expect(out).toContain(`Spark's Kafka data source is not on the job's classpath: the job needs the package ${SPARK_KAFKA_PACKAGE}`);
  expect(out).not.toContain('kafka-SECRET-pw');
  // AND the Kafka records are keyed by event id, in key order, with EventBridge's Detail as value
  const records = run.stdout.split('\n').filter((l) => l.startsWith('KAFKA ')).map((l) => JSON.parse(l.slice(6)));
  expect(records.map((r) => r.key)).toEqual(['1', '2']);
  expect(records.map((r) => JSON.parse(r.value))).toEqual([
    { ds: DS, eventId: '1', node: 'profile_updates', workflow: 'customer360', record: { customer_id: 1, plan: 'free' } },
    { ds: DS, eventId: '2', node: 'profile_updates', workflow: 'customer360', record: { customer_id: 2, plan: 'pro' } },
  ]);
  expect(records[0].value).toBe('{"ds":"2026-11-27","eventId":"1","node":"profile_updates","workflow":"customer360","record":{"customer_id":1,"plan":"free"}}');
});

/**
 * Run a job as its EMR spec says, under the venv's spark-submit in local mode: the spec's entry
 * point, arguments (`{{ds}}` resolved, as Airflow renders them) and Spark settings, with these
 * local stand-ins: `${TributaryScriptsLocation}` is the checkout's scripts/ folder; the packages of
 * `spark.jars.packages` are given as local JARs (`--jars`, fetched by python/ensure-kafka.sh) since
 * tests never download; `spark.emr-serverless.*` (worker disks) is left out, as local mode starts
 * no workers.
 */
function submitSpec(spec: any, ds: string, jars: string[], env: Record<string, string>): Promise<ScriptRun> {
  const local = (v: string) => v.split('${TributaryScriptsLocation}').join(SCRIPTS);
  const conf: Array<[string, string]> = (spec.jobDriver.sparkSubmit.sparkSubmitParameters as string).split(/\s*--conf\s+/).filter(Boolean)
    .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]);
  for (const c of spec.configurationOverrides.applicationConfiguration ?? []) conf.push(...Object.entries<string>(c.properties));
  const args = [
    '--master', 'local[1]', '--conf', 'spark.ui.enabled=false', '--driver-java-options', JVM_OPTIONS, '--jars', jars.join(','),
    ...conf.filter(([k]) => !k.startsWith('spark.emr-serverless.') && k !== 'spark.jars.packages').flatMap(([k, v]) => ['--conf', `${k}=${local(v)}`]),
    local(spec.jobDriver.sparkSubmit.entryPoint),
    ...(spec.jobDriver.sparkSubmit.entryPointArguments as string[]).map((a) => a.split('{{ds}}').join(ds)),
  ];
  const py = pythonEnv();
  return runProcess(py.bin('spark-submit'), args, { ...isolatedEnv(), PYSPARK_PYTHON: py.python, PYSPARK_DRIVER_PYTHON: py.python, SPARK_LOCAL_IP: '127.0.0.1', ...env });
}

/** Profiles as JSON lines, four on the day and one the day before, in a new folder. */
function profileLogs(): string {
  const logs = tempDir('kafka-profiles');
  const day = (ds: string, rows: object[]) => {
    fs.mkdirSync(path.join(logs, `dt=${ds}`), { recursive: true });
    fs.writeFileSync(path.join(logs, `dt=${ds}`, 'part-0.json'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  };
  day('2026-11-26', [{ customer_id: 9, plan: 'pro', mrr_usd: 10, updated_at: '2026-11-26T10:00:00Z' }]);
  day(DS, [
    { customer_id: 3, plan: 'free', mrr_usd: 0, updated_at: '2026-11-27T08:00:00Z' },
    { customer_id: 1, plan: 'pro', mrr_usd: 49.5, updated_at: '2026-11-27T09:30:00Z' },
    { customer_id: 12, plan: 'team', mrr_usd: 120.25, updated_at: '2026-11-27T23:59:59Z' },
    { customer_id: 2, plan: null, mrr_usd: null, updated_at: '2026-11-27T00:00:00Z' },
  ]);
  return logs;
}

/**
 * The EMR job spec of an EventSink on the Kafka topic `topic` over the profiles at `logs`
 * (workflow `customer360`, node `profile_updates`), with its connection in Secrets Manager.
 */
function kafkaSinkSpec(logs: string, topic: string, payload: EventPayload): any {
  const workflow = newWorkflow({}, 'Customer360');
  const profiles = new LogSource(workflow, 'Profiles', {
    location: `${logs}/dt={{ds}}/`,
    format: DataFormat.JSON_LINES,
    schema: Schema.of([
      { name: 'customer_id', type: ColumnType.BIGINT, nullable: false },
      { name: 'plan', type: ColumnType.STRING },
      { name: 'mrr_usd', type: ColumnType.decimal(18, 2) },
      { name: 'updated_at', type: ColumnType.TIMESTAMP, nullable: false },
    ]),
  });
  new EventSink(workflow, 'ProfileUpdates', {
    inputs: [profiles.output],
    bus: EventBus.kafka({ topic, connection: Secret.fromSecretsManager('prod/msk/producer') }),
    source: 'com.acme.data.customer360',
    detailType: 'CustomerProfileUpdated',
    payload,
  });
  return startJobRunSpec(workflow.toGraph(), 'profile_updates');
}

/** The test broker (started by the first test that needs it, stopped after all) and the JARs of Spark's Kafka data source. */
async function kafka(): Promise<{ broker: KafkaBroker; jars: string[] }> {
  testBroker ??= await startKafka();
  return { broker: testBroker, jars: kafkaJars().spark };
}

/** The environment of a job whose Secrets Manager is `aws`. */
function awsEnv(aws: { url: string }): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_SECRETS_MANAGER: aws.url, AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKE', AWS_SECRET_ACCESS_KEY: 'fake-secret-key', AWS_DEFAULT_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  };
}

test('record events reach a real Kafka broker as the EMR spec runs the job, one per row of the day keyed by its id, and a re-run of the day publishes them again', async () => {
  // GIVEN profiles as JSON lines: four on the day, one the day before
  const logs = profileLogs();
  // AND the EMR job spec of one event per profile on a Kafka topic
  const topic = 'customer-profiles.v1';
  const spec = kafkaSinkSpec(logs, topic, EventPayload.records('customer_id'));
  // AND the spec asks for Spark's Kafka data source, whose JARs of the same Spark 3.5 line this
  // machine has cached (python/ensure-kafka.sh says why 3.5.3 stands in for 3.5.5 here)
  expect(spec.jobDriver.sparkSubmit.sparkSubmitParameters).toContain(`--conf spark.jars.packages=${SPARK_KAFKA_PACKAGE}`);
  expect(SPARK_KAFKA_PACKAGE).toMatch(/^org\.apache\.spark:spark-sql-kafka-0-10_2\.12:3\.5\.\d+$/);
  const { broker, jars } = await kafka();
  expect(jars.map((j) => path.basename(j))).toContain('spark-sql-kafka-0-10_2.12-3.5.3.jar');
  // AND a Kafka broker (single node, KRaft) with the topic, in two partitions
  broker.createTopic(topic, 2);
  // AND its bootstrap servers in the Secrets Manager secret that the sink names
  const aws = await startFakeAws({ secrets: { 'prod/msk/producer': JSON.stringify({ bootstrapServers: broker.bootstrapServers }) } });

  try {
    // WHEN the job runs as its spec says
    const first = await submitSpec(spec, DS, jars, awsEnv(aws));
    // THEN it published the day's four events, having read the secret by name
    expectExit(first, 0);
    expect(first.stdout).toContain(`customer360.profile_updates: publishing 4 events to kafka ${topic}`);
    expect(aws.calls).toEqual([{ target: 'secretsmanager.GetSecretValue', body: { SecretId: 'prod/msk/producer' } }]);
    // AND the topic holds exactly those four records, spread by key over both partitions: key =
    // event id = customer_id, value = the EventBridge Detail of the record, headers source and detail-type
    const once = broker.consume(topic);
    expect(once.map((r) => r.key).sort()).toEqual(['1', '12', '2', '3']);
    expect(new Set(once.map((r) => r.partition))).toEqual(new Set([0, 1]));
    for (const r of once) expect(r.headers).toEqual({ 'source': 'com.acme.data.customer360', 'detail-type': 'CustomerProfileUpdated' });
    const byKey = Object.fromEntries(once.map((r) => [r.key, r]));
    expect(byKey['1'].value).toBe('{"ds":"2026-11-27","eventId":"1","node":"profile_updates","workflow":"customer360",'
      + '"record":{"customer_id":1,"plan":"pro","mrr_usd":49.50,"updated_at":"2026-11-27T09:30:00.000Z"}}');
    expect(JSON.parse(byKey['2'].value).record).toEqual({ customer_id: 2, updated_at: '2026-11-27T00:00:00.000Z' });
    expect(JSON.parse(byKey['12'].value).record).toEqual({ customer_id: 12, plan: 'team', mrr_usd: 120.25, updated_at: '2026-11-27T23:59:59.000Z' });
    expect(JSON.parse(byKey['3'].value).record).toEqual({ customer_id: 3, plan: 'free', mrr_usd: 0, updated_at: '2026-11-27T08:00:00.000Z' });

    // WHEN the same day runs again (a retry of the node, or a backfill)
    const second = await submitSpec(spec, DS, jars, awsEnv(aws));
    // THEN the topic holds every event twice (at-least-once: Kafka keeps what was sent), each copy
    // with the same key, value and headers, in the same partition after the first copies
    expectExit(second, 0);
    const twice = broker.consume(topic);
    expect(twice).toHaveLength(8);
    const again = twice.filter((r) => !once.some((o) => o.partition === r.partition && o.offset === r.offset));
    expect(again).toHaveLength(4);
    for (const r of again) {
      const before = byKey[r.key];
      expect({ partition: r.partition, value: r.value, headers: r.headers }).toEqual({ partition: before.partition, value: before.value, headers: before.headers });
      expect(r.offset).toBeGreaterThan(Math.max(...once.filter((o) => o.partition === r.partition).map((o) => o.offset)));
    }
  } finally {
    await aws.close();
    fs.rmSync(logs, { recursive: true, force: true });
  }
});

test('the completion event reaches a real Kafka broker from the single-worker job its EMR spec describes, keyed by its rerun-stable id', async () => {
  // GIVEN the EMR job spec of a completion event on a Kafka topic: a single-worker job
  const logs = profileLogs();
  const topic = 'customer360.completed';
  const spec = kafkaSinkSpec(logs, topic, EventPayload.completion());
  expect(spec.jobDriver.sparkSubmit.sparkSubmitParameters).toContain('--conf spark.dynamicAllocation.initialExecutors=0');
  expect(spec.jobDriver.sparkSubmit.sparkSubmitParameters).toContain(`--conf spark.jars.packages=${SPARK_KAFKA_PACKAGE}`);
  // AND the broker with the topic, and the secret naming it
  const { broker, jars } = await kafka();
  broker.createTopic(topic, 1);
  const aws = await startFakeAws({ secrets: { 'prod/msk/producer': JSON.stringify({ bootstrapServers: broker.bootstrapServers }) } });
  try {
    // WHEN the job runs as its spec says
    const run = await submitSpec(spec, DS, jars, awsEnv(aws));
    // THEN the topic holds the one completion event, keyed by its id, with the day's input location
    expectExit(run, 0);
    const records = broker.consume(topic);
    expect(records.map((r) => ({ key: r.key, headers: r.headers, value: JSON.parse(r.value) }))).toEqual([{
      key: 'customer360.profile_updates.2026-11-27',
      headers: { 'source': 'com.acme.data.customer360', 'detail-type': 'CustomerProfileUpdated' },
      value: {
        eventId: 'customer360.profile_updates.2026-11-27', workflow: 'customer360', node: 'profile_updates', ds: DS,
        datasets: [{ id: 'profiles', format: 'jsonl', location: `${logs}/dt=2026-11-27/` }],
      },
    }]);
  } finally {
    await aws.close();
    fs.rmSync(logs, { recursive: true, force: true });
  }
});

test('a record that Kafka refuses fails the job with what Kafka said, naming the topic', async () => {
  // GIVEN a day with one profile of 1.2 MB, above the producer's 1 MiB request limit
  const logs = tempDir('kafka-big');
  fs.mkdirSync(path.join(logs, `dt=${DS}`), { recursive: true });
  fs.writeFileSync(path.join(logs, `dt=${DS}`, 'part-0.json'), JSON.stringify({ customer_id: 7, plan: 'x'.repeat(1_200_000), updated_at: '2026-11-27T08:00:00Z' }) + '\n');
  // AND the EMR job spec of its record events, the broker with the topic and the secret naming it
  const topic = 'customer-profiles.large';
  const spec = kafkaSinkSpec(logs, topic, EventPayload.records('customer_id'));
  const { broker, jars } = await kafka();
  broker.createTopic(topic, 1);
  const aws = await startFakeAws({ secrets: { 'prod/msk/producer': JSON.stringify({ bootstrapServers: broker.bootstrapServers }) } });
  try {
    // WHEN the job runs as its spec says
    const run = await submitSpec(spec, DS, jars, awsEnv(aws));
    // THEN it fails with Kafka's own error on one line, not the Py4J call that failed
    expectExit(run, 1);
    expect(run.stdout + run.stderr).toMatch(new RegExp(`customer360\\.profile_updates: FAILED: Kafka did not take the events for topic ${topic.replace(/\./g, '\\.')}: `
      + 'org\\.apache\\.kafka\\.common\\.errors\\.RecordTooLargeException: The message is \\d+ bytes when serialized which is larger than 1048576'));
    // AND the topic holds nothing
    expect(broker.endOffsets(topic)).toEqual([0]);
  } finally {
    await aws.close();
    fs.rmSync(logs, { recursive: true, force: true });
  }
});
