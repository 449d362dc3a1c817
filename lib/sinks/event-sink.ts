import { Construct } from 'constructs';
import { Dataset } from '../core/dataset';
import { Engine } from '../core/engine';
import { NodeDescription, NodeProps } from '../core/node';
import { Fail, Spec, checkArgument, registerSpec } from '../core/private/props';
import { COLUMN, DATASET, NODE_PROPS_SPEC, SECRET } from '../core/private/specs';
import { namedRequirements } from '../core/private/columns';
import type { Secret } from '../core/secret';
import { Sink } from '../core/sink';
import { plainSecret } from '../private/plain';

/** Options of a Kafka topic. */
export interface KafkaTopicOptions {
  /** Topic name. */
  readonly topic: string;
  /** Secret holding the bootstrap servers and the client credentials. */
  readonly connection: Secret;
}

const EVENT_BUS_SYMBOL = Symbol.for('tributary.EventBus');
const EVENT_PAYLOAD_SYMBOL = Symbol.for('tributary.EventPayload');

/** The broker an EventSink publishes to. */
export class EventBus {
  /** An Amazon EventBridge event bus, by name. */
  public static eventBridge(busName: string): EventBus {
    checkArgument('EventBus.eventBridge', 'busName', busName, {
      kind: 'string', nonEmpty: true, pattern: /^([A-Za-z0-9._\-/]{1,256}|arn:aws[a-z-]*:events:[a-z0-9-]+:\d{12}:event-bus\/[A-Za-z0-9._\-/]{1,256})$/,
      shape: 'an event bus name or ARN', example: "'orders-bus'",
    });
    return new EventBus('eventbridge', { busName });
  }

  /** A Kafka topic (Amazon MSK or any Kafka cluster). */
  public static kafka(options: KafkaTopicOptions): EventBus {
    checkArgument('EventBus.kafka', 'options', options, {
      kind: 'struct', name: 'KafkaTopicOptions', example: "{ topic: 'orders', connection: Secret.fromSecretsManager('prod/kafka') }", props: {
        topic: { kind: 'string', required: true, pattern: /^[A-Za-z0-9._-]{1,249}$/, shape: 'a Kafka topic name', example: "'orders'" },
        connection: { ...SECRET, required: true },
      },
    });
    return new EventBus('kafka', { topic: options.topic, connection: plainSecret(options.connection) });
  }

  /** Broker kind: `eventbridge` or `kafka`. */
  public readonly broker: string;
  /** The broker's settings. */
  public readonly settings: Record<string, any>;

  private constructor(broker: string, settings: Record<string, any>) {
    this.broker = broker;
    this.settings = settings;
    Object.defineProperty(this, EVENT_BUS_SYMBOL, { value: true });
  }
}

/** What an EventSink publishes. */
export class EventPayload {
  /**
   * One event per run when the inputs are ready, with the logical date and the datasets'
   * locations. Its id is derived from the workflow, the node and the date, so a re-run sends the same id.
   */
  public static completion(): EventPayload {
    return new EventPayload('completion', {});
  }

  /** One event per record; `idempotencyKey` is the column used as the event id. */
  public static records(idempotencyKey: string): EventPayload {
    checkArgument('EventPayload.records', 'idempotencyKey', idempotencyKey, { ...COLUMN, example: "'order_id'" });
    return new EventPayload('records', { idempotencyKey });
  }

  /** Payload kind: `completion` or `records`. */
  public readonly kind: string;
  /** The payload's settings. */
  public readonly settings: Record<string, any>;

  private constructor(kind: string, settings: Record<string, any>) {
    this.kind = kind;
    this.settings = settings;
    Object.defineProperty(this, EVENT_PAYLOAD_SYMBOL, { value: true });
  }
}

/** Props of an EventSink. */
export interface EventSinkProps extends NodeProps {
  /** Datasets the event is about. */
  readonly inputs: Dataset[];
  /** Where to publish. */
  readonly bus: EventBus;
  /** Event source, such as `com.acme.orders`; must not start with `aws.`. */
  readonly source: string;
  /** Event detail type, such as `OrdersLoaded`. */
  readonly detailType: string;
  /**
   * What is published.
   * @default EventPayload.completion()
   */
  readonly payload?: EventPayload;
}

/** Publishes events to a broker (EventBridge, or a Kafka topic). */
export class EventSink extends Sink {
  /** Broker. */
  public readonly bus: EventBus;
  /** Event source. */
  public readonly source: string;
  /** Detail type. */
  public readonly detailType: string;
  /** Payload. */
  public readonly payload: EventPayload;

  constructor(scope: Construct, id: string, props: EventSinkProps) {
    super(scope, id, props);
    const fail: Fail = (c, p, f) => this._fail(c, p, f);
    if (!/^[A-Za-z0-9][A-Za-z0-9._\/-]{0,255}$/.test(props.source) || props.source.startsWith('aws.')) {
      fail('TRB107', `event source '${props.source}' is not allowed`, "use a reverse-DNS name of your own, not starting with 'aws.', for example 'com.acme.orders'");
    }
    if (props.detailType.length === 0 || props.detailType.length > 128) {
      fail('TRB107', `detail type '${props.detailType}' must be 1 to 128 characters`, "name the event, for example 'OrdersLoaded'");
    }
    props.inputs.forEach((d) => this.addInput(d));
    this.bus = props.bus;
    this.source = props.source;
    this.detailType = props.detailType;
    this.payload = props.payload ?? EventPayload.completion();
    if (props.inputs.length > 10) {
      fail('TRB104', `inputs is ${props.inputs.length} datasets; an event names at most 10`, 'split the datasets over several EventSinks of at most 10 inputs each');
    }
  }

  /** @internal */
  public _describe(): NodeDescription {
    const key = this.payload.settings.idempotencyKey as string | undefined;
    return {
      type: 'EventSink',
      engine: this.payload.kind === 'records' ? Engine.SPARK : Engine.SINGLE_WORKER,
      properties: {
        bus: { broker: this.bus.broker, ...this.bus.settings },
        source: this.source,
        detailType: this.detailType,
        payload: { kind: this.payload.kind, ...this.payload.settings },
        idempotent: true,
      },
      requiredColumns: key ? namedRequirements([key], 'event id column') : [],
      readsInputData: this.payload.kind === 'records',
    };
  }
}

registerSpec(EventSink, {
  ...NODE_PROPS_SPEC,
  inputs: { kind: 'array', required: true, minLength: 1, of: DATASET, example: '`inputs: [ordersLoaded.output]`' },
  bus: { kind: 'brand', name: 'EventBus', brand: 'tributary.EventBus', required: true, example: "EventBus.eventBridge('orders-bus')" },
  source: { kind: 'string', required: true, example: "'com.acme.orders'" },
  detailType: { kind: 'string', required: true, example: "'OrdersLoaded'" },
  payload: { kind: 'brand', name: 'EventPayload', brand: 'tributary.EventPayload', example: 'EventPayload.completion()' },
} satisfies Spec);
