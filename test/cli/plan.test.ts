import { ROOT, VALID_NODES, cli, project, workflowApp } from '../support/cli';

test('plan --date on the reference platform: every task by wave, with resolved SQL, partitions, sizing and cost (snapshot of the text)', () => {
  // WHEN
  const result = cli(['plan', '--date', '2026-11-27', '--app', 'bin/app.ts'], ROOT);

  // THEN
  expect(result.status).toBe(0);
  expect(result.stdout).not.toMatch(/\{\{\s*(ds|ds_nodash|next_ds|prev_ds)\s*\}\}/);
  expect(result.stdout).toMatch(/^## commerce — run of 2026-11-27$/m);
  expect(result.stdout).toMatchSnapshot();
});

test('plan --json gives each workflow\'s tasks in wave order, the prices used and a total that is the sum of the tasks', () => {
  // WHEN
  const result = cli(['plan', '--date', '2026-11-27', '--app', 'bin/app.ts', '--workflow', 'clickstream', '--json', '--price-vcpu-hour', '0.1'], ROOT);

  // THEN
  expect(result.status).toBe(0);
  const { ok, plans } = JSON.parse(result.stdout);
  expect(ok).toBe(true);
  expect(plans).toHaveLength(1);
  const [plan] = plans;
  expect(plan.prices).toEqual({ vcpuHour: 0.1, gbHour: 0.0057785, storageGbHour: 0.000111 });
  const waves = plan.tasks.map((t: { wave: number }) => t.wave);
  expect(waves).toEqual([...waves].sort((a, b) => a - b));
  const sum = plan.tasks.reduce((n: number, t: { estimatedCostUsd: number | null }) => n + (t.estimatedCostUsd ?? 0), 0);
  expect(plan.estimatedCostUsd).toBeCloseTo(sum, 2);
  expect(plan.tasks.find((t: { node: string }) => t.node === 'sessionize').output).toContain('2026-11-27');
});

test('plan --from --to lists a backfill\'s runs from the start date and says every platform sink is safe to replay', () => {
  // WHEN
  const result = cli(['plan', '--from', '2025-12-30', '--to', '2026-01-02', '--app', 'bin/app.ts', '--workflow', 'commerce'], ROOT);

  // THEN
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(/^2 runs, oldest first, one after another: 2026-01-01 … 2026-01-02; estimated \$[\d.]+ per run, \$[\d.]+ in all\.$/m);
  expect(result.stdout).toContain('Every sink is safe to replay (idempotent writes).');
});

test('plan refuses a missing or mixed date, a bad date, a reversed range or a bad price with exit 2', () => {
  // GIVEN
  const dir = project(workflowApp(VALID_NODES));

  // WHEN / THEN
  expect(cli(['plan'], dir)).toMatchObject({ status: 2, stderr: expect.stringMatching(/plan needs either --date/) });
  expect(cli(['plan', '--date', '2026-03-01', '--from', '2026-03-01'], dir)).toMatchObject({ status: 2 });
  expect(cli(['plan', '--date', '2026-13-01'], dir)).toMatchObject({ status: 2, stderr: expect.stringMatching(/--date 2026-13-01: expected a calendar date/) });
  expect(cli(['plan', '--from', '2026-03-02', '--to', '2026-03-01'], dir)).toMatchObject({ status: 2, stderr: expect.stringMatching(/is after --to/) });
  expect(cli(['plan', '--date', '2026-03-01', '--price-gb-hour', '-1'], dir)).toMatchObject({ status: 2, stderr: expect.stringMatching(/--price-gb-hour -1: expected a price/) });
  expect(cli(['plan', '--help'], dir)).toMatchObject({ status: 0, stdout: expect.stringMatching(/Exit codes: 0 planned, 1 the app has errors, 2 wrong usage/) });
});
