import { DatabaseEngine, DatabaseSource, IngestMode, Secret, SecretStore, Testing } from '../../lib';
import { newWorkflow } from '../util';

test('store values are the strings written to artifacts', () => {
  // THEN
  expect(Object.entries(SecretStore)).toEqual([
    ['SECRETS_MANAGER', 'secretsmanager'],
    ['AIRFLOW_CONNECTION', 'airflow_connection'],
  ]);
});

test('fromSecretsManager references a Secrets Manager secret by name or ARN', () => {
  // WHEN
  const byName = Secret.fromSecretsManager('prod/orders/reader');
  const byArn = Secret.fromSecretsManager('arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders-AbCdEf');

  // THEN
  expect([byName.store, byName.reference]).toEqual([SecretStore.SECRETS_MANAGER, 'prod/orders/reader']);
  expect(byArn.reference).toBe('arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders-AbCdEf');
});

test('fromAirflowConnection references an Airflow connection id', () => {
  // WHEN
  const secret = Secret.fromAirflowConnection('crm_api');

  // THEN
  expect([secret.store, secret.reference]).toEqual([SecretStore.AIRFLOW_CONNECTION, 'crm_api']);
});

test('isSecret is true for secrets and false for look-alikes', () => {
  // THEN
  expect(Secret.isSecret(Secret.fromAirflowConnection('crm_api'))).toBe(true);
  expect(Secret.isSecret({ store: 'secretsmanager', reference: 'prod/orders/reader' })).toBe(false);
  expect(Secret.isSecret('prod/orders/reader')).toBe(false);
  expect(Secret.isSecret(undefined)).toBe(false);
});

test('a secret appears in node properties as {store, reference} and nothing else', () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  new DatabaseSource(workflow, 'Orders', {
    engine: DatabaseEngine.POSTGRES,
    connection: Secret.fromSecretsManager('prod/orders/reader'),
    table: 'public.orders',
    ingest: IngestMode.snapshotExport(),
  });

  // THEN
  const connection = Testing.graph(workflow).node('orders').properties.connection;
  expect(connection).toStrictEqual({ store: 'secretsmanager', reference: 'prod/orders/reader' });
  expect(Secret.isSecret(connection)).toBe(false);
});

test('the warehouse secret appears in the graph as {store, reference}', () => {
  // GIVEN
  const workflow = newWorkflow({ warehouse: { database: 'analytics', clusterIdentifier: 'main', secret: Secret.fromAirflowConnection('redshift_etl') } });

  // THEN
  expect(Testing.graph(workflow).workflow.warehouse!.secret).toStrictEqual({ store: 'airflow_connection', reference: 'redshift_etl' });
});
