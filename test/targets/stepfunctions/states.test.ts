import type { GraphNode } from '../../../lib';
import { jobKind, nodeStates, pascalCaseSpec, pollWaits, sensorWaits, sharedNodeStates, type State } from '../../../lib/targets/stepfunctions/states';
import { localMachine, platformGraphs } from './support';

const graphs = platformGraphs();
const DATES = { ds: '2026-11-27', ds_nodash: '20261127', next_ds: '2026-11-28', prev_ds: '2026-11-26' };

function node(workflow: string, id: string): GraphNode {
  return graphs[workflow].node(id);
}

function own(workflow: string, id: string): State {
  return nodeStates(graphs[workflow], node(workflow, id)).states[id];
}

/** Runs one node's states alone, with stub results per Task state name, waits and retry delays at 0. */
async function runNode(workflow: string, id: string, answer: (state: string, input: any) => unknown) {
  const states = nodeStates(graphs[workflow], node(workflow, id)).states;
  const definition = { StartAt: id, States: { ...states, [id]: { ...states[id], End: true } } };
  const handlers: Record<string, (input: any) => unknown> = {};
  const waits: Record<string, number> = {};
  const calls: string[] = [];
  const visit = (all: Record<string, any>) => {
    for (const [name, state] of Object.entries(all)) {
      for (const branch of state.Branches ?? []) visit(branch.States);
      if (state.Type === 'Wait') waits[name] = 0;
      if (state.Type === 'Task') {
        handlers[name] = (input: any) => {
          calls.push(name);
          return answer(name, input);
        };
      }
    }
  };
  visit(definition.States);
  const machine = localMachine(JSON.stringify(definition));
  try {
    await machine.run(DATES, { overrides: { taskResourceLocalHandlers: handlers, waitTimeOverrides: waits, retryIntervalOverrides: { [id]: 0 } } }).result;
    return { calls, error: undefined };
  } catch (e: any) {
    return { calls, error: e.cause?.name ?? e.name };
  }
}

test('each node kind maps to its job kind', () => {
  expect(['enrich_orders', 'fx_rates', 'customers', 'daily_revenue', 'load_orders', 'commerce_ready'].map((id) => jobKind(node('commerce', id)))).toEqual(['emr', 'emr', 'export', 'redshift', 'redshift', 'event']);
  expect(['clickstream_logs', 'sessions_quality'].map((id) => jobKind(node('clickstream', id)))).toEqual(['sensor', 'emr']);
  expect(['churn_scores_quality', 'profile_updates', 'push_scores_to_crm'].map((id) => jobKind(node('customer360', id)))).toEqual(['redshift', 'emr', 'emr']);
});

test('a Spark node is an EMR Serverless startJobRun.sync task with the node\'s retries, backoff and timeout', () => {
  // WHEN
  const state = own('commerce', 'enrich_orders');

  // THEN
  expect(state).toMatchObject({
    Type: 'Task',
    Resource: 'arn:aws:states:::emr-serverless:startJobRun.sync',
    TimeoutSeconds: 14400,
    Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2, IntervalSeconds: 600, BackoffRate: 2 }],
    ResultPath: null,
    Parameters: { ApplicationId: '${EmrApplicationId}', ExecutionRoleArn: '${EmrJobRoleArn}', JobDriver: { SparkSubmit: { EntryPoint: 's3://acme-jobs/commerce/enrich_orders.py', 'EntryPointArguments.$': "States.Array('--ds', $.ds)" } } },
  });
});

test('the EMR spec becomes PascalCase, except the keys of maps (Spark properties, tags, log types)', () => {
  expect(pascalCaseSpec({ applicationConfiguration: [{ classification: 'spark-defaults', properties: { 'spark.x': '1' } }], tags: { node: 'a' }, cloudWatchLoggingConfiguration: { logTypes: { SPARK_DRIVER: ['STDOUT'] } } })).toEqual({
    ApplicationConfiguration: [{ Classification: 'spark-defaults', Properties: { 'spark.x': '1' } }],
    Tags: { node: 'a' },
    CloudWatchLoggingConfiguration: { LogTypes: { SPARK_DRIVER: ['STDOUT'] } },
  });
});

test('an EventBridge completion event is a putEvents task whose event id is made of workflow, node and ds', () => {
  expect(own('commerce', 'commerce_ready')).toMatchObject({
    Resource: 'arn:aws:states:::events:putEvents',
    Parameters: { Entries: [{ EventBusName: 'data-platform', Source: 'com.acme.data.commerce', DetailType: 'CommerceDayLoaded', Detail: { 'event_id.$': "States.Format('commerce/commerce_ready/{}', $.ds)" } }] },
  });
});

test('a SQL task with two statements runs them as one batch, then polls until FINISHED', async () => {
  // WHEN the statement is still running for two polls
  let polls = 0;
  const { calls, error } = await runNode('commerce', 'daily_revenue', (state, input) => {
    if (state.endsWith(' run')) {
      expect(input.Sqls).toEqual([`DELETE FROM marts.daily_revenue WHERE ds = '2026-11-27'`, expect.stringContaining(`SELECT DATE '2026-11-27', country`)]);
      expect(input).toMatchObject({ Database: 'analytics', WorkgroupName: 'etl', SecretArn: 'prod/redshift/etl', StatementName: 'commerce.daily_revenue.2026-11-27' });
      return { Id: 'stmt-1' };
    }
    expect(input).toEqual({ Id: 'stmt-1' });
    return { Status: ++polls < 3 ? 'STARTED' : 'FINISHED' };
  });

  // THEN
  expect(error).toBeUndefined();
  expect(calls).toEqual(['daily_revenue run', 'daily_revenue check', 'daily_revenue check', 'daily_revenue check']);
  expect((own('commerce', 'daily_revenue').Branches as any)[0].States['daily_revenue run'].Resource).toBe('arn:aws:states:::aws-sdk:redshiftdata:batchExecuteStatement');
});

test('a failed statement fails the node with Tributary.StatementFailed after the node\'s retries', async () => {
  // WHEN
  const { calls, error } = await runNode('commerce', 'load_orders', (state) => (state.endsWith(' run') ? { Id: 's' } : { Status: 'FAILED', Error: 'relation does not exist' }));

  // THEN 1 attempt + 2 retries, each a run and a check
  expect(error).toBe('Tributary.StatementFailed');
  expect(calls.filter((c) => c.endsWith(' run'))).toHaveLength(3);
});

test('a statement that never ends fails with Tributary.PollTimeout after its bounded polls', async () => {
  // GIVEN churn_scores: timeout one hour, 2 retries
  const waits = pollWaits(3600);
  expect(waits.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(3600);

  // WHEN
  const { calls, error } = await runNode('customer360', 'churn_scores', (state) => (state.endsWith(' run') ? { Id: 's' } : { Status: 'STARTED' }));

  // THEN
  expect(error).toBe('Tributary.PollTimeout');
  expect(calls.filter((c) => c.endsWith(' check'))).toHaveLength(3 * waits.length);
});

test("a warehouse quality check runs the one check statement of every rule against the audited table's rows of the day, dates filled in", async () => {
  // WHEN
  const { calls, error } = await runNode('customer360', 'churn_scores_quality', (state, input) => {
    if (state.endsWith(' run')) {
      // THEN one statement, sent with executeStatement, with a column per rule, over the day's rows of the table (dateColumn scored_on)
      expect(input.Sqls).toBeUndefined();
      expect(input.Sql).toMatch(/^WITH "tributary_day" AS \(SELECT \* FROM "marts"."churn_scores" WHERE "scored_on" = '\d{4}-\d{2}-\d{2}'\)\n/);
      expect(input.Sql).toContain('FROM "tributary_day" WHERE "account_id" IS NULL OR "churn_score" IS NULL');
      expect(input.Sql).toMatch(/on marts.churn_scores where scored_on = \d{4}-\d{2}-\d{2}: /);
      expect(input.Sql).toContain('AS "rule_2"');
      expect(input.Sql).not.toMatch(/\{\{/);
      return { Id: 's' };
    }
    return { Status: 'FINISHED' };
  });
  expect([error, calls.length]).toEqual([undefined, 2]);
});

test('a log source polls for its completion marker every pollInterval, up to arrivalTimeout', async () => {
  // GIVEN clickstream_logs: marker _SUCCESS, poll 300 s, arrival timeout 14,400 s
  expect(sensorWaits(node('clickstream', 'clickstream_logs'))).toHaveLength(48);

  // WHEN the marker appears at the third look
  let looks = 0;
  const { calls, error } = await runNode('clickstream', 'clickstream_logs', (_state, input) => {
    expect(input).toEqual({ Bucket: 'acme-logs', Prefix: 'clickstream/dt=2026-11-27/_SUCCESS', MaxKeys: 1 });
    return { KeyCount: ++looks < 3 ? 0 : 1 };
  });

  // THEN
  expect(error).toBeUndefined();
  expect(calls).toHaveLength(3);
});

test('a log source whose marker never comes fails after 1 + arrivalTimeout / pollInterval looks per attempt', async () => {
  const { calls, error } = await runNode('clickstream', 'clickstream_logs', () => ({ KeyCount: 0 }));
  expect(error).toBe('Tributary.PollTimeout');
  expect(calls).toHaveLength(4 * 49);
});

test('a snapshot export starts the export, waits for it, then runs the conversion job', async () => {
  // WHEN
  const { calls, error } = await runNode('commerce', 'customers', (state, input) => {
    if (state.endsWith(' export')) {
      expect(input).toMatchObject({ SourceArn: expect.stringMatching(/^arn:/), S3BucketName: 'export-bucket', S3Prefix: 'tributary/commerce/customers/2026-11-27', IamRoleArn: expect.stringMatching(/^arn:/) });
      expect(input.ExportTaskIdentifier).toMatch(/^tributary-20261127-[0-9a-f-]{36}$/);
      return { ExportTaskIdentifier: input.ExportTaskIdentifier };
    }
    if (state.endsWith(' check')) return { ExportTasks: [{ Status: 'COMPLETE' }] };
    return {};
  });

  // THEN
  expect(error).toBeUndefined();
  expect(calls).toEqual(['customers export', 'customers check', 'customers convert']);
  expect(JSON.stringify(own('commerce', 'customers'))).toContain('${ExportSourceArn_customers}');
});

test('a failed export fails the node with Tributary.ExportFailed', async () => {
  const { error } = await runNode('commerce', 'customers', (state, input) => (state.endsWith(' export') ? { ExportTaskIdentifier: input.ExportTaskIdentifier } : { ExportTasks: [{ Status: 'FAILED' }] }));
  expect(error).toBe('Tributary.ExportFailed');
});

test('sharedNodeStates renders each node once per graph, the same states as nodeStates, frozen at the top level', () => {
  // GIVEN every node of the reference platform
  for (const [workflow, graph] of Object.entries(graphs)) {
    for (const id of graph.order) {
      // WHEN asked twice
      const first = sharedNodeStates(graph, node(workflow, id));
      const second = sharedNodeStates(graph, node(workflow, id));

      // THEN one object, equal to a fresh render, that cannot be changed in place
      expect(second).toBe(first);
      expect(first).toEqual(nodeStates(graph, node(workflow, id)));
      expect(Object.isFrozen(first.states)).toBe(true);
      expect(Object.isFrozen(first.states[id])).toBe(true);
    }
  }
});
