import { Duration } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import { Dataset, DataFormat, DatasetOptions } from '../core/dataset';
import { Engine } from '../core/engine';
import { ColumnRequirement, NodeDescription, NodeProps } from '../core/node';
import { COLUMN, COLUMNS, DATASET, NODE_PROPS_SPEC } from '../core/private/specs';
import { Fail, Spec, checkArgument, registerSpec } from '../core/private/props';
import { namedRequirements } from '../core/private/columns';
import { Task } from '../core/task';

const CHECK_RULE_SYMBOL = Symbol.for('tributary.CheckRule');

/** One data-quality rule, evaluated on the logical date's partition only. */
export class CheckRule {
  /** No nulls in these columns. */
  public static notNull(columns: string[]): CheckRule {
    checkArgument('CheckRule.notNull', 'columns', columns, COLUMNS);
    return new CheckRule('not_null', { columns }, namedRequirements(columns, 'not_null rule'));
  }

  /** No two rows share the values of these columns. */
  public static unique(columns: string[]): CheckRule {
    checkArgument('CheckRule.unique', 'columns', columns, COLUMNS);
    return new CheckRule('unique', { columns }, namedRequirements(columns, 'unique rule'));
  }

  /** The partition has at least `minRows` rows. */
  public static rowCountAtLeast(minRows: number): CheckRule {
    // Zero rows always pass: a rule that cannot fail checks nothing.
    checkArgument('CheckRule.rowCountAtLeast', 'minRows', minRows, { kind: 'number', integer: true, min: 1, max: Number.MAX_SAFE_INTEGER });
    return new CheckRule('row_count_at_least', { minRows }, []);
  }

  /** The newest value of `column` (a timestamp) is at most `maxAge` older than the end of the logical date. */
  public static freshness(column: string, maxAge: Duration): CheckRule {
    checkArgument('CheckRule.freshness', 'column', column, { ...COLUMN, example: "'updated_at'" });
    checkArgument('CheckRule.freshness', 'maxAge', maxAge, { kind: 'duration', minSeconds: 1, example: 'Duration.hours(2)' });
    return new CheckRule('freshness', { column, maxAgeSeconds: maxAge.toSeconds({ integral: false }) }, namedRequirements([column], 'freshness rule'));
  }

  /** A SQL query that returns the failing rows; the rule passes when it returns none. `{{ds}}` and `{{table}}` may appear. */
  public static customSql(name: string, sql: string): CheckRule {
    checkArgument('CheckRule.customSql', 'name', name, { kind: 'string', nonEmpty: true, maxLength: 128, pattern: /^[A-Za-z0-9_ .-]+$/, shape: 'a rule name', example: "'no_negative_amounts'" });
    checkArgument('CheckRule.customSql', 'sql', sql, { kind: 'string', nonEmpty: true, maxLength: 100000, example: "'SELECT * FROM {{table}} WHERE amount < 0'" });
    return new CheckRule('custom_sql', { name, sql }, []);
  }

  /** Rule name: `not_null`, `unique`, `row_count_at_least`, `freshness` or `custom_sql`. */
  public readonly rule: string;
  /** The rule's settings. */
  public readonly settings: Record<string, any>;
  /** @internal */
  public readonly _columns: ColumnRequirement[];

  private constructor(rule: string, settings: Record<string, any>, columns: ColumnRequirement[]) {
    this.rule = rule;
    this.settings = settings;
    this._columns = columns;
    Object.defineProperty(this, CHECK_RULE_SYMBOL, { value: true });
  }
}

/** What a failed check does. */
export enum CheckSeverity {
  /** The run fails and the sinks of the audited dataset do not run. */
  ERROR = 'error',
  /** The failure is reported; the sinks run. */
  WARNING = 'warning',
}

/** Props of a QualityCheck. */
export interface QualityCheckProps extends NodeProps {
  /** Dataset audited. */
  readonly input: Dataset;
  /** Rules, all evaluated on the logical date's partition. */
  readonly rules: CheckRule[];
  /**
   * What a failure does.
   * @default CheckSeverity.ERROR
   */
  readonly severity?: CheckSeverity;
  /**
   * Where the rules run.
   * @default - Engine.WAREHOUSE for a warehouse table, Engine.SPARK for lake data
   */
  readonly engine?: Engine;
}

/**
 * A data-quality gate. Every sink that reads the audited dataset waits for it
 * (write-audit-publish); `output` is the same dataset, available once the check has passed.
 */
export class QualityCheck extends Task {
  /** The audited dataset, once the check has passed. */
  public readonly output: Dataset;
  /** Rules. */
  public readonly rules: CheckRule[];
  /** Severity. */
  public readonly severity: CheckSeverity;
  /** Where the rules run. */
  public readonly engine: Engine;

  constructor(scope: Construct, id: string, props: QualityCheckProps) {
    super(scope, id, props);
    const fail: Fail = (c, p, f) => this._fail(c, p, f);
    const engine = props.engine ?? (props.input.format === DataFormat.WAREHOUSE_TABLE ? Engine.WAREHOUSE : Engine.SPARK);
    if (engine !== Engine.SPARK && engine !== Engine.WAREHOUSE) {
      fail('TRB104', `engine is ${engine}`, 'run checks on Engine.SPARK or Engine.WAREHOUSE');
    }
    this.addInput(props.input);
    this.rules = [...props.rules];
    this.severity = props.severity ?? CheckSeverity.ERROR;
    this.engine = engine;
    this.output = new Dataset(this, props.input.location, {
      schema: props.input.schema,
      format: props.input.format,
      estimatedSize: props.input.estimatedSize,
      dateColumn: props.input.dateColumn,
    } as DatasetOptions);
  }

  /** @internal */
  public _describe(): NodeDescription {
    return {
      type: 'QualityCheck',
      engine: this.engine,
      properties: {
        severity: this.severity,
        rules: this.rules.map((r) => ({ rule: r.rule, ...r.settings })),
      },
      requiredColumns: this.rules.flatMap((r) => r._columns),
      auditsInput: true,
      gatesSinks: this.severity === CheckSeverity.ERROR,
    };
  }
}

registerSpec(QualityCheck, {
  ...NODE_PROPS_SPEC,
  input: { ...DATASET, required: true },
  rules: { kind: 'array', required: true, minLength: 1, of: { kind: 'brand', name: 'CheckRule', brand: 'tributary.CheckRule' }, example: "`rules: [CheckRule.notNull(['order_id'])]`" },
  severity: { kind: 'enum', name: 'CheckSeverity', values: CheckSeverity as unknown as Record<string, string> },
  engine: { kind: 'enum', name: 'Engine', values: Engine as unknown as Record<string, string> },
} satisfies Spec);
