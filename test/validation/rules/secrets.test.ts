import {
  ApiSink, ApiSource, DatabaseEngine, DatabaseSource, DiagnosticSeverity, EventBus, EventSink, IngestMode, Secret, SparkTask, SqlTask,
  Workflow,
} from '../../../lib';
import { noLiteralSecrets } from '../../../lib/validation/rules/secrets';
import { atLine, newStack, newWorkflow, ordersSource, thisLine, validWorkflow, workflowProps } from '../../util';

const FILE = 'test/validation/rules/secrets.test.ts';
const MESSAGE_END = 'Secrets must not appear in a workflow definition';
const FIX = "store the value in AWS Secrets Manager and pass Secret.fromSecretsManager('<name>') (or Secret.fromAirflowConnection('<conn id>')); rotate the exposed value";
const RANDOM_KEY = 'q8ZfT3xLw0PmN7vBc2RtY6uKj9HsD4aGe1WoQ5Ni';
const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders/reader-AbCdEf';

test('a URL with a password is refused at the node, with the field and a redacted value', () => {
  // GIVEN
  const baseUrl = 'https://etl:hunter2@api.example.com/v2';
  const workflow = newWorkflow();
  const line = thisLine() + 1;
  new ApiSource(workflow, 'Rates', { baseUrl, path: '/rates/{{ds}}' });

  // WHEN
  const diagnostics = noLiteralSecrets(workflow.toGraph());

  // THEN
  expect(diagnostics).toEqual([{
    code: 'TRB010',
    severity: DiagnosticSeverity.ERROR,
    path: 'Test/Pipeline/Rates',
    location: atLine(FILE, line),
    message: `properties.baseUrl holds a URL with a password in it: 'htt… (38 characters)'. ${MESSAGE_END}`,
    fix: FIX,
  }]);
  expect(baseUrl.length).toBe(38);
});

test('a Secrets Manager reference whose name is a pasted connection URL is refused', () => {
  // GIVEN the connection string itself instead of the secret's name
  const workflow = newWorkflow();
  const line = thisLine() + 1;
  new DatabaseSource(workflow, 'Orders', {
    engine: DatabaseEngine.POSTGRES,
    connection: Secret.fromSecretsManager('postgres://u:p@h/db'),
    table: 'public.orders',
    ingest: IngestMode.snapshotExport(),
  });

  // WHEN
  const diagnostics = noLiteralSecrets(workflow.toGraph());

  // THEN
  expect(diagnostics).toEqual([{
    code: 'TRB010',
    severity: DiagnosticSeverity.ERROR,
    path: 'Test/Pipeline/Orders',
    location: atLine(FILE, line),
    message: `properties.connection holds a URL with a password in it: 'pos… (19 characters)'. ${MESSAGE_END}`,
    fix: FIX,
  }]);
});

test('a warehouse secret that is a value is refused at the workflow, where it was created', () => {
  // GIVEN
  const line = thisLine() + 1;
  const workflow = new Workflow(newStack(), 'Pipeline', workflowProps({
    warehouse: { database: 'analytics', workgroupName: 'etl', secret: Secret.fromSecretsManager(RANDOM_KEY) },
  }));

  // WHEN
  const diagnostics = noLiteralSecrets(workflow.toGraph());

  // THEN
  expect(diagnostics).toEqual([{
    code: 'TRB010',
    severity: DiagnosticSeverity.ERROR,
    path: 'Test/Pipeline',
    location: atLine(FILE, line),
    message: `warehouse.secret holds a secret reference that looks like a generated key rather than a name: 'q8Z… (40 characters)'. ${MESSAGE_END}`,
    fix: FIX,
  }]);
});

/** [case, build the node, path, field, what the value is, the secret that must never be printed] */
const LEAKS: Array<[string, (w: Workflow) => void, string, string, string, string]> = [
  ['a URL with a password in a push endpoint',
    (w) => new ApiSink(w, 'Push', { input: ordersSource(w).output, url: 'https://etl:s3cr3tPass@crm.example.com/api', idempotencyKey: 'order_id' }),
    'Test/Pipeline/Push', 'properties.url', 'a URL with a password in it', 's3cr3tPass'],
  ['an api_key query parameter',
    (w) => new ApiSource(w, 'Rates', { baseUrl: 'https://api.example.com', path: '/rates', query: { api_key: 'f3b9c2d1e0a7' } }),
    'Test/Pipeline/Rates', 'properties.query.api_key', "a literal value for 'api_key'", 'f3b9c2d1e0a7'],
  ['a key in the query string of a path',
    (w) => new ApiSource(w, 'Rates', { baseUrl: 'https://api.example.com', path: '/rates?apikey=9d8c7b6a5f4e' }),
    'Test/Pipeline/Rates', 'properties.path', 'a credential in a query string', '9d8c7b6a5f4e'],
  ['an access token in the query string of a URL',
    (w) => new ApiSink(w, 'Push', { input: ordersSource(w).output, url: 'https://crm.example.com/api?access_token=f3b9c2d1e0a7', idempotencyKey: 'order_id' }),
    'Test/Pipeline/Push', 'properties.url', 'a credential in a query string', 'f3b9c2d1e0a7'],
  ['a Bearer token in a Spark argument',
    (w) => new SparkTask(w, 'Enrich', { script: 's3://jobs-bucket/e.py', inputs: [ordersSource(w).output], arguments: ['--header', 'Authorization: Bearer 7f3c9a1b2d4e6f80'] }),
    'Test/Pipeline/Enrich', 'properties.arguments[1]', 'an Authorization header value', '7f3c9a1b2d4e6f80'],
  ['an AWS access key id in Spark settings',
    (w) => new SparkTask(w, 'Enrich', { script: 's3://jobs-bucket/e.py', inputs: [ordersSource(w).output], sparkConf: { 'spark.hadoop.fs.s3a.access.key': 'AKIAIOSFODNN7EXAMPLE' } }),
    'Test/Pipeline/Enrich', 'properties.sparkConf.spark.hadoop.fs.s3a.access.key', 'an AWS access key id', 'AKIAIOSFODNN7EXAMPLE'],
  ['a GitHub token in an argument',
    (w) => new SparkTask(w, 'Enrich', { script: 's3://jobs-bucket/e.py', inputs: [ordersSource(w).output], arguments: ['--token', 'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'] }),
    'Test/Pipeline/Enrich', 'properties.arguments[1]', 'an API token', 'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'],
  ['a JSON Web Token in Spark settings',
    (w) => new SparkTask(w, 'Enrich', { script: 's3://jobs-bucket/e.py', inputs: [ordersSource(w).output], sparkConf: { 'spark.crm.auth': 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJldGwifQ.c2lnbmF0dXJl' } }),
    'Test/Pipeline/Enrich', 'properties.sparkConf.spark.crm.auth', 'a JSON Web Token', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJldGwifQ.c2lnbmF0dXJl'],
  ['a quoted password in SQL',
    (w) => new SqlTask(w, 'Grant', { sql: "CREATE USER etl PASSWORD 'Sup3rSecret!'", inputs: [ordersSource(w).output], table: 'admin.users' }),
    'Test/Pipeline/Grant', 'properties.sql', 'a quoted password', 'Sup3rSecret!'],
  ['a password assignment in SQL',
    (w) => new SqlTask(w, 'Copy', { sql: "select * from dblink('host=db.internal user=etl password=hunter2', 'select 1')", inputs: [ordersSource(w).output], table: 'stage.orders' }),
    'Test/Pipeline/Copy', 'properties.sql', 'a password assignment', 'hunter2'],
  ['a password next to a secret ARN',
    (w) => new SparkTask(w, 'Enrich', { script: 's3://jobs-bucket/e.py', inputs: [ordersSource(w).output], arguments: [`--conn=${SECRET_ARN} password=hunter2`] }),
    'Test/Pipeline/Enrich', 'properties.arguments[0]', 'a password assignment', 'hunter2'],
  ['a Secrets Manager name that is a random 40-character key',
    (w) => new ApiSource(w, 'Rates', { baseUrl: 'https://api.example.com', path: '/rates', auth: Secret.fromSecretsManager(RANDOM_KEY) }),
    'Test/Pipeline/Rates', 'properties.auth', 'a secret reference that looks like a generated key rather than a name', RANDOM_KEY],
  ['an Airflow connection id that is not a name',
    (w) => new ApiSource(w, 'Rates', { baseUrl: 'https://api.example.com', path: '/rates', auth: Secret.fromAirflowConnection('Tr0ub4dor&3') }),
    'Test/Pipeline/Rates', 'properties.auth', 'a secret reference that is not a valid secret name', 'Tr0ub4dor&3'],
  ['a Kafka connection that is a URL with a password',
    (w) => new EventSink(w, 'Publish', {
      inputs: [ordersSource(w).output], source: 'com.acme.orders', detailType: 'OrdersLoaded',
      bus: EventBus.kafka({ topic: 'orders', connection: Secret.fromSecretsManager('kafka://etl:Kp4ssw0rd@broker:9092') }),
    }),
    'Test/Pipeline/Publish', 'properties.bus.connection', 'a URL with a password in it', 'Kp4ssw0rd'],
  ['a token pasted into a node description',
    (w) => new SparkTask(w, 'Enrich', { script: 's3://jobs-bucket/e.py', inputs: [ordersSource(w).output], description: 'Calls the CRM with Bearer 7f3c9a1b2d4e6f80' }),
    'Test/Pipeline/Enrich', 'description', 'an Authorization header value', '7f3c9a1b2d4e6f80'],
  ['an output location with a password in it',
    (w) => new SparkTask(w, 'Enrich', { script: 's3://jobs-bucket/e.py', inputs: [ordersSource(w).output], output: { location: 'hdfs://etl:hunter22@namenode/enrich/ds={{ds}}/' } }),
    'Test/Pipeline/Enrich', 'output.location', 'a URL with a password in it', 'hunter22'],
];

test.each(LEAKS)('%s is refused with TRB010, and the message never prints the secret', (_, build, path, field, what, secret) => {
  // GIVEN
  const workflow = newWorkflow();
  build(workflow);

  // WHEN
  const diagnostics = noLiteralSecrets(workflow.toGraph());

  // THEN
  expect(diagnostics).toHaveLength(1);
  const [diagnostic] = diagnostics;
  expect(diagnostic).toMatchObject({ code: 'TRB010', severity: DiagnosticSeverity.ERROR, path, fix: FIX });
  expect(diagnostic.message).toMatch(new RegExp(`^${esc(field)} holds ${esc(what)}: '.{0,3}… \\(\\d+ characters\\)'\\. ${MESSAGE_END}$`));
  expect(diagnostic.message).not.toContain(secret);
  expect(diagnostic.location).toMatch(new RegExp(`^${esc(FILE)}:\\d+:\\d+$`));
});

test('a short secret is not printed, not even in part', () => {
  // GIVEN a four-character token: the usual three-character preview would show most of it
  const workflow = newWorkflow();
  new ApiSource(workflow, 'Rates', { baseUrl: 'https://api.example.com', path: '/rates', query: { token: 'pw12', apikey: 'abc' } });

  // WHEN
  const messages = noLiteralSecrets(workflow.toGraph()).map((d) => d.message);

  // THEN
  expect(messages).toEqual([
    `properties.query.apikey holds a literal value for 'apikey': '… (3 characters)'. ${MESSAGE_END}`,
    `properties.query.token holds a literal value for 'token': 'p… (4 characters)'. ${MESSAGE_END}`,
  ]);
});

test('every leaking setting of a node is reported, not only the first', () => {
  // GIVEN two leaks in one API source
  const workflow = newWorkflow();
  new ApiSource(workflow, 'Rates', {
    baseUrl: 'https://etl:hunter2@api.example.com', path: '/rates',
    auth: Secret.fromSecretsManager('postgres://u:p@h/db'),
  });

  // WHEN
  const fields = noLiteralSecrets(workflow.toGraph()).map((d) => d.message.split(' ')[0]);

  // THEN
  expect(fields).toEqual(['properties.auth', 'properties.baseUrl']);
});

test('secret names, secret ARNs and Airflow connection ids are references, not values', () => {
  // GIVEN
  const workflow = newWorkflow({ warehouse: { database: 'analytics', clusterIdentifier: 'dwh', secret: Secret.fromSecretsManager(SECRET_ARN) } });
  ordersSource(workflow); // Secret.fromSecretsManager('prod/orders/reader')
  const api = (id: string, auth: Secret) => new ApiSource(workflow, id, { baseUrl: 'https://api.example.com', path: '/x', auth });
  api('ByArn', Secret.fromSecretsManager(SECRET_ARN));
  api('ByConnection', Secret.fromAirflowConnection('crm_api'));
  api('Hierarchical', Secret.fromSecretsManager('prod/DataPlatform/Warehouse/EtlUser2026'));
  api('Dashed', Secret.fromSecretsManager('crm-api-token-2026'));

  // THEN
  expect(noLiteralSecrets(workflow.toGraph())).toEqual([]);
});

test('templated values, secret names in arguments and SQL that mentions password columns are not secrets', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  new ApiSource(workflow, 'Rates', {
    baseUrl: 'https://api.example.com', path: '/rates/{{ds}}',
    query: { date: '{{ds}}', api_key: '{{ conn.rates.password }}', token: '{{ var.value.rates_token }}' },
  });
  new ApiSink(workflow, 'Push', { input: orders.output, url: 'https://crm.example.com/api?date={{ds}}&token={{ conn.crm.password }}', idempotencyKey: 'order_id' });
  new SparkTask(workflow, 'Enrich', {
    script: 's3://jobs-bucket/enrich.py', inputs: [orders.output],
    arguments: ['--ds', '{{ds}}', '--secret-id', 'prod/orders/reader', '--secret-arn', SECRET_ARN, '--password={{ conn.db.password }}'],
    sparkConf: { 'spark.sql.shuffle.partitions': '200' },
  });
  new SqlTask(workflow, 'Users', {
    sql: "select user_id from app.users where password_hash is not null and password_changed_at >= '{{ds}}'",
    inputs: [orders.output], table: 'marts.users',
  });

  // THEN
  expect(noLiteralSecrets(workflow.toGraph())).toEqual([]);
  expect(noLiteralSecrets(validWorkflow().workflow.toGraph())).toEqual([]);
});

function esc(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('the workflow\'s description, owner and tags are scanned too, since they reach the artifacts', () => {
  // GIVEN a workflow whose owner, description and tags carry credentials
  const line = thisLine(); const workflow = new Workflow(newStack(), 'Pipeline', workflowProps({
    owner: 'etl password=hunter2',
    description: 'Reads https://etl:s3cr3t@db.internal/orders',
    tags: { team: 'data', token: 'f3b9c2d1e0a7' },
  }));

  // WHEN
  const diagnostics = noLiteralSecrets(workflow.toGraph());

  // THEN each is reported at the workflow, where it was created
  expect(diagnostics.map((d) => d.message.split(' holds ')[0])).toEqual(['description', 'owner', 'tags.token']);
  for (const d of diagnostics) {
    expect(d).toMatchObject({ code: 'TRB010', path: 'Test/Pipeline', location: atLine(FILE, line) });
    expect(d.message).not.toMatch(/hunter2|s3cr3t|f3b9c2d1e0a7/);
  }
});

test('a credential flag followed by its value in Spark arguments, and credential settings in sparkConf, are refused with TRB010', () => {
  // GIVEN
  const workflow = newWorkflow();
  new SparkTask(workflow, 'Export', {
    script: 's3://jobs-bucket/export.py',
    inputs: [ordersSource(workflow).output],
    arguments: ['--ds', '{{ds}}', '--password', 'hunter2hunter2', '--db-token', 'abc123xyz'],
    sparkConf: { 'spark.hadoop.fs.s3a.secret.key': 'wJalrXUtnFEMI', 'spark.ssl.keyStorePassword.unrelated': 'x', 'spark.sql.shuffle.partitions': '200' },
  });

  // WHEN
  const found = workflow.validate().filter((d) => d.code === 'TRB010').map((d) => d.message.split(' holds ')[0]);

  // THEN
  expect(found).toEqual(['properties.arguments[3]', 'properties.arguments[5]', "properties.sparkConf['spark.hadoop.fs.s3a.secret.key']".replace(/\['(.*)'\]/, '.$1')]);
});

test('an empty secret name is refused when the Secret is made (TRB106), before any rule could call it an exposed value', () => {
  // THEN
  expect(errorOfCall(() => Secret.fromSecretsManager(''))).toMatchObject({ code: 'TRB106', constructPath: 'Secret.fromSecretsManager' });
  expect(errorOfCall(() => Secret.fromAirflowConnection(''))).toMatchObject({ code: 'TRB106', constructPath: 'Secret.fromAirflowConnection' });
});

function errorOfCall(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}
