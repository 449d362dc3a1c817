import { ERROR_NODES, ROOT, VALID_NODES, cli, project, workflowApp } from '../support/cli';
import { isDate, parseFailures } from '../../lib/cli/run';

test('run --local --json rehearses every workflow of the reference platform for the date: each succeeds, in an order valid for Airflow', () => {
  // WHEN
  const result = cli(['run', '--local', '--date', '2026-11-27', '--app', 'bin/app.ts', '--json'], ROOT);

  // THEN
  expect(result.status).toBe(0);
  const json = JSON.parse(result.stdout);
  expect(json.ok).toBe(true);
  expect(json.runs.map((r: { workflow: string }) => r.workflow)).toEqual(['commerce', 'clickstream', 'customer360']);
  for (const r of json.runs) {
    expect(r.succeeded).toBe(true);
    expect(r.airflowOrderViolations).toEqual([]);
    expect(r.output.ds).toBe('2026-11-27');
  }
  expect(json.runs[1].trace[0]).toMatchObject({ attempt: 1, outcome: 'succeeded', machine: 'clickstream', start: 0 });
});

test('run --fail node:times injects failures: the text trace shows each failed attempt and the run fails with exit 1', () => {
  // WHEN enrich_orders fails on every attempt it has (1 + 2 retries)
  const result = cli(['run', '--local', '--date', '2026-11-27', '--app', 'bin/app.ts', '--workflow', 'commerce', '--fail', 'enrich_orders:3'], ROOT);

  // THEN
  expect(result.status).toBe(1);
  expect(result.stdout).toMatch(/^commerce 2026-11-27: FAILED \(7 attempts\)$/m);
  expect(result.stdout.match(/enrich_orders +attempt \d +failed +Tributary\.InjectedFailure/g)).toHaveLength(3);
  expect(result.stdout).not.toMatch(/load_orders/);
  expect(result.stdout).toMatch(/^ {2}error: ExecutionError: .*"state":"enrich_orders"/m);
});

test('run of a small app with one failure within its retries succeeds and prints the retry', () => {
  // GIVEN
  const dir = project(workflowApp(VALID_NODES));

  // WHEN
  const result = cli(['run', '--local', '--date', '2026-03-01', '--fail', 'clean'], dir);

  // THEN
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(/clean +attempt 1 +failed/);
  expect(result.stdout).toMatch(/clean +attempt 2 +succeeded/);
  expect(result.stdout).toMatch(/airflow: the same order is valid for the Airflow DAG/);
});

test('run refuses a missing --local, a wrong date, an unknown node or workflow with exit 2, and an app with errors with exit 1', () => {
  // GIVEN
  const dir = project(workflowApp(VALID_NODES));

  // WHEN / THEN
  expect(cli(['run', '--date', '2026-03-01'], dir)).toMatchObject({ status: 2, stderr: expect.stringMatching(/run needs --local/) });
  expect(cli(['run', '--local', '--date', '2026-02-30'], dir)).toMatchObject({ status: 2, stderr: expect.stringMatching(/--date 2026-02-30: expected a calendar date/) });
  expect(cli(['run', '--local', '--date', '2026-03-01', '--fail', 'nope'], dir)).toMatchObject({ status: 2, stderr: expect.stringMatching(/--fail nope: no node 'nope' in pipeline/) });
  expect(cli(['run', '--local', '--date', '2026-03-01', '--workflow', 'other'], dir)).toMatchObject({ status: 2, stderr: expect.stringMatching(/no workflow 'other'/) });
  expect(cli(['run', '--local', '--date', '2026-03-01'], project(workflowApp(ERROR_NODES)))).toMatchObject({ status: 1, stderr: expect.stringMatching(/error TRB006/) });
});

test('run --help names its options and exit codes', () => {
  // WHEN
  const result = cli(['run', '--help'], ROOT);

  // THEN
  expect(result.status).toBe(0);
  for (const option of ['--local', '--date <YYYY-MM-DD>', '--fail <node[:times]>', '--workflow <id>', '--json']) expect(result.stdout).toContain(option);
  expect(result.stdout).toMatch(/Exit codes: 0 .* 1 .* 2 wrong usage/);
});

test('dates are calendar dates and failures are node[:times] with times from 1', () => {
  // THEN
  expect(['2024-02-29', '2026-12-31'].map(isDate)).toEqual([true, true]);
  expect(['2026-02-29', '2026-1-01', '20260101', ''].map(isDate)).toEqual([false, false, false, false]);
  expect([...parseFailures(['a', 'b:3'])]).toEqual([['a', 1], ['b', 3]]);
  expect(() => parseFailures(['a:0'])).toThrow(/times ≥ 1/);
  expect(() => parseFailures(['a:x'])).toThrow(/expected <node id>/);
});
