import { Size } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import { Dataset, DatasetOptions } from '../core/dataset';
import { NODE_PROPS_SPEC, DATASET, DATASET_OPTIONS_SPEC, COLUMN_SPEC } from '../core/private/specs';
import { Engine } from '../core/engine';
import { NodeDescription, NodeProps } from '../core/node';
import { columnRequirements } from '../core/private/columns';
import { requireDsTemplate } from '../core/private/checks';
import { Fail, Spec, registerSpec } from '../core/private/props';
import type { Column } from '../core/schema';
import { Task } from '../core/task';
import { bytes } from '../private/plain';

/** Spark resources of one job. Fields left out are sized from the inputs' estimated size. */
export interface SparkResources {
  /**
   * vCPUs per executor (1, 2, 4, 8 or 16 on EMR Serverless).
   * @default - sized from the input
   */
  readonly executorCpu?: number;
  /**
   * Memory per executor.
   * @default - sized from the input
   */
  readonly executorMemory?: Size;
  /**
   * Most executors the job may scale out to.
   * @default - sized from the input
   */
  readonly maxExecutors?: number;
  /**
   * vCPUs of the driver.
   * @default - sized from the input
   */
  readonly driverCpu?: number;
  /**
   * Memory of the driver.
   * @default - sized from the input
   */
  readonly driverMemory?: Size;
}

/** Props of a SparkTask. */
export interface SparkTaskProps extends NodeProps {
  /** The job's entry point: an `s3://` URI of a PySpark script or JAR. */
  readonly script: string;
  /** Datasets the job reads. */
  readonly inputs: Dataset[];
  /**
   * Arguments passed to the script; `{{ds}}` stands for the logical date.
   * @default - `--ds {{ds}}` only
   */
  readonly arguments?: string[];
  /**
   * What the job writes.
   * @default - parquet at `<lakeLocation>/<node_id>/ds={{ds}}/`, schema unknown
   */
  readonly output?: DatasetOptions;
  /**
   * Columns the job reads from its inputs; checked against the input schemas at synth.
   * @default - no check
   */
  readonly requiredColumns?: Column[];
  /**
   * Spark resources.
   * @default - sized automatically from the inputs' estimated size
   */
  readonly resources?: SparkResources;
  /**
   * Extra Spark settings (`spark.sql.shuffle.partitions`), applied after the automatic ones.
   * @default - none
   */
  readonly sparkConf?: Record<string, string>;
}

/** A Spark job on EMR Serverless: the engine for data of 1 TiB or more. */
export class SparkTask extends Task {
  /** The dataset the job writes. */
  public readonly output: Dataset;
  /** Entry point. */
  public readonly script: string;
  /** Script arguments. */
  public readonly arguments: string[];
  /** Declared resources. */
  public readonly resources?: SparkResources;
  private readonly requiredColumns: Column[];
  private readonly sparkConf: Record<string, string>;

  constructor(scope: Construct, id: string, props: SparkTaskProps) {
    super(scope, id, props);
    const fail: Fail = (c, p, f) => this._fail(c, p, f);
    requireDsTemplate(fail, 'output.location', props.output?.location);
    props.inputs.forEach((d) => this.addInput(d));
    this.script = props.script;
    this.arguments = [...(props.arguments ?? ['--ds', '{{ds}}'])];
    this.resources = props.resources;
    this.requiredColumns = [...(props.requiredColumns ?? [])];
    this.sparkConf = { ...(props.sparkConf ?? {}) };
    this.output = new Dataset(this, this.defaultLocation(), props.output);
  }

  /** @internal */
  public _describe(): NodeDescription {
    const r = this.resources;
    return {
      type: 'SparkTask',
      engine: Engine.SPARK,
      properties: {
        script: this.script,
        arguments: this.arguments,
        resources: r && {
          executorCpu: r.executorCpu,
          executorMemoryBytes: bytes(r.executorMemory),
          maxExecutors: r.maxExecutors,
          driverCpu: r.driverCpu,
          driverMemoryBytes: bytes(r.driverMemory),
        },
        sparkConf: this.sparkConf,
      },
      requiredColumns: columnRequirements(this.requiredColumns, 'required column'),
    };
  }
}

registerSpec(SparkTask, {
  ...NODE_PROPS_SPEC,
  script: {
    kind: 'string', required: true, maxLength: 1024, pattern: /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/[^\s{}]+$/,
    shape: 'an s3:// URI of a file', fix: "upload the job and give its URI, for example 's3://acme-jobs/sessionize.py'",
  },
  inputs: { kind: 'array', required: true, minLength: 1, of: DATASET, example: '`inputs: [orders.output]`' },
  arguments: { kind: 'array', of: { kind: 'string', maxLength: 100000 }, example: "['--ds', '{{ds}}']" },
  output: { kind: 'struct', name: 'DatasetOptions', props: DATASET_OPTIONS_SPEC },
  requiredColumns: { kind: 'array', of: COLUMN_SPEC },
  resources: {
    kind: 'struct', name: 'SparkResources', props: {
      executorCpu: { kind: 'number', integer: true, min: 1, max: 16 },
      executorMemory: { kind: 'size', positive: true, example: 'Size.gibibytes(16)' },
      maxExecutors: { kind: 'number', integer: true, min: 1, max: 10000 },
      driverCpu: { kind: 'number', integer: true, min: 1, max: 16 },
      driverMemory: { kind: 'size', positive: true, example: 'Size.gibibytes(16)' },
    },
  },
  sparkConf: { kind: 'record', of: { kind: 'string', maxLength: 1000000 } },
} satisfies Spec);
