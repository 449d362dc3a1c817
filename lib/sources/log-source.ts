import { Duration, Size } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import { Dataset, DataFormat, OutputOptions } from '../core/dataset';
import { NODE_PROPS_SPEC, OUTPUT_OPTIONS_SPEC, oneOf } from '../core/private/specs';
import { Engine } from '../core/engine';
import { NodeDescription, NodeProps } from '../core/node';
import { requireDsTemplate } from '../core/private/checks';
import { Fail, Spec, registerSpec } from '../core/private/props';
import type { Schema } from '../core/schema';
import { Source } from '../core/source';
import { seconds } from '../private/plain';

/** Props of a LogSource. */
export interface LogSourceProps extends NodeProps {
  /** Location template of one day's logs, with `{{ds}}`: `s3://acme-logs/clickstream/dt={{ds}}/`. */
  readonly location: string;
  /** File format of the logs. */
  readonly format: DataFormat;
  /**
   * How long to wait for the day's partition to arrive before failing the run.
   * @default Duration.hours(6)
   */
  readonly arrivalTimeout?: Duration;
  /**
   * How often to look for the partition while waiting.
   * @default Duration.minutes(5)
   */
  readonly pollInterval?: Duration;
  /**
   * Name of the object whose presence marks the partition complete.
   * @default '_SUCCESS'
   */
  readonly completionMarker?: string;
  /**
   * Columns of the log records.
   * @default - unknown: column checks against it are skipped
   * @deprecated use `output: { schema }`, which every producing node accepts
   */
  readonly schema?: Schema;
  /**
   * Size of one day of logs.
   * @default - unknown; treated as small
   * @deprecated use `output: { estimatedSize }`, which every producing node accepts
   */
  readonly estimatedSize?: Size;
  /**
   * Columns and daily size of the logs.
   * @default - schema unknown, size unknown (treated as small)
   */
  readonly output?: OutputOptions;
}

/**
 * Application logs landing in object storage, partitioned by day. The source waits for the day's
 * partition; the logs are read where they land, by the Spark tasks that consume them.
 */
export class LogSource extends Source {
  /** The day's logs, in place. */
  public readonly output: Dataset;
  /** Wait limit for the partition. */
  public readonly arrivalTimeout: Duration;
  /** Poll interval while waiting. */
  public readonly pollInterval: Duration;
  /** Completion marker object name. */
  public readonly completionMarker: string;

  constructor(scope: Construct, id: string, props: LogSourceProps) {
    super(scope, id, props);
    const fail: Fail = (c, p, f) => this._fail(c, p, f);
    requireDsTemplate(fail, 'location', props.location);
    this.arrivalTimeout = props.arrivalTimeout ?? Duration.hours(6);
    this.pollInterval = props.pollInterval ?? Duration.minutes(5);
    this.completionMarker = props.completionMarker ?? '_SUCCESS';
    if (this.pollInterval.toSeconds() > this.arrivalTimeout.toSeconds()) {
      fail('TRB104', `pollInterval (${this.pollInterval.toHumanString()}) is longer than arrivalTimeout (${this.arrivalTimeout.toHumanString()})`,
        'poll more often than the time you are willing to wait');
    }
    this.output = new Dataset(this, props.location, {
      schema: oneOf(fail, 'schema', props.schema, props.output?.schema),
      format: props.format,
      estimatedSize: oneOf(fail, 'estimatedSize', props.estimatedSize, props.output?.estimatedSize),
    });
  }

  /** @internal */
  public _describe(): NodeDescription {
    return {
      type: 'LogSource',
      engine: Engine.SENSOR,
      properties: {
        arrivalTimeoutSeconds: seconds(this.arrivalTimeout),
        pollIntervalSeconds: seconds(this.pollInterval),
        completionMarker: this.completionMarker,
      },
    };
  }
}

registerSpec(LogSource, {
  ...NODE_PROPS_SPEC,
  location: { kind: 'string', required: true, nonEmpty: true, maxLength: 1024, example: "'s3://acme-logs/clickstream/dt={{ds}}/'" },
  format: { kind: 'enum', name: 'DataFormat', values: DataFormat as unknown as Record<string, string>, required: true },
  arrivalTimeout: { kind: 'duration', minSeconds: 1, example: 'Duration.hours(6)' },
  pollInterval: { kind: 'duration', minSeconds: 1, example: 'Duration.minutes(5)' },
  completionMarker: {
    kind: 'string', nonEmpty: true, maxLength: 1024, pattern: /^[^\s/{}][^\s{}]*$/,
    shape: 'an object name relative to the location', example: "'_SUCCESS'",
  },
  schema: OUTPUT_OPTIONS_SPEC.schema,
  estimatedSize: OUTPUT_OPTIONS_SPEC.estimatedSize,
  output: { kind: 'struct', name: 'OutputOptions', props: OUTPUT_OPTIONS_SPEC },
} satisfies Spec);
