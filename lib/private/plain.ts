import type { Duration, Size } from 'aws-cdk-lib/core';
import type { Secret } from '../core/secret';

/** A secret reference as plain data: `{ store, reference }`, never a value. */
export function plainSecret(secret: Secret | undefined): { store: string; reference: string } | undefined {
  return secret ? { store: secret.store, reference: secret.reference } : undefined;
}

/** A duration in whole seconds. */
export function seconds(duration: Duration | undefined): number | undefined {
  return duration?.toSeconds();
}

/** A size in bytes. */
export function bytes(size: Size | undefined): number | undefined {
  return size?.toBytes();
}
