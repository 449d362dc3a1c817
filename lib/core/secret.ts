import { checkArgument } from './private/props';

const SECRET_SYMBOL = Symbol.for('tributary.Secret');

/** Where a secret is stored. */
export enum SecretStore {
  /** AWS Secrets Manager, by secret name or ARN. */
  SECRETS_MANAGER = 'secretsmanager',
  /** An Airflow connection, by connection id. */
  AIRFLOW_CONNECTION = 'airflow_connection',
}

/**
 * A reference to a secret kept in a secret store. Tributary never holds a secret's value:
 * artifacts carry the reference and the orchestrator resolves it at run time.
 */
export class Secret {
  /** A secret in AWS Secrets Manager, by name (`prod/orders/reader`) or ARN. */
  public static fromSecretsManager(secretName: string): Secret {
    // Only the type and presence here: a value pasted in place of a name is reported by TRB010 at synth, never echoed.
    checkArgument('Secret.fromSecretsManager', 'secretName', secretName, { kind: 'string', nonEmpty: true, example: "'prod/orders/reader'" });
    return new Secret(SecretStore.SECRETS_MANAGER, secretName);
  }

  /** An Airflow connection id (`crm_api`); Step Functions reads the same name from Secrets Manager. */
  public static fromAirflowConnection(connectionId: string): Secret {
    checkArgument('Secret.fromAirflowConnection', 'connectionId', connectionId, { kind: 'string', nonEmpty: true, example: "'crm_api'" });
    return new Secret(SecretStore.AIRFLOW_CONNECTION, connectionId);
  }

  /** True if `x` is a Secret, across copies of this library. */
  public static isSecret(x: unknown): x is Secret {
    return x !== null && typeof x === 'object' && SECRET_SYMBOL in x;
  }

  /** The store that holds the secret. */
  public readonly store: SecretStore;
  /** The secret's name in that store: never its value. */
  public readonly reference: string;

  private constructor(store: SecretStore, reference: string) {
    this.store = store;
    this.reference = reference;
    Object.defineProperty(this, SECRET_SYMBOL, { value: true });
  }
}
