/** How one attempt of a node ended in a local run. */
export enum LocalRunOutcome {
  /** The attempt's calls all returned. */
  SUCCEEDED = 'succeeded',
  /** A call of the attempt threw: an injected failure, or a handler that threw. */
  FAILED = 'failed',
}

/** What a local handler is given: one call of a node's service integration. */
export interface LocalTaskCall {
  /** The node the call belongs to. */
  readonly node: string;
  /** The attempt of the node, from 1 (a retry is attempt 2). */
  readonly attempt: number;
  /** The Task state called (the node id, or a helper state such as `<id> check`). */
  readonly state: string;
  /** The service parameters the state machine passes, with the run's dates resolved. */
  readonly input: any;
}

/** A stub for a node's service calls in a local run: returns the call's result, or throws to fail the attempt. */
export interface ILocalTaskHandler {
  /** Answer one call; what it returns is recorded as the attempt's output. */
  handle(call: LocalTaskCall): any;
}

/** Options of `Testing.run`. */
export interface LocalRunProps {
  /** The logical date of the run, `YYYY-MM-DD` (the execution input `{"ds": date}`). */
  readonly date: string;
  /**
   * Per node id, either a fixture output (any JSON value, recorded as the attempt's output) or an
   * `ILocalTaskHandler` called for each of the node's service calls.
   * @default every node succeeds and its calls are recorded, with the answers the services give on success
   */
  readonly handlers?: Record<string, any>;
  /**
   * Per node id, how many of its first attempts fail (each throws `Tributary.InjectedFailure`);
   * more failures than the node's retries fail the run through its failure notification.
   * @default no failure is injected
   */
  readonly failures?: Record<string, number>;
}

/** One attempt of one node in a local run. */
export interface LocalRunStep {
  /** The node id. */
  readonly node: string;
  /** The attempt, from 1. */
  readonly attempt: number;
  /** The state machine the node ran in: the workflow id, or a child's name when the workflow is split. */
  readonly machine: string;
  /** When the attempt's first call started, on the run's clock (a counter of call starts and ends, from 0). */
  readonly start: number;
  /** When the attempt's last call ended, on the same clock. */
  readonly end: number;
  /** The parameters of the attempt's first service call, with the run's dates resolved. */
  readonly input: any;
  /** What the attempt's last call returned (undefined when it threw). */
  readonly output?: any;
  /** Whether the attempt succeeded. */
  readonly outcome: LocalRunOutcome;
  /** The error of a failed attempt. */
  readonly error?: string;
}

/** What a local run did. */
export interface LocalRunResult {
  /** The workflow id. */
  readonly workflow: string;
  /** The logical date run. */
  readonly date: string;
  /** Whether the execution succeeded. */
  readonly succeeded: boolean;
  /** The execution's output (the run's dates) when it succeeded. */
  readonly output?: any;
  /** The execution's error when it failed. */
  readonly error?: string;
  /** Every attempt of every node, ordered by start. */
  readonly trace: LocalRunStep[];
  /**
   * Where the trace breaks the dependencies of the workflow's Airflow DAG (airflow/<id>.json): one
   * sentence per Airflow task that started before an upstream task of another node ended. Empty when
   * the same order is valid for Airflow.
   */
  readonly airflowOrderViolations: string[];
}
