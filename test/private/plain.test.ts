import { Duration, Size } from 'aws-cdk-lib/core';
import { Secret } from '../../lib';
import { bytes, plainSecret, seconds } from '../../lib/private/plain';

test('plainSecret gives the store and the reference of a secret, never anything else', () => {
  // THEN
  expect(plainSecret(Secret.fromSecretsManager('prod/orders/reader'))).toEqual({ store: 'secretsmanager', reference: 'prod/orders/reader' });
  expect(plainSecret(Secret.fromAirflowConnection('crm_api'))).toEqual({ store: 'airflow_connection', reference: 'crm_api' });
});

test('plainSecret returns plain data that survives JSON', () => {
  // GIVEN
  const plain = plainSecret(Secret.fromSecretsManager('prod/x'));

  // THEN
  expect(JSON.parse(JSON.stringify(plain))).toEqual(plain);
  expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
});

test('plainSecret of no secret is undefined', () => {
  // THEN
  expect(plainSecret(undefined)).toBeUndefined();
});

test('seconds converts a duration to whole seconds', () => {
  // THEN
  expect(seconds(Duration.minutes(5))).toBe(300);
  expect(seconds(Duration.hours(6))).toBe(21600);
  expect(seconds(Duration.seconds(0))).toBe(0);
  expect(seconds(undefined)).toBeUndefined();
});

test('bytes converts a size to bytes', () => {
  // THEN
  expect(bytes(Size.gibibytes(1))).toBe(1024 ** 3);
  expect(bytes(Size.tebibytes(12))).toBe(12 * 1024 ** 4);
  expect(bytes(Size.kibibytes(64))).toBe(65536);
  expect(bytes(undefined)).toBeUndefined();
});
