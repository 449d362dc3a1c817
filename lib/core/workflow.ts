import { Duration, Stack, Validations, attachCustomSynthesis } from 'aws-cdk-lib/core';
import { Construct, IConstruct } from 'constructs';
import { TributaryError } from './errors';
import { Spec, checkPropsObject, checkScopeAndId, failAt, registerSpec } from './private/props';
import { trimTrailingSlashes } from './private/text';
import { WorkflowNode } from './node';
import { Schedule } from './schedule';
import type { Secret } from './secret';
import type { WorkflowGraph } from '../model/workflow-graph';
import { snakeCase } from '../private/names';
import { captureSourceLocation } from '../private/source-location';
import { buildGraph } from '../model/build-graph';
import type { ITarget } from '../targets/target';
import { Diagnostic, DiagnosticSeverity } from '../validation/diagnostic';
import { sortDiagnostics } from '../validation/format';
import { reportWarnings } from '../synth/report';
import { activeSession } from '../synth/session';
import { validateWorkflowGraph } from '../synth/synthesize';
import { validateWorkflows } from '../synth/validate-app';
import { ValidationError } from '../validation/validation-error';
import { writeWorkflowArtifacts } from '../synth/write';

const WORKFLOW_SYMBOL = Symbol.for('tributary.Workflow');
const ROOT_VALIDATION_SYMBOL = Symbol.for('tributary.rootValidation');
/** Graphs that passed the app's validation, rendered by the synthesis that follows it. */
const VALIDATED_GRAPHS = new WeakMap<Workflow, WorkflowGraph>();

/** Retry and timeout settings applied to every node that does not set its own. */
export interface NodeDefaults {
  /**
   * Attempts after the first failure.
   * @default 2
   */
  readonly retries?: number;
  /**
   * Wait before the first retry.
   * @default Duration.minutes(5)
   */
  readonly retryDelay?: Duration;
  /**
   * Double the wait after each failed attempt.
   * @default true
   */
  readonly exponentialBackoff?: boolean;
  /**
   * Longest a single attempt may run.
   * @default Duration.hours(6)
   */
  readonly timeout?: Duration;
}

/** Where the workflow's SQL tasks, checks and warehouse sinks run. */
export interface WarehouseConnection {
  /** Database name. */
  readonly database: string;
  /**
   * Redshift Serverless workgroup. Give this or `clusterIdentifier`.
   * @default - a provisioned cluster, named by `clusterIdentifier`
   */
  readonly workgroupName?: string;
  /**
   * Provisioned Redshift cluster.
   * @default - a serverless workgroup, named by `workgroupName`
   */
  readonly clusterIdentifier?: string;
  /**
   * Credentials, as a reference to a secret.
   * @default - the orchestrator's IAM role (temporary credentials)
   */
  readonly secret?: Secret;
}

/** Props of a Workflow. */
export interface WorkflowProps {
  /** When the workflow runs; each run processes one logical date `ds`. */
  readonly schedule: Schedule;
  /** First logical date (`YYYY-MM-DD`); backfills never go earlier. */
  readonly startDate: string;
  /** Team or person on call for the workflow. */
  readonly owner: string;
  /**
   * What the workflow is for.
   * @default - no description
   */
  readonly description?: string;
  /**
   * Retries, backoff and timeout for nodes that do not set their own.
   * @default - 2 retries, 5 minutes apart with exponential backoff, 6 hour timeout
   */
  readonly defaults?: NodeDefaults;
  /**
   * Tags copied to every artifact that takes tags (DAG tags, resource tags).
   * @default - none
   */
  readonly tags?: Record<string, string>;
  /**
   * Object storage prefix under which nodes write their outputs by default.
   * @default 's3://tributary-lake/<workflow_id>'
   */
  readonly lakeLocation?: string;
  /**
   * Warehouse used by SQL tasks, warehouse checks and warehouse sinks.
   * @default - none; a workflow with warehouse nodes must set it
   */
  readonly warehouse?: WarehouseConnection;
  /**
   * Run the workflow for every logical date from `startDate` that has not run yet when it is
   * first deployed or resumed (Airflow's `catchup`). Backfills of chosen dates work either way.
   * @default false - only the latest date runs; older dates are backfilled on request
   */
  readonly catchup?: boolean;
  /**
   * Most runs (logical dates) of this workflow that may be in progress at once, from 1 to 64.
   * @default 1 - one date at a time, oldest first
   */
  readonly maxActiveRuns?: number;
  /**
   * Targets to render. Each target writes its files under `tributary/<workflow_id>/`.
   * @default - every built-in target
   */
  readonly targets?: ITarget[];
}

/**
 * One daily batch pipeline: a tree of sources, tasks and sinks that synthesizes to the
 * artifacts of every target. Each run processes one logical date `ds`.
 */
export class Workflow extends Construct {
  /** True if `x` is a Workflow, across copies of this library. */
  public static isWorkflow(x: unknown): x is Workflow {
    return x !== null && typeof x === 'object' && WORKFLOW_SYMBOL in x;
  }

  /** The snake_case id used for the DAG id and the artifact folder. */
  public readonly workflowId: string;
  /** When the workflow runs. */
  public readonly schedule: Schedule;
  /** First logical date. */
  public readonly startDate: string;
  /** Owner. */
  public readonly owner: string;
  /** Description. */
  public readonly description?: string;
  /** Defaults for nodes, with every field filled in. */
  public readonly defaults: NodeDefaults;
  /** Tags. */
  public readonly tags: Record<string, string>;
  /** Prefix of the default output locations. */
  public readonly lakeLocation: string;
  /** Warehouse connection. */
  public readonly warehouse?: WarehouseConnection;
  /** Whether missed logical dates run on their own. */
  public readonly catchup: boolean;
  /** Most runs in progress at once. */
  public readonly maxActiveRuns: number;
  /** @internal */
  public readonly _sourceLocation?: string;
  /** @internal */
  public readonly _targets?: ITarget[];

  constructor(scope: Construct, id: string, props: WorkflowProps) {
    // Checked before the construct joins the tree, so a refused workflow leaves nothing behind.
    super(checkWorkflowArguments(scope, id, props), id);
    Object.defineProperty(this, WORKFLOW_SYMBOL, { value: true });
    this._sourceLocation = captureSourceLocation();
    this.workflowId = snakeCase(id);
    this.schedule = props.schedule;
    this.startDate = props.startDate;
    this.owner = props.owner;
    this.description = props.description;
    this.defaults = {
      retries: props.defaults?.retries ?? 2,
      retryDelay: props.defaults?.retryDelay ?? Duration.minutes(5),
      exponentialBackoff: props.defaults?.exponentialBackoff ?? true,
      timeout: props.defaults?.timeout ?? Duration.hours(6),
    };
    this.tags = { ...(props.tags ?? {}) };
    this.lakeLocation = trimTrailingSlashes(props.lakeLocation ?? `s3://tributary-lake/${this.workflowId}`);
    this.warehouse = props.warehouse;
    this.catchup = props.catchup ?? false;
    this.maxActiveRuns = props.maxActiveRuns ?? 1;
    this._targets = props.targets;

    registerRootValidation(this.node.root);
    acknowledgeEmptyTemplate(this);
    attachCustomSynthesis(this, {
      onSynthesize: (session) => {
        const only = activeSession()?.onlyWorkflow;
        if (only === undefined || only === this.workflowId) writeWorkflowArtifacts(this, session.outdir, VALIDATED_GRAPHS.get(this));
      },
    });
  }

  /** The nodes of this workflow, in construct-tree order. */
  public get nodes(): WorkflowNode[] {
    return this.node.findAll().filter((c): c is WorkflowNode => WorkflowNode.isWorkflowNode(c) && c.workflow === this);
  }

  /** Read the construct tree into an immutable graph (the model phase). */
  public toGraph(): WorkflowGraph {
    return buildGraph(this);
  }

  /** Every diagnostic for this workflow, errors and warnings, without throwing. */
  public validate(): Diagnostic[] {
    return validateWorkflowGraph(this, this.toGraph());
  }
}

/**
 * A stack whose only content is workflows has an empty CloudFormation template, which
 * aws-cdk-lib's built-in template check reports (rule F0001); such a stack is not deployed and
 * that is expected, so the rule is acknowledged on the stack once.
 */
function acknowledgeEmptyTemplate(workflow: Workflow): void {
  let stack: Stack | undefined;
  for (let s: IConstruct | undefined = workflow.node.scope; s && !stack; s = s.node.scope) if (Stack.isStack(s)) stack = s;
  if (!stack || EMPTY_TEMPLATE_ACKNOWLEDGED.has(stack)) return;
  EMPTY_TEMPLATE_ACKNOWLEDGED.add(stack);
  Validations.of(stack).acknowledge({
    id: 'CloudFormation-Validate::F0001',
    reason: 'Tributary workflows write their own artifacts; a stack that holds only workflows has no resources',
  });
}
const EMPTY_TEMPLATE_ACKNOWLEDGED = new WeakSet<Stack>();

/** The checks of WorkflowProps. */
const WORKFLOW_PROPS_SPEC: Spec = {
  schedule: { kind: 'brand', name: 'Schedule', brand: 'tributary.Schedule', required: true, example: 'Schedule.daily({ hour: 2 })' },
  startDate: { kind: 'string', required: true, example: "'2026-01-01'" },
  owner: { kind: 'string', required: true, nonEmpty: true, maxLength: 256, example: "'data-platform@example.com'" },
  description: { kind: 'string', maxLength: 4096 },
  defaults: {
    kind: 'struct', name: 'NodeDefaults', props: {
      retries: { kind: 'number', integer: true, min: 0, max: 10, rangeCode: 'TRB101' },
      retryDelay: { kind: 'duration', minSeconds: 1, example: 'Duration.minutes(5)' },
      exponentialBackoff: { kind: 'boolean' },
      timeout: { kind: 'duration', minSeconds: 1, example: 'Duration.hours(6)' },
    },
  },
  tags: { kind: 'record', of: { kind: 'string', maxLength: 100000 } },
  lakeLocation: {
    kind: 'string', pattern: /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[^\s{}]*)?$/,
    shape: 'an s3:// bucket and prefix without placeholders', example: "'s3://acme-lake/orders'",
  },
  warehouse: {
    kind: 'struct', name: 'WarehouseConnection', example: "{ database: 'analytics', workgroupName: 'etl' }", props: {
      database: { kind: 'string', required: true, nonEmpty: true, pattern: /^[A-Za-z_][A-Za-z0-9_$-]{0,126}$/, shape: 'a database name', example: "'analytics'" },
      workgroupName: { kind: 'string', nonEmpty: true, pattern: /^[a-z0-9-]{3,64}$/, shape: 'a Redshift Serverless workgroup name', example: "'etl'" },
      clusterIdentifier: { kind: 'string', nonEmpty: true, pattern: /^[a-z][a-z0-9-]{0,62}$/, shape: 'a Redshift cluster identifier', example: "'analytics-cluster'" },
      secret: { kind: 'brand', name: 'Secret', brand: 'tributary.Secret', example: "Secret.fromSecretsManager('prod/redshift/etl')" },
    },
  },
  targets: { kind: 'array', of: { kind: 'target' } },
  catchup: { kind: 'boolean' },
  maxActiveRuns: { kind: 'number', integer: true, min: 1, max: 64, example: '1' },
};

/** Scope, id and props of a workflow about to be created; returns the scope. */
function checkWorkflowArguments(scope: Construct, id: string, props: WorkflowProps): Construct {
  const path = checkScopeAndId(scope, id, 'Workflow');
  requireNotInWorkflow(scope, id);
  checkPropsObject(failAt(path), props, WORKFLOW_PROPS_SPEC, 'Workflow');
  return scope;
}
registerSpec(Workflow, WORKFLOW_PROPS_SPEC);

/** `scope`, when it is not inside a workflow; otherwise throws TRB103. */
function requireNotInWorkflow(scope: Construct, id: string): Construct {
  for (let s: IConstruct | undefined = scope; s; s = s.node.scope) {
    if (Workflow.isWorkflow(s)) {
      throw new TributaryError('TRB103', `${scope.node.path}/${id}`, `Workflow '${id}' is inside workflow '${s.node.path}'`,
        'create each Workflow in a Stack or an App, not inside another workflow', captureSourceLocation());
    }
  }
  return scope;
}

/**
 * Validate every workflow of the app before any file is written: one ValidationError with
 * all the errors; warnings become CDK annotations.
 */
function registerRootValidation(root: IConstruct): void {
  if (ROOT_VALIDATION_SYMBOL in root) return;
  Object.defineProperty(root, ROOT_VALIDATION_SYMBOL, { value: true });
  activeSession()?.roots.push(root);
  root.node.addValidation({
    validate: () => {
      activeSession()?.validated.add(root);
      const workflows = root.node.findAll().filter(Workflow.isWorkflow);
      const validated = validateWorkflows(workflows);
      const found = validated.flatMap((v) => v.diagnostics);
      const errors = found.filter((d) => d.severity === DiagnosticSeverity.ERROR);
      // Warnings are annotated on their construct (where acknowledgeWarning silences them) and reported once.
      errors.push(...reportWarnings(root, sortDiagnostics(found.filter((d) => d.severity !== DiagnosticSeverity.ERROR))));
      if (errors.length > 0) throw new ValidationError(sortDiagnostics(errors));
      // Synthesis follows at once, with no user code in between: it renders these graphs as they are.
      workflows.forEach((workflow, i) => VALIDATED_GRAPHS.set(workflow, validated[i].graph));
      return [];
    },
  });
}
