import { Duration } from 'aws-cdk-lib/core';
import { Construct, IConstruct } from 'constructs';
import { Dataset } from './dataset';
import { Engine, NodeKind } from './engine';
import { TributaryError } from './errors';
import { checkPropsObject, checkScopeAndId, failAt, registerSpec, specOf } from './private/props';
import { NODE_PROPS_SPEC } from './private/specs';
import type { Workflow } from './workflow';
import { snakeCase } from '../private/names';
import { captureSourceLocation } from '../private/source-location';

const NODE_SYMBOL = Symbol.for('tributary.WorkflowNode');
const WORKFLOW_SYMBOL = Symbol.for('tributary.Workflow');

/** Props every node accepts. */
export interface NodeProps {
  /**
   * What the node does, shown in the graph, the Airflow UI and Step Functions comments.
   * @default - no description
   */
  readonly description?: string;
  /**
   * Attempts after the first failure.
   * @default - the workflow's `defaults.retries`
   */
  readonly retries?: number;
  /**
   * Longest a single attempt may run before it is stopped and counted as failed.
   * @default - the workflow's `defaults.timeout`
   */
  readonly timeout?: Duration;
  /**
   * How long the node usually runs. Used for the critical path and, by the Step Functions
   * compiler, to decide where to synchronise branches.
   * @default - estimated from the engine and the size of the inputs
   */
  readonly expectedDuration?: Duration;
}

/** A column a node reads from its inputs, for the schema check at synth. */
export interface ColumnRequirement {
  /** Column name. */
  readonly name: string;
  /** Expected type name (`bigint`, `decimal(18,2)`), when the node depends on it. */
  readonly type?: string;
  /** Why the node needs it, for the message: `merge key`, `not_null rule`. */
  readonly role: string;
  /**
   * Id of the dataset that must have the column.
   * @default - one of the node's inputs
   */
  readonly dataset?: string;
}

/**
 * What a node tells the model about itself: plain data only.
 * @internal
 */
export interface NodeDescription {
  readonly type: string;
  readonly engine: Engine;
  readonly properties: Record<string, unknown>;
  readonly requiredColumns?: ColumnRequirement[];
  /** False when the node only needs its inputs to be ready, not their contents (completion events). */
  readonly readsInputData?: boolean;
  /** Checks only: the node audits its first input. */
  readonly auditsInput?: boolean;
  /** Checks only: does a failure block the sinks of the dataset it audits? */
  readonly gatesSinks?: boolean;
}

/**
 * A node of a workflow: a source, a task or a sink. Nodes are created inside a `Workflow`
 * (directly or inside a grouping construct) and their edges come from `inputs` and `addDependency`.
 */
export abstract class WorkflowNode extends Construct {
  /** True if `x` is a workflow node, across copies of this library. */
  public static isWorkflowNode(x: unknown): x is WorkflowNode {
    return x !== null && typeof x === 'object' && NODE_SYMBOL in x;
  }

  /** The snake_case id used in every artifact (`orders_raw`). */
  public readonly nodeId: string;
  /** The workflow this node belongs to. */
  public readonly workflow: Workflow;
  /** What the node does. */
  public readonly description?: string;
  /** Retries, when set on the node. */
  public readonly retries?: number;
  /** Timeout, when set on the node. */
  public readonly timeout?: Duration;
  /** Expected duration, when declared. */
  public readonly expectedDuration?: Duration;
  /** The kind of node. */
  public abstract readonly kind: NodeKind;

  /** @internal */
  public readonly _sourceLocation?: string;
  private readonly _inputs: Dataset[] = [];
  private readonly _dependencies: WorkflowNode[] = [];

  constructor(scope: Construct, id: string, props: NodeProps = {}) {
    // Scope, id and props are checked before the construct joins the tree, so a refused node leaves nothing behind.
    super(checkNodeArguments(scope, id, props, new.target), id);
    Object.defineProperty(this, NODE_SYMBOL, { value: true });
    this._sourceLocation = captureSourceLocation();
    this.nodeId = snakeCase(id);
    this.workflow = findWorkflow(scope)!;
    this.description = props.description;
    this.retries = props.retries;
    this.timeout = props.timeout;
    this.expectedDuration = props.expectedDuration;
  }

  /** The datasets this node reads, in the order given. */
  public get inputs(): Dataset[] {
    return [...this._inputs];
  }

  /** Nodes this node runs after although no data flows between them. */
  public get dependencies(): WorkflowNode[] {
    return [...this._dependencies];
  }

  /** Run this node only after `nodes` have succeeded, when no data flows between them. */
  public addDependency(...nodes: WorkflowNode[]): void {
    for (const node of nodes) {
      if (!this._dependencies.includes(node)) this._dependencies.push(node);
    }
  }

  /** @internal */
  public abstract _describe(): NodeDescription;

  /** Read `dataset` as an input. */
  protected addInput(dataset: Dataset): void {
    if (!Dataset.isDataset(dataset)) {
      this._fail('TRB102', 'an input is not a Dataset', "pass another node's `output` (for example `orders.output`)");
    }
    if (!this._inputs.includes(dataset)) this._inputs.push(dataset);
  }

  /** The default location template of this node's output in the lake. */
  protected defaultLocation(): string {
    return `${this.workflow.lakeLocation}/${this.nodeId}/ds={{ds}}/`;
  }

  /**
   * Throw a TributaryError for this node, with its path and source line.
   * @internal
   */
  protected _fail(code: string, problem: string, fix: string): never {
    throw new TributaryError(code, this.node.path, problem, fix, this._sourceLocation);
  }
}

registerSpec(WorkflowNode, NODE_PROPS_SPEC);

/** Scope, id and props of a node about to be created, checked against its kind's spec; returns the scope. */
function checkNodeArguments(scope: Construct, id: string, props: unknown, type: object): Construct {
  const kind = (type as { name?: string }).name || 'node';
  const path = checkScopeAndId(scope, id, kind);
  requireWorkflowScope(scope, id, kind);
  checkPropsObject(failAt(path), props, specOf(type) ?? NODE_PROPS_SPEC, kind);
  return scope;
}

/** `scope`, when it is inside a workflow; otherwise throws TRB100 with the path the node would have had. */
function requireWorkflowScope(scope: Construct, id: string, kind: string): Construct {
  if (findWorkflow(scope)) return scope;
  const path = scope.node.path ? `${scope.node.path}/${id}` : id;
  throw new TributaryError('TRB100', path, `${kind} '${id}' is not inside a Workflow`,
    'create the node with a Workflow (or a construct inside one) as its scope', captureSourceLocation());
}

function findWorkflow(scope: IConstruct): Workflow | undefined {
  for (let current: IConstruct | undefined = scope; current; current = current.node.scope) {
    if (WORKFLOW_SYMBOL in current) return current as unknown as Workflow;
  }
  return undefined;
}
