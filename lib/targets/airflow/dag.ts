import type { AirflowDag, AirflowTask } from './dag-model';
import { datasetAssets, inputAsset } from './lineage';
import { operatorSteps } from './operators';
import { PyAsset, PyDate, PyTimedelta, PyValue } from './python-literal';
import type { GraphNode, GraphNodeDefaults } from '../../model/graph';
import type { WorkflowGraph } from '../../model/workflow-graph';
import { compare } from '../../private/canonical';

/** The Workflow's documented defaults, for graphs that do not carry their own. */
const WORKFLOW_DEFAULTS: GraphNodeDefaults = { retries: 2, retryDelaySeconds: 300, exponentialBackoff: true, timeoutSeconds: 21600 };

/** Airflow's multiplier for retry waits that double (0 keeps them constant). */
const DOUBLING = 2;

/**
 * The DAG of one workflow, as data: DAG settings from the workflow, one task per node (two for a
 * snapshot export), the model's edges as dependencies. Retry settings that every task shares
 * come from the workflow's defaults through `default_args`; a node that differs sets its own.
 * A node's first task declares the datasets it reads as `inlets`, its last task the dataset it
 * writes as `outlets` (Assets, see `lineage`).
 */
export function buildAirflowDag(graph: WorkflowGraph): AirflowDag {
  const workflow = graph.workflow;
  const defaults = workflow.defaults ?? WORKFLOW_DEFAULTS;
  const defaultArgs: { [key: string]: PyValue } = {
    owner: workflow.owner,
    retries: defaults.retries,
    retry_delay: new PyTimedelta(defaults.retryDelaySeconds),
    retry_exponential_backoff: defaults.exponentialBackoff ? DOUBLING : 0,
    execution_timeout: new PyTimedelta(defaults.timeoutSeconds),
  };
  const dagArguments: Array<[string, PyValue]> = [];
  if (workflow.description !== undefined) dagArguments.push(['description', workflow.description]);
  dagArguments.push(
    ['schedule', workflow.schedule],
    ['start_date', new PyDate(workflow.startDate)],
    ['catchup', workflow.catchup ?? false],
    ['max_active_runs', workflow.maxActiveRuns ?? 1],
    ['default_args', defaultArgs],
    ['tags', dagTags(workflow.tags)],
  );

  // The task each node's downstream nodes wait for: its last step.
  const lastTaskOf = new Map<string, string>();
  const tasks: AirflowTask[] = [];
  const assets = datasetAssets(graph);
  for (const id of graph.order) {
    const node = graph.node(id);
    const steps = operatorSteps(graph, node);
    const inlets: PyAsset[] = node.inputs.map((input) => inputAsset(assets, input));
    const outlets: PyAsset[] = node.output !== undefined ? [assets.get(node.output.id)!] : [];
    let previous: string[] = graph.upstreamOf(id).map((up) => lastTaskOf.get(up)!).sort(compare);
    for (const [i, step] of steps.entries()) {
      const taskId = step.suffix === '' ? node.id : `${node.id}.${step.suffix}`;
      const lineage: Array<[string, PyValue]> = [];
      if (i === 0 && inlets.length > 0) lineage.push(['inlets', inlets]);
      if (i === steps.length - 1 && outlets.length > 0) lineage.push(['outlets', outlets]);
      tasks.push({
        taskId,
        node: node.id,
        operator: step.operator,
        arguments: [...step.arguments, ...nodeOverrides(node, defaults), ...lineage],
        upstream: previous,
      });
      previous = [taskId];
    }
    lastTaskOf.set(id, previous[0]);
  }

  const variables = new Set<string>();
  for (const task of tasks) collectVariables(task.arguments.map(([, v]) => v), variables);
  return {
    dagId: workflow.id,
    constructPath: workflow.path,
    arguments: dagArguments,
    tasks,
    variables: [...variables].sort(compare),
  };
}

/** DAG tags from the workflow's tags: `key:value`, sorted. */
export function dagTags(tags: { [key: string]: string }): string[] {
  return Object.keys(tags).sort(compare).map((key) => `${key}:${tags[key]}`);
}

/** A node's own settings where they differ from the workflow's defaults, and its description. */
function nodeOverrides(node: GraphNode, defaults: GraphNodeDefaults): Array<[string, PyValue]> {
  const args: Array<[string, PyValue]> = [];
  if (node.retries !== defaults.retries) args.push(['retries', node.retries]);
  if (node.retryDelaySeconds !== defaults.retryDelaySeconds) args.push(['retry_delay', new PyTimedelta(node.retryDelaySeconds)]);
  if (node.exponentialBackoff !== defaults.exponentialBackoff) args.push(['retry_exponential_backoff', node.exponentialBackoff ? DOUBLING : 0]);
  if (node.timeoutSeconds !== defaults.timeoutSeconds) args.push(['execution_timeout', new PyTimedelta(node.timeoutSeconds)]);
  if (node.description !== undefined) args.push(['doc', node.description]);
  return args;
}

/** A template's read of an Airflow Variable, as `variableExpression` writes it. */
const VARIABLE_READ = /\{\{ var\.value\.(?:([A-Za-z_][A-Za-z0-9_]*)|get\('([A-Za-z0-9_.-]+)'\)) \}\}/g;

function collectVariables(values: PyValue[], into: Set<string>): void {
  for (const value of values) {
    if (typeof value === 'string') {
      if (value.includes('{{ var.value.')) for (const match of value.matchAll(VARIABLE_READ)) into.add(match[1] ?? match[2]);
    } else if (Array.isArray(value)) {
      collectVariables(value, into);
    } else if (value !== null && typeof value === 'object' && !(value instanceof PyTimedelta) && !(value instanceof PyDate) && !(value instanceof PyAsset)) {
      collectVariables(Object.values(value), into);
    }
  }
}
