import { createHash } from 'crypto';
import { canonicalJsonForms, sortKeys } from '../../private/canonical';
import type { WorkflowGraph } from '../../model/workflow-graph';
import { compileSchedule } from './compiler';
import { LOGICAL_DATES_EVENTS, logicalDatesBranch } from './dates';
import { placeholderNames } from './intrinsics';
import { MAX_STATE_NAME, helperName } from './names';
import { SFN_PLACEHOLDERS, stateMachineArnPlaceholder, type StateMachineArtifact } from './placeholders';
import type { Block } from './schedule';
import { FLOW_EVENTS, PARALLEL_EVENTS, TASK_EVENTS, sharedNodeStates, type State, type States } from './states';

/** Step Functions' hard limit on a definition's size, in bytes. */
export const MAX_DEFINITION_BYTES = 1_048_576;
/** Step Functions' hard limit on the history events of one Standard execution. */
export const MAX_HISTORY_EVENTS = 25_000;
/**
 * Extra bytes counted for each `${Name}` placeholder occurrence, for the value the deploy code
 * substitutes: every substituted value may be up to 128 bytes longer than its placeholder (an ARN
 * of a role, topic or state machine is about 60 to 140 characters; a placeholder about 20 to 40).
 */
export const PLACEHOLDER_ALLOWANCE_BYTES = 128;

/** Error of the Fail states that carry a task's failure out of a Parallel branch. */
export const TASK_FAILED_ERROR = 'Tributary.TaskFailed';

/** The name of the root machine's definition file. */
export const ROOT_PATH = 'stepfunctions/state-machine.asl.json';

/** A schedule after splitting: a task, a sequence, a Parallel, or the start of a child machine. */
type Plan =
  | { readonly kind: 'task'; readonly id: string; readonly cost: Cost }
  | { readonly kind: 'sequence'; readonly items: readonly Plan[]; readonly cost: Cost }
  | { readonly kind: 'parallel'; readonly branches: readonly Plan[]; readonly cost: Cost }
  | { readonly kind: 'child'; readonly name: string; readonly cost: Cost };

/** Estimated worst-case history events and definition bytes of a part of a machine. */
export interface Cost {
  readonly events: number;
  /** Bytes of its states in compact JSON, placeholders counted with their allowance. */
  readonly bytes: number;
}

const add = (a: Cost, b: Cost): Cost => ({ events: a.events + b.events, bytes: a.bytes + b.bytes });
const ZERO: Cost = { events: 0, bytes: 0 };
const fits = (c: Cost, budget: Cost) => c.events <= budget.events && c.bytes <= budget.bytes;

/** Bytes of states in compact JSON, placeholders counted with their allowance. */
function measure(states: States): number {
  let bytes = 0;
  for (const [name, state] of Object.entries(states)) bytes += JSON.stringify(name).length + 2 + definitionBytes(JSON.stringify(sortKeys(state)));
  return bytes;
}

/**
 * Worst-case history events of one execution, per state type: a Task attempt 6 (entered,
 * scheduled, started, submitted, succeeded or failed, exited), times its attempts (retries + 1);
 * Pass, Choice, Wait, Succeed and Fail 2; a Parallel 4 plus 1 per branch plus its branches;
 * a node's poll loop at its worst case (every poll until the bound, every attempt); the failure path
 * (a Catch to the notification and Fail) once; the logical-dates part twice (a scheduled run
 * derives the day before); the execution's own start and end.
 */
export const MACHINE_OVERHEAD_EVENTS = 2 + 2 * LOGICAL_DATES_EVENTS + 5 * FLOW_EVENTS + 3 * TASK_EVENTS + 40 * FLOW_EVENTS;

interface Child {
  readonly name: string;
  readonly body: Plan;
}

/** Every state machine of a workflow, children before parents, the root last. */
export function buildStateMachines(graph: WorkflowGraph): StateMachineArtifact[] {
  const block = schedule(graph);
  const nodeCosts = new Map<string, Cost>();
  const measuring = new Renderer(graph);
  for (const id of graph.order) {
    const states: States = {};
    const events = measuring.renderTask(id, 'Workflow succeeded', { states, onFail: 'Failure message' });
    nodeCosts.set(id, { events, bytes: measure(states) });
  }
  const overheadBytes = definitionBytes(compactJson(renderMachine(graph, emptyPlan(), false).definition));
  let byteBudget = MAX_DEFINITION_BYTES - overheadBytes;
  for (let attempt = 0; ; attempt++) {
    const budget: Cost = { events: MAX_HISTORY_EVENTS - MACHINE_OVERHEAD_EVENTS, bytes: byteBudget };
    const children: Child[] = [];
    const plan = reduce(toPlan(block, nodeCosts), budget, children, graph.workflow.id);
    const artifacts = [...children.map((c) => renderMachine(graph, c.body, true, c.name)), renderMachine(graph, plan, false)];
    const tooBig = artifacts.some((a) => definitionBytes(a.definition) > MAX_DEFINITION_BYTES);
    if (!tooBig || attempt >= 8) return artifacts;
    byteBudget = Math.floor(byteBudget * 0.75);
  }
}

/** The same JSON without whitespace, keys in the same order, ending with a newline. */
function compactJson(text: string): string {
  return JSON.stringify(JSON.parse(text)) + '\n';
}

/** The size a definition has once its placeholders are substituted, counted with the allowance per placeholder. */
export function definitionBytes(definition: string): number {
  const placeholders = countPlaceholders(definition);
  return Buffer.byteLength(definition) + placeholders * PLACEHOLDER_ALLOWANCE_BYTES;
}

/** How many `${Name}` placeholders (`/\$\{[A-Za-z0-9_]+\}/g`) a text has, counted without collecting them. */
function countPlaceholders(text: string): number {
  let count = 0;
  for (let start = text.indexOf('${'); start >= 0; start = text.indexOf('${', start + 1)) {
    let end = start + 2;
    while (end < text.length && isNameChar(text.charCodeAt(end))) end++;
    if (end > start + 2 && text[end] === '}') {
      count++;
      start = end;
    }
  }
  return count;
}

/** `[A-Za-z0-9_]`, by UTF-16 code unit. */
function isNameChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** The schedule of the workflow's nodes, from the DAG compiler. */
export function schedule(graph: WorkflowGraph): Block | undefined {
  if (graph.order.length === 0) return undefined;
  const durations: Record<string, number> = {};
  for (const id of graph.order) durations[id] = graph.node(id).estimatedDurationSeconds;
  const ids = new Set(graph.order);
  return compileSchedule({
    ids: [...graph.order],
    edges: graph.edges.filter((e) => ids.has(e.from) && ids.has(e.to)).map((e) => ({ from: e.from, to: e.to })),
    durations,
  });
}

function emptyPlan(): Plan {
  return { kind: 'sequence', items: [], cost: ZERO };
}

const CHILD_COST: Cost = { events: TASK_EVENTS, bytes: 700 };
/** A Parallel state's own fields and its two failure states, and each branch's shell and two failure states (measured, rounded up). */
const PARALLEL_COST: Cost = { events: PARALLEL_EVENTS, bytes: 700 };
const BRANCH_COST: Cost = { events: 1, bytes: 400 };

function toPlan(block: Block | undefined, costs: Map<string, Cost>): Plan {
  if (!block) return emptyPlan();
  switch (block.kind) {
    case 'task':
      return { kind: 'task', id: block.id, cost: costs.get(block.id)! };
    case 'sequence': {
      const items = block.blocks.map((b) => toPlan(b, costs));
      return { kind: 'sequence', items, cost: items.reduce((c, i) => add(c, i.cost), ZERO) };
    }
    case 'parallel': {
      const branches = block.branches.map((b) => toPlan(b, costs));
      return parallelPlan(branches);
    }
  }
}

function parallelPlan(branches: readonly Plan[]): Plan {
  return { kind: 'parallel', branches, cost: branches.reduce((c, b) => add(add(c, b.cost), BRANCH_COST), PARALLEL_COST) };
}

function sequencePlan(items: readonly Plan[]): Plan {
  return items.length === 1 ? items[0] : { kind: 'sequence', items, cost: items.reduce((c, i) => add(c, i.cost), ZERO) };
}

/**
 * Makes a plan fit the budget by moving parts of it into child machines: the items of a sequence
 * are packed, in order, into consecutive groups that each fit, and the branches of a Parallel into
 * groups that each fit; each group that does not fit its parent becomes a child machine, started
 * from the parent. Children are numbered in the order they are made, so the split is deterministic.
 */
function reduce(plan: Plan, budget: Cost, children: Child[], workflowId: string): Plan {
  if (fits(plan.cost, budget) || plan.kind === 'task' || plan.kind === 'child') return plan;
  if (plan.kind === 'sequence') {
    const items = plan.items.map((i) => reduce(i, budget, children, workflowId));
    const reduced = sequencePlan(items);
    if (fits(reduced.cost, budget)) return reduced;
    const stubs = pack(items, budget, ZERO).map((group) => makeChild(sequencePlan(group), children, workflowId));
    return reduce(sequencePlan(stubs), budget, children, workflowId);
  }
  const inner: Cost = { events: budget.events - PARALLEL_COST.events - BRANCH_COST.events, bytes: budget.bytes - PARALLEL_COST.bytes - BRANCH_COST.bytes };
  const branches = plan.branches.map((b) => reduce(b, inner, children, workflowId));
  const reduced = parallelPlan(branches);
  if (fits(reduced.cost, budget)) return reduced;
  const stubs = pack(branches, inner, BRANCH_COST).map((group) => makeChild(group.length === 1 ? group[0] : parallelPlan(group), children, workflowId));
  return reduce(parallelPlan(stubs), budget, children, workflowId);
}

function pack(items: readonly Plan[], budget: Cost, each: Cost): Plan[][] {
  const groups: Plan[][] = [];
  let current: Plan[] = [];
  let cost = PARALLEL_COST;
  for (const item of items) {
    const next = add(add(cost, item.cost), each);
    if (current.length > 0 && !fits(next, budget)) {
      groups.push(current);
      current = [];
      cost = add(add(PARALLEL_COST, item.cost), each);
    } else cost = next;
    current.push(item);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/**
 * The name of the n-th child machine: `<workflow_id>_part_001`; a workflow id too long for that to
 * fit in 80 characters is cut and followed by a hash of the whole id.
 */
export function childName(workflowId: string, n: number): string {
  const suffix = `_part_${String(n).padStart(3, '0')}`;
  if (workflowId.length + suffix.length <= MAX_STATE_NAME) return workflowId + suffix;
  const hash = createHash('sha256').update(workflowId).digest('hex').slice(0, 8);
  return `${workflowId.slice(0, MAX_STATE_NAME - suffix.length - 9)}_${hash}${suffix}`;
}

function makeChild(body: Plan, children: Child[], workflowId: string): Plan {
  if (body.kind === 'child') return body;
  const name = childName(workflowId, children.length + 1);
  children.push({ name, body });
  return { kind: 'child', name, cost: CHILD_COST };
}

/** Where a failure inside a scope goes, and the states that scope adds for it. */
interface Scope {
  readonly states: States;
  readonly onFail: string;
}

class Renderer {
  public readonly children = new Set<string>();
  private readonly claimed = new Set<string>();

  constructor(private readonly graph: WorkflowGraph) {}

  /** Renders a plan into a scope, before `next` (a state name, or undefined for the end); returns its first state. */
  public render(plan: Plan, next: string, scope: Scope): string {
    switch (plan.kind) {
      case 'task':
        this.renderTask(plan.id, next, scope);
        return plan.id;
      case 'child': {
        const name = helperName('Run', plan.name);
        this.children.add(plan.name);
        scope.states[name] = {
          Type: 'Task',
          Resource: 'arn:aws:states:::states:startExecution.sync:2',
          Parameters: { StateMachineArn: stateMachineArnPlaceholder(plan.name), Input: { 'ds.$': '$.ds', 'AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$': '$$.Execution.Id' } },
          ResultPath: null,
        };
        this.finishTask(name, scope, next);
        return name;
      }
      case 'sequence': {
        let first = next;
        for (let i = plan.items.length - 1; i >= 0; i--) first = this.render(plan.items[i], first, scope);
        return first;
      }
      case 'parallel': {
        const name = this.parallelName(plan);
        const branches = plan.branches.map((branch) => {
          const lead = firstName(branch);
          const states: States = {};
          const message = this.claim(lead, 'failure message');
          const fail = this.claim(lead, 'branch failed');
          const startAt = this.render(branch, END, { states, onFail: message });
          states[message] = { Type: 'Pass', Parameters: { 'text.$': 'States.JsonToString($.failure)' }, ResultPath: '$.message', Next: fail };
          states[fail] = { Type: 'Fail', Error: TASK_FAILED_ERROR, CausePath: '$.message.text' };
          return { StartAt: startAt, States: states };
        });
        const parsed = helperName(name, 'branch failed');
        const failed = helperName(name, 'failed');
        scope.states[name] = {
          Type: 'Parallel',
          Branches: branches,
          ResultPath: null,
          Catch: [
            { ErrorEquals: [TASK_FAILED_ERROR], ResultPath: '$.caught', Next: parsed },
            { ErrorEquals: ['States.ALL'], ResultPath: '$.caught', Next: failed },
          ],
          ...transition(next),
        };
        scope.states[parsed] = { Type: 'Pass', Parameters: { 'failure.$': 'States.StringToJson($.caught.Cause)' }, Next: scope.onFail };
        scope.states[failed] = this.failureRecord(name, scope.onFail);
        return name;
      }
    }
  }

  /** Renders one node's states into a scope; returns its worst-case history events. */
  public renderTask(id: string, next: string, scope: Scope): number {
    const ns = sharedNodeStates(this.graph, this.graph.node(id));
    // shared by every render of the graph: each state is copied, as finishTask adds to the node's own
    for (const [name, state] of Object.entries(ns.states)) scope.states[name] = { ...state };
    this.finishTask(id, scope, next);
    return ns.events;
  }

  /** The Pass state that records a failure of `state` as `$.failure`: workflow, ds, state, error and cause. */
  public failureRecord(state: string, next: string, withDs = true): State {
    return {
      Type: 'Pass',
      Parameters: { failure: { workflow: this.graph.workflow.id, ...(withDs ? { 'ds.$': '$.ds' } : {}), state, 'error.$': '$.caught.Error', 'caught.$': '$.caught' } },
      Next: next,
    };
  }

  private finishTask(name: string, scope: Scope, next: string) {
    const failed = helperName(name, 'failed');
    Object.assign(scope.states[name], { Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.caught', Next: failed }], ...transition(next) });
    scope.states[failed] = this.failureRecord(name, scope.onFail);
  }

  private parallelName(plan: Plan): string {
    return this.claim('Parallel', firstName(plan));
  }

  /** A helper state name not used yet in this machine: `<lead> <suffix>`, then `<lead> <suffix> (2)`, … */
  private claim(lead: string, suffix: string): string {
    let name = helperName(lead, suffix);
    for (let n = 2; this.claimed.has(name); n++) name = helperName(lead, `${suffix} (${n})`);
    this.claimed.add(name);
    return name;
  }
}

function transition(next: string): State {
  return next === END ? { End: true } : { Next: next };
}

const END = '\u0000end';

function firstName(plan: Plan): string {
  switch (plan.kind) {
    case 'task':
      return plan.id;
    case 'child':
      return plan.name;
    case 'sequence':
      return plan.items.length > 0 ? firstName(plan.items[0]) : 'empty';
    case 'parallel':
      return firstName(plan.branches[0]);
  }
}

/** Renders one machine: the logical dates, the plan, success, and the one failure path. */
function renderMachine(graph: WorkflowGraph, plan: Plan, child: boolean, childName?: string): StateMachineArtifact {
  const renderer = new Renderer(graph);
  const states: States = {};
  const onFail = 'Failure message';
  const body = renderer.render(plan, 'Workflow succeeded', { states, onFail });
  const all: States = {
    'Read input': {
      Type: 'Choice',
      Choices: [
        { Variable: '$.ds', IsPresent: true, Next: 'Logical dates' },
        { And: [{ Variable: '$.scheduledTime', IsPresent: true }, { Variable: '$.scheduledTime', IsString: true }], Next: 'Date of scheduled time' },
      ],
      Default: 'Logical dates',
    },
    'Date of scheduled time': {
      Type: 'Pass',
      Parameters: { 'ds.$': "States.ArrayGetItem(States.StringSplit($.scheduledTime, 'T'), 0)", fromSchedule: true },
      Next: 'Logical dates',
    },
    'Logical dates': {
      Type: 'Parallel',
      Branches: [logicalDatesBranch()],
      ResultPath: '$.dates',
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.caught', Next: 'Logical dates failed' }],
      Next: 'Scheduled run',
    },
    'Logical dates failed': renderer.failureRecord('Logical dates', onFail, false),
    'Scheduled run': {
      Type: 'Choice',
      Choices: [{ Variable: '$.fromSchedule', IsPresent: true, Next: 'Day before scheduled time' }],
      Default: 'Dates of the run',
    },
    'Day before scheduled time': { Type: 'Pass', Parameters: { 'ds.$': '$.dates[0].prev_ds' }, Next: 'Logical dates' },
    'Dates of the run': { Type: 'Pass', OutputPath: '$.dates[0]', Next: body },
    ...states,
    'Workflow succeeded': { Type: 'Succeed' },
    [onFail]: { Type: 'Pass', Parameters: { 'text.$': 'States.JsonToString($.failure)' }, ResultPath: '$.message', Next: child ? 'Workflow failed' : 'Notify failure' },
    ...(child
      ? {}
      : {
          'Notify failure': {
            Type: 'Task',
            Resource: 'arn:aws:states:::sns:publish',
            Parameters: { TopicArn: SFN_PLACEHOLDERS.failureTopicArn, Subject: `Tributary workflow ${graph.workflow.id} failed`.slice(0, 100), 'Message.$': '$.message.text' },
            TimeoutSeconds: 60,
            Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2, IntervalSeconds: 5, BackoffRate: 2 }],
            Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.notification', Next: 'Workflow failed' }],
            ResultPath: null,
            Next: 'Workflow failed',
          },
        }),
    'Workflow failed': { Type: 'Fail', Error: TASK_FAILED_ERROR, CausePath: '$.message.text' },
  };
  const name = child ? childName! : graph.workflow.id;
  const texts = canonicalJsonForms({
    Comment: child ? `Tributary workflow ${graph.workflow.id}, part ${name}: started by its parent with the run's ds` : `Tributary workflow ${graph.workflow.id}: one run per logical date ds`,
    QueryLanguage: 'JSONPath',
    StartAt: 'Read input',
    States: all,
  });
  // readable when the quota allows it; otherwise compact, so that indentation never forces a split
  const definition = definitionBytes(texts.pretty) <= MAX_DEFINITION_BYTES ? texts.pretty : texts.compact();
  return {
    name,
    path: child ? `stepfunctions/${name}.asl.json` : ROOT_PATH,
    definition,
    placeholders: placeholderNames(definition),
    children: [...renderer.children].sort(),
  };
}
