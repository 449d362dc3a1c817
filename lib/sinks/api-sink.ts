import { Construct } from 'constructs';
import { Dataset } from '../core/dataset';
import { Engine } from '../core/engine';
import { NodeDescription, NodeProps } from '../core/node';
import { Spec, registerSpec } from '../core/private/props';
import { COLUMN, DATASET, NODE_PROPS_SPEC, SECRET } from '../core/private/specs';
import { namedRequirements } from '../core/private/columns';
import type { Secret } from '../core/secret';
import { Sink } from '../core/sink';
import { plainSecret } from '../private/plain';

/** HTTP method of an API push. */
export enum HttpMethod {
  /** POST. */
  POST = 'POST',
  /** PUT. */
  PUT = 'PUT',
  /** PATCH. */
  PATCH = 'PATCH',
}

/** Props of an ApiSink. */
export interface ApiSinkProps extends NodeProps {
  /** Dataset pushed. */
  readonly input: Dataset;
  /** Endpoint, without credentials: `https://crm.example.com/api/accounts/batch`. */
  readonly url: string;
  /**
   * HTTP method.
   * @default HttpMethod.POST
   */
  readonly method?: HttpMethod;
  /**
   * Secret holding the API credentials.
   * @default - the endpoint needs no authentication
   */
  readonly auth?: Secret;
  /**
   * Records per request.
   * @default 500
   */
  readonly batchSize?: number;
  /**
   * Most requests per second.
   * @default 5
   */
  readonly maxRequestsPerSecond?: number;
  /**
   * Column sent as the `Idempotency-Key` of each record, so that a retried or re-run push
   * does not create duplicates. Without it the sink is refused at synth (TRB013).
   * @default - none
   */
  readonly idempotencyKey?: string;
}

/** Pushes a dataset's rows to an HTTP API in rate-limited batches. */
export class ApiSink extends Sink {
  /** Endpoint. */
  public readonly url: string;
  /** Method. */
  public readonly method: HttpMethod;
  /** Authentication secret. */
  public readonly auth?: Secret;
  /** Records per request. */
  public readonly batchSize: number;
  /** Rate limit. */
  public readonly maxRequestsPerSecond: number;
  /** Idempotency key column. */
  public readonly idempotencyKey?: string;

  constructor(scope: Construct, id: string, props: ApiSinkProps) {
    super(scope, id, props);
    this.addInput(props.input);
    this.url = props.url;
    this.method = props.method ?? HttpMethod.POST;
    this.auth = props.auth;
    this.batchSize = props.batchSize ?? 500;
    this.maxRequestsPerSecond = props.maxRequestsPerSecond ?? 5;
    this.idempotencyKey = props.idempotencyKey;
  }

  /** @internal */
  public _describe(): NodeDescription {
    return {
      type: 'ApiSink',
      engine: Engine.SINGLE_WORKER,
      properties: {
        url: this.url,
        method: this.method,
        auth: plainSecret(this.auth),
        batchSize: this.batchSize,
        maxRequestsPerSecond: this.maxRequestsPerSecond,
        idempotencyKey: this.idempotencyKey,
        idempotent: this.idempotencyKey !== undefined,
      },
      requiredColumns: this.idempotencyKey ? namedRequirements([this.idempotencyKey], 'idempotency key') : [],
    };
  }
}

registerSpec(ApiSink, {
  ...NODE_PROPS_SPEC,
  input: { ...DATASET, required: true },
  url: {
    kind: 'string', required: true, maxLength: 2048, pattern: /^https:\/\/[^\s/]+/,
    shape: 'an https:// URL', fix: "give the endpoint's https:// URL",
  },
  method: { kind: 'enum', name: 'HttpMethod', values: HttpMethod as unknown as Record<string, string> },
  auth: SECRET,
  batchSize: { kind: 'number', integer: true, min: 1, max: 10000 },
  maxRequestsPerSecond: { kind: 'number', above: 0, max: 10000 },
  idempotencyKey: { ...COLUMN, fix: "name the column that identifies each record, for example 'account_id'" },
} satisfies Spec);
