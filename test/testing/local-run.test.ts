import { App } from 'aws-cdk-lib/core';
import { DataPlatformStack } from '../../bin/platform';
import { LocalRunOutcome, Testing, type ILocalTaskHandler, type LocalTaskCall } from '../../lib';
import { longSqlChain } from '../fixtures';
import { INJECTED_FAILURE, airflowOrderViolations, runLocally } from '../../lib/testing/local-run';
import { stateMachineArtifacts } from '../../lib/targets/stepfunctions/placeholders';

const DATE = '2026-11-27';
const DATES = { ds: DATE, ds_nodash: '20261127', next_ds: '2026-11-28', prev_ds: '2026-11-26' };
const stack = new DataPlatformStack(new App({ analyticsReporting: false }), 'DataPlatform');
const workflows = Object.fromEntries(stack.workflows.map((w) => [w.workflowId, w]));

test.each(Object.keys(workflows))('Testing.run runs every node of %s once, each after its upstream nodes, with the date resolved in its input', async (id) => {
  // GIVEN
  const graph = Testing.graph(workflows[id]);

  // WHEN
  const result = await Testing.run(workflows[id], { date: DATE });

  // THEN
  expect(result.succeeded).toBe(true);
  expect(result.output).toEqual(DATES);
  expect(result.trace.map((s) => s.node).sort()).toEqual([...graph.order].sort());
  expect(result.trace.every((s) => s.attempt === 1 && s.outcome === LocalRunOutcome.SUCCEEDED)).toBe(true);
  const step = new Map(result.trace.map((s) => [s.node, s]));
  for (const s of result.trace) {
    for (const up of graph.upstreamOf(s.node)) expect([s.node, up, step.get(up)!.end < s.start]).toEqual([s.node, up, true]);
    expect([s.node, JSON.stringify(s.input).includes(DATE) || JSON.stringify(s.input).includes('20261127')]).toEqual([s.node, true]);
  }
  expect(result.trace.map((s) => s.start)).toEqual([...result.trace.map((s) => s.start)].sort((a, b) => a - b));
  expect(result.airflowOrderViolations).toEqual([]);
});

test('an injected failure within the node\'s retries shows as a failed attempt, then a retry that succeeds', async () => {
  // GIVEN enrich_orders (2 retries) failing once
  const workflow = workflows.commerce;

  // WHEN
  const result = await Testing.run(workflow, { date: DATE, failures: { enrich_orders: 1 } });

  // THEN
  expect(result.succeeded).toBe(true);
  const attempts = result.trace.filter((s) => s.node === 'enrich_orders');
  expect(attempts.map((s) => [s.attempt, s.outcome])).toEqual([[1, LocalRunOutcome.FAILED], [2, LocalRunOutcome.SUCCEEDED]]);
  expect(attempts[0].error).toContain(INJECTED_FAILURE);
  expect(attempts[0].end).toBeLessThan(attempts[1].start);
  const downstream = result.trace.find((s) => s.node === 'enriched_orders_quality')!;
  expect(downstream.start).toBeGreaterThan(attempts[1].end);
});

test('more injected failures than retries fail the run through the failure path, and nothing downstream runs', async () => {
  // GIVEN
  const workflow = workflows.commerce;
  const retries = Testing.graph(workflow).node('enrich_orders').retries;

  // WHEN
  const result = await Testing.run(workflow, { date: DATE, failures: { enrich_orders: retries + 5 } });

  // THEN
  expect(result.succeeded).toBe(false);
  expect(result.error).toContain(INJECTED_FAILURE);
  expect(result.error).toContain('"state":"enrich_orders"');
  expect(result.trace.filter((s) => s.node === 'enrich_orders')).toHaveLength(retries + 1);
  expect(result.trace.some((s) => s.node === 'load_orders' || s.node === 'commerce_ready')).toBe(false);
  expect(result.airflowOrderViolations).toEqual([]);
});

test('a fixture output is recorded for its node, and a handler sees each call with its attempt and can fail it', async () => {
  // GIVEN a fixture for sessionize and a handler that fails the first attempt of attribution
  const seen: LocalTaskCall[] = [];
  const handler: ILocalTaskHandler = {
    handle(call: LocalTaskCall) {
      seen.push(call);
      if (call.attempt === 1) throw new Error('warehouse busy');
      return { Id: 'statement-42' };
    },
  };

  // WHEN
  const result = await Testing.run(workflows.clickstream, { date: DATE, handlers: { sessionize: { rows: 1200 }, attribution: handler } });

  // THEN
  expect(result.succeeded).toBe(true);
  expect(result.trace.find((s) => s.node === 'sessionize')!.output).toEqual({ rows: 1200 });
  const attribution = result.trace.filter((s) => s.node === 'attribution');
  expect(attribution.map((s) => s.outcome)).toEqual([LocalRunOutcome.FAILED, LocalRunOutcome.SUCCEEDED]);
  expect(attribution[0].error).toBe('Error: warehouse busy');
  expect(seen[0]).toMatchObject({ node: 'attribution', attempt: 1, state: 'attribution' });
  expect(seen.some((c) => c.attempt === 2)).toBe(true);
});

test('a failure or a handler for a node the workflow does not have is refused', async () => {
  // WHEN / THEN
  await expect(Testing.run(workflows.commerce, { date: DATE, failures: { nope: 1 } })).rejects.toThrow("failures: no node 'nope' in workflow 'commerce'");
  await expect(Testing.run(workflows.commerce, { date: DATE, handlers: { nope: {} } })).rejects.toThrow("handlers: no node 'nope' in workflow 'commerce'");
});

test('the Airflow check finds a trace in which a node started before the node it depends on had succeeded', async () => {
  // GIVEN a real trace, with sessions_quality moved before sessionize
  const graph = Testing.graph(workflows.clickstream);
  const result = await runLocally(graph, { date: DATE });
  const trace = result.trace.map((s) => (s.node === 'sessions_quality' ? { ...s, start: -2, end: -1 } : s));

  // WHEN
  const violations = airflowOrderViolations(graph, trace);

  // THEN
  expect(violations.length).toBeGreaterThan(0);
  expect(violations.join('\n')).toMatch(/node sessions_quality\) depends on '[^']+' \(node sessionize\)/);
});

test('a split workflow runs its child state machines too, in the chain\'s order, each node in the machine that holds it', async () => {
  // GIVEN 30 chained six-hour statements, split into child machines
  const graph = longSqlChain(30);
  const machines = stateMachineArtifacts(graph).map((a) => a.name);
  expect(machines.length).toBeGreaterThan(3);

  // WHEN a middle statement fails once
  const result = await runLocally(graph, { date: '2024-02-29', failures: { step_17: 1 } });

  // THEN
  expect(result.succeeded).toBe(true);
  expect(result.trace.filter((s) => s.outcome === LocalRunOutcome.SUCCEEDED).map((s) => s.node)).toEqual(graph.order);
  expect(result.trace.filter((s) => s.node === 'step_17').map((s) => s.attempt)).toEqual([1, 2]);
  expect(new Set(result.trace.map((s) => s.machine)).size).toBeGreaterThan(1);
  expect(result.trace.every((s) => machines.includes(s.machine))).toBe(true);
  expect(result.trace[0].input.Sql).toBe("INSERT INTO marts.step_00 SELECT '2024-02-29'");
});
