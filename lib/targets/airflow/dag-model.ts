import type { PyValue } from './python-literal';

/** An Airflow operator class, by the module it is imported from. */
export interface AirflowOperatorClass {
  /** Class name: `EmrServerlessStartJobOperator`. */
  readonly name: string;
  /** Module: `airflow.providers.amazon.aws.operators.emr`. */
  readonly module: string;
}

/** One task of a generated DAG: an operator and its arguments, as data. */
export interface AirflowTask {
  /** The task id: the node id, or `<node id>.<step>` for a node that runs as several tasks. */
  readonly taskId: string;
  /** The id of the node the task runs. */
  readonly node: string;
  /** The operator. */
  readonly operator: AirflowOperatorClass;
  /** Keyword arguments after `task_id`, in the order they are written. */
  readonly arguments: ReadonlyArray<readonly [string, PyValue]>;
  /** Task ids this task waits for, sorted. */
  readonly upstream: string[];
}

/** One generated DAG, as data: what the `.py` file says and the `.json` file lists. */
export interface AirflowDag {
  /** The DAG id: the workflow id. */
  readonly dagId: string;
  /** Construct path of the workflow. */
  readonly constructPath: string;
  /** Keyword arguments of `DAG(...)` after `dag_id`, in the order they are written. */
  readonly arguments: ReadonlyArray<readonly [string, PyValue]>;
  /** Tasks, in the model's topological order. */
  readonly tasks: AirflowTask[];
  /** The Airflow Variables the tasks read when they run, sorted. */
  readonly variables: string[];
}
