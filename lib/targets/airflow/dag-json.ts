import type { AirflowDag } from './dag-model';
import { PyAsset, PyDate, PyTimedelta, PyValue } from './python-literal';
import { canonicalJson } from '../../private/canonical';

/** Version of the `<workflow_id>.json` layout; raised when a field changes meaning. */
export const AIRFLOW_JSON_FORMAT_VERSION = 1;

/**
 * `<workflow_id>.json`: the same DAG as the `.py` file, as data, for tools and reviews. Argument
 * values are the operator's values (templated fields as the Jinja text Airflow renders);
 * a `datetime.timedelta` is `{"timedelta": {"seconds": n}}` and a `datetime.datetime` is
 * `{"datetime": "<ISO 8601, UTC>"}`; an Asset is `{"asset": {"name": ..., "uri": ..., "extra": {...}}}`.
 */
export function renderDagJson(dag: AirflowDag): string {
  return canonicalJson({
    formatVersion: AIRFLOW_JSON_FORMAT_VERSION,
    dagId: dag.dagId,
    generatedFrom: dag.constructPath,
    arguments: argumentsData(dag.arguments),
    variables: dag.variables,
    tasks: dag.tasks.map((task) => ({
      taskId: task.taskId,
      node: task.node,
      operator: `${task.operator.module}.${task.operator.name}`,
      arguments: argumentsData(task.arguments),
      upstream: task.upstream,
    })),
  });
}

function argumentsData(args: ReadonlyArray<readonly [string, PyValue]>): Record<string, unknown> {
  return Object.fromEntries(args.map(([name, value]) => [name, data(value)]));
}

/** A PyValue as JSON data. */
export function data(value: PyValue): unknown {
  if (value instanceof PyTimedelta) return { timedelta: { seconds: value.seconds } };
  if (value instanceof PyDate) return { datetime: `${value.isoDate}T00:00:00+00:00` };
  if (value instanceof PyAsset) return { asset: Object.fromEntries(value.keywords.map(([k, v]) => [k, data(v)])) };
  if (Array.isArray(value)) return value.map(data);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, data(v)]));
  return value;
}
