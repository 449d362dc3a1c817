import { LocalRunOutcome, type ILocalTaskHandler, type LocalRunProps, type LocalRunResult, type LocalRunStep } from './local-run-types';
import type { WorkflowGraph } from '../model/workflow-graph';
import { AirflowTarget } from '../targets/airflow';
import { stateMachineArtifacts, type StateMachineArtifact } from '../targets/stepfunctions/placeholders';

/** The error name an injected failure throws. */
export const INJECTED_FAILURE = 'Tributary.InjectedFailure';

/** The resource a parent state machine starts a child with. */
const START_CHILD = 'arn:aws:states:::states:startExecution.sync:2';
const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

interface LocalMachine {
  run(input: unknown, options?: unknown): { result: Promise<unknown> };
}

let localModule: { StateMachine: new (definition: unknown, options?: unknown) => LocalMachine } | undefined;

/** aws-local-stepfunctions, loaded on first use (with Promise.withResolvers, which it calls, polyfilled on Node 20). */
export function loadLocalStepFunctions(): { StateMachine: new (definition: unknown, options?: unknown) => LocalMachine } {
  const promise = Promise as unknown as { withResolvers?: () => unknown };
  promise.withResolvers ??= () => {
    let resolve!: (v: unknown) => void;
    let reject!: (e: unknown) => void;
    const p = new Promise((a, b) => {
      resolve = a;
      reject = b;
    });
    return { promise: p, resolve, reject };
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  localModule ??= require('aws-local-stepfunctions');
  return localModule!;
}

/** A value for every `${Name}` placeholder of a definition, shaped as the deploy code's would be. */
export function substitutePlaceholders(definition: string): string {
  return definition.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_, name: string) => {
    if (name.startsWith('StateMachineArn_')) return `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name.slice('StateMachineArn_'.length)}`;
    if (name === 'FailureTopicArn') return `arn:aws:sns:${REGION}:${ACCOUNT}:tributary-failures`;
    if (name.endsWith('Arn') || name.startsWith('ExportSourceArn_')) return `arn:aws:iam::${ACCOUNT}:role/${name}`;
    if (name === 'EmrApplicationId') return '00localapplication';
    if (name === 'ExportBucket') return 'local-export-bucket';
    return `s3://local-bucket/${name}`;
  });
}

/** What a service answers on success, by the Task state's resource. */
function successAnswer(resource: string, state: string): Record<string, unknown> {
  if (resource.endsWith('executeStatement') || resource.endsWith('batchExecuteStatement')) return { Id: `statement-${state}` };
  if (resource.endsWith('describeStatement')) return { Status: 'FINISHED' };
  if (resource.endsWith('listObjectsV2')) return { KeyCount: 1 };
  if (resource.endsWith('startExportTask')) return { ExportTaskIdentifier: `export-${state}` };
  if (resource.endsWith('describeExportTasks')) return { ExportTasks: [{ Status: 'COMPLETE' }] };
  if (resource.includes('emr-serverless')) return { JobRunId: `job-${state}`, State: 'SUCCESS' };
  return {};
}

function isHandler(value: unknown): value is ILocalTaskHandler {
  return typeof value === 'object' && value !== null && typeof (value as ILocalTaskHandler).handle === 'function';
}

interface MutableStep {
  node: string;
  attempt: number;
  machine: string;
  start: number;
  end: number;
  input: unknown;
  output?: unknown;
  outcome: LocalRunOutcome;
  error?: string;
}

/**
 * Run the workflow's synthesized Step Functions definitions (the root, and each child it starts) in
 * aws-local-stepfunctions for one logical date, with a stub for every service call, and return
 * the ordered trace of node attempts. Waits and retry delays take no time. With `keepPlaceholders`,
 * the `${Name}` placeholders stay as they are (the inputs then show them rather than example values).
 */
export async function runLocally(graph: WorkflowGraph, props: LocalRunProps, options: { keepPlaceholders?: boolean } = {}): Promise<LocalRunResult> {
  const artifacts = stateMachineArtifacts(graph);
  const byName = new Map(artifacts.map((a) => [a.name, a]));
  const failures = new Map(Object.entries(props.failures ?? {}));
  for (const id of failures.keys()) if (!graph.hasNode(id)) throw new Error(`failures: no node '${id}' in workflow '${graph.workflow.id}'`);
  for (const id of Object.keys(props.handlers ?? {})) if (!graph.hasNode(id)) throw new Error(`handlers: no node '${id}' in workflow '${graph.workflow.id}'`);
  const steps: MutableStep[] = [];
  const open = new Map<string, MutableStep>();
  let clock = 0;

  const run = async (artifact: StateMachineArtifact, input: unknown): Promise<unknown> => {
    const definition = JSON.parse(options.keepPlaceholders ? artifact.definition : substitutePlaceholders(artifact.definition));
    const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
    const waits: Record<string, number> = {};
    const retries: Record<string, number> = {};
    const visit = (states: Record<string, any>, owner: string | undefined) => {
      for (const [name, state] of Object.entries(states)) {
        const node = owner ?? (graph.hasNode(name) ? name : undefined);
        for (const branch of state.Branches ?? []) visit(branch.States, node);
        if (state.Type === 'Wait') waits[name] = 0;
        if (state.Retry) retries[name] = 0;
        if (state.Type !== 'Task') continue;
        if (state.Resource === START_CHILD) {
          const child = byName.get(name.slice('Run '.length));
          if (child === undefined) throw new Error(`state '${name}' starts an unknown state machine`);
          handlers[name] = async (start: any) => ({ Output: JSON.stringify(await run(child, start.Input)) });
        } else if (node === undefined) {
          handlers[name] = async () => successAnswer(state.Resource, name);
        } else {
          handlers[name] = (taskInput) => call(artifact.name, node, name, state.Resource, taskInput);
        }
      }
    };
    visit(definition.States, undefined);
    const context = { Execution: { Id: `arn:aws:states:${REGION}:${ACCOUNT}:execution:${artifact.name}:local-${props.date}` } };
    const machine = new (loadLocalStepFunctions().StateMachine)(definition, { validationOptions: { noValidate: true } });
    return machine.run(input, { overrides: { taskResourceLocalHandlers: handlers, waitTimeOverrides: waits, retryIntervalOverrides: retries }, context }).result;
  };

  const call = async (machine: string, node: string, state: string, resource: string, input: unknown): Promise<unknown> => {
    // A node's attempt starts with its first call, or with the call after a failed one (the node's Retry).
    let step = open.get(node);
    const first = step === undefined || step.outcome === LocalRunOutcome.FAILED;
    if (step === undefined || step.outcome === LocalRunOutcome.FAILED) {
      step = { node, attempt: (step?.attempt ?? 0) + 1, machine, start: clock++, end: -1, input, outcome: LocalRunOutcome.SUCCEEDED };
      open.set(node, step);
      steps.push(step);
    } else {
      clock++;
    }
    const current = step;
    try {
      // let parallel branches interleave as they would
      await new Promise((resolve) => setImmediate(resolve));
      if (first && current.attempt <= (failures.get(node) ?? 0)) {
        const error = new Error(`injected failure of ${node}, attempt ${current.attempt}`);
        error.name = INJECTED_FAILURE;
        throw error;
      }
      const given = props.handlers?.[node];
      let output: unknown = successAnswer(resource, state);
      if (isHandler(given)) {
        const answer = given.handle({ node, attempt: current.attempt, state, input });
        output = answer !== null && typeof answer === 'object' && !Array.isArray(answer) ? { ...(output as object), ...answer } : answer ?? output;
      } else if (given !== undefined) {
        current.output = given;
        output = given !== null && typeof given === 'object' && !Array.isArray(given) ? { ...(output as object), ...given } : output;
      }
      if (given === undefined || isHandler(given)) current.output = output;
      return output;
    } catch (e) {
      current.outcome = LocalRunOutcome.FAILED;
      current.output = undefined;
      current.error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      throw e;
    } finally {
      current.end = clock++;
    }
  };

  const root = artifacts[artifacts.length - 1];
  let output: unknown;
  let error: string | undefined;
  try {
    output = await run(root, { ds: props.date });
  } catch (e) {
    error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
  const trace: LocalRunStep[] = steps.sort((a, b) => a.start - b.start).map((s) => ({ ...s }));
  return {
    workflow: graph.workflow.id,
    date: props.date,
    succeeded: error === undefined,
    output: error === undefined ? output : undefined,
    error,
    trace,
    airflowOrderViolations: airflowOrderViolations(graph, trace),
  };
}

interface AirflowTask {
  readonly taskId: string;
  readonly node: string;
  readonly upstream: string[];
}

/**
 * Where a trace breaks the Airflow DAG's dependencies (its JSON form, airflow/<id>.json): a node
 * that started before a node it depends on (through any of their Airflow tasks) had succeeded.
 */
export function airflowOrderViolations(graph: WorkflowGraph, trace: readonly LocalRunStep[]): string[] {
  const file = new AirflowTarget().render(graph).find((f) => f.path === `airflow/${graph.workflow.id}.json`)!;
  const tasks: AirflowTask[] = JSON.parse(file.content).tasks;
  const nodeOfTask = new Map(tasks.map((t) => [t.taskId, t.node]));
  const firstStart = new Map<string, number>();
  const succeededAt = new Map<string, number>();
  for (const step of trace) {
    if (!firstStart.has(step.node)) firstStart.set(step.node, step.start);
    if (step.outcome === LocalRunOutcome.SUCCEEDED) succeededAt.set(step.node, step.end);
  }
  const found = new Set<string>();
  for (const task of tasks) {
    const start = firstStart.get(task.node);
    if (start === undefined) continue;
    for (const up of task.upstream) {
      const upNode = nodeOfTask.get(up);
      if (upNode === undefined || upNode === task.node) continue;
      const done = succeededAt.get(upNode);
      if (done === undefined || done > start) {
        found.add(`Airflow task '${task.taskId}' (node ${task.node}) depends on '${up}' (node ${upNode}), which ${done === undefined ? 'never succeeded' : `succeeded at ${done}`}, but ${task.node} started at ${start}`);
      }
    }
  }
  return [...found].sort();
}
