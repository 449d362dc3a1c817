import { ApiSink, Testing, WarehouseSink, WriteMode } from '../../lib';
import { effectiveWorkers, planJob } from '../../lib/targets/emr/jobs';
import { EMR_SERVERLESS_PRICES, dateValues, datesBetween, planBackfill, planRun, replayHazard, resolveDates, sizingAndCost, waves } from '../../lib/plan/plan';
import { validWorkflow } from '../util';

test('date values follow the calendar across months and leap days', () => {
  // THEN
  expect(dateValues('2024-02-29')).toEqual({ ds: '2024-02-29', ds_nodash: '20240229', next_ds: '2024-03-01', prev_ds: '2024-02-28' });
  expect(dateValues('2026-01-01').prev_ds).toBe('2025-12-31');
  expect(resolveDates("s3://x/ds={{ds}}/{{ ds_nodash }}/{{next_ds}} {{table}}", '2026-11-27')).toBe('s3://x/ds=2026-11-27/20261127/2026-11-28 {{table}}');
  expect(datesBetween('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
});

test('plan of a date lists tasks by wave, each after its upstream ones, with SQL and arguments resolved for that date', async () => {
  // GIVEN source → Spark → warehouse merge
  const { workflow } = validWorkflow();
  const graph = Testing.graph(workflow);

  // WHEN
  const plan = await planRun(graph, '2026-03-15');

  // THEN
  expect(plan.tasks.map((t) => [t.node, t.wave])).toEqual([['orders', 1], ['enrich', 2], ['load', 3]]);
  const wave = waves(graph);
  for (const t of plan.tasks) for (const up of t.upstream) expect(wave.get(up)!).toBeLessThan(t.wave);
  const load = plan.tasks[2];
  expect(load.sql!.join('\n')).toContain('2026-03-15');
  expect(load.sql!.join('\n')).not.toMatch(/\{\{\s*ds/);
  expect(load.inputs).toEqual([{ dataset: 'enrich', location: resolveDates(graph.node('enrich').output!.location, '2026-03-15') }]);
  expect(plan.tasks[1].arguments).toEqual(expect.arrayContaining(['2026-03-15']));
  expect(JSON.stringify(plan.tasks[1].call)).toContain('${EmrApplicationId}');
  expect(plan.estimatedCostUsd).toBeCloseTo(plan.tasks.reduce((n, t) => n + (t.estimatedCostUsd ?? 0), 0), 3);
});

test('the cost of an EMR job is its workers\' vCPU, memory and extra disk at the given prices for its estimated duration', () => {
  // GIVEN
  const { workflow } = validWorkflow();
  const graph = Testing.graph(workflow);
  const node = graph.node('enrich');
  const w = effectiveWorkers(planJob(graph, 'enrich')!);

  // WHEN prices of 1 per vCPU-hour and nothing else
  const cpuOnly = sizingAndCost(graph, node, { vcpuHour: 1, gbHour: 0, storageGbHour: 0 });
  const listed = sizingAndCost(graph, node, EMR_SERVERLESS_PRICES);

  // THEN
  const hours = node.estimatedDurationSeconds / 3600;
  expect(cpuOnly.cost).toBeCloseTo((w.driverCpu + w.maxExecutors * w.executorCpu) * hours, 3);
  expect(cpuOnly.sizing).toMatchObject({ driverCpu: w.driverCpu, executorCpu: w.executorCpu, maxExecutors: w.maxExecutors });
  expect(listed.cost!).toBeGreaterThan(cpuOnly.cost! * EMR_SERVERLESS_PRICES.vcpuHour - 1e-4);
  expect(sizingAndCost(graph, graph.node('load'), EMR_SERVERLESS_PRICES)).toEqual({ sizing: null, cost: null });
});

test('a backfill runs each date oldest first from the later of --from and the start date, and names the sinks not safe to replay', () => {
  // GIVEN an appending sink, a table replaced on each run and an API call without idempotency key
  const { workflow, enrich } = validWorkflow();
  new WarehouseSink(workflow, 'Append', { input: enrich.output, table: 'analytics.orders_log', writeMode: WriteMode.append() });
  new WarehouseSink(workflow, 'Replace', { input: enrich.output, table: 'analytics.orders_now', writeMode: WriteMode.replaceTable() });
  new ApiSink(workflow, 'Push', { input: enrich.output, url: 'https://crm.example.com/orders' });
  const graph = Testing.graph(workflow);

  // WHEN
  const plan = planBackfill(graph, '2025-12-30', '2026-01-03');

  // THEN
  expect(plan.runs).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
  expect(plan.unsafeSinks.map((s) => s.node).sort()).toEqual(['append', 'push', 'replace']);
  expect(plan.unsafeSinks.find((s) => s.node === 'append')!.reason).toMatch(/adds its rows again/);
  expect(plan.unsafeSinks.find((s) => s.node === 'replace')!.reason).toMatch(/last replayed date's data/);
  expect(plan.unsafeSinks.find((s) => s.node === 'push')!.reason).toMatch(/without an idempotency key/);
  expect(replayHazard(graph.node('load'))).toBeUndefined();
  expect(plan.estimatedCostUsd).toBeCloseTo(plan.estimatedCostPerRunUsd * 3, 3);
  expect(planBackfill(graph, '2025-01-01', '2025-12-31').runs).toEqual([]);
});
