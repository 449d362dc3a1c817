import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, cli, project, workflowApp } from '../support/cli';
import { tempDir } from '../fixtures';

/** The base app: logs → clean (one column) → blocking check and a merge into the warehouse. */
const BASE = [
  "const logs = new t.LogSource(w, 'Logs', { location: 's3://logs/dt={{ds}}/', format: t.DataFormat.JSON_LINES });",
  "const clean = new t.SparkTask(w, 'Clean', { script: 's3://acme-jobs/clean.py', inputs: [logs.output], output: { schema: t.Schema.of([{ name: 'id', type: t.ColumnType.BIGINT, nullable: false }]) } });",
  "new t.QualityCheck(w, 'CleanCheck', { input: clean.output, rules: [t.CheckRule.notNull(['id'])] });",
  "new t.WarehouseSink(w, 'Load', { input: clean.output, table: 'analytics.clean', writeMode: t.WriteMode.merge(['id']) });",
].join('\n');

/** BASE with a column added to clean's schema, a new node after logs, and the check made a warning (it no longer gates the sink). */
const HEAD = [
  "const logs = new t.LogSource(w, 'Logs', { location: 's3://logs/dt={{ds}}/', format: t.DataFormat.JSON_LINES });",
  "const clean = new t.SparkTask(w, 'Clean', { script: 's3://acme-jobs/clean.py', inputs: [logs.output], output: { schema: t.Schema.of([{ name: 'id', type: t.ColumnType.BIGINT, nullable: false }, { name: 'name', type: t.ColumnType.STRING }]) } });",
  "new t.QualityCheck(w, 'CleanCheck', { input: clean.output, rules: [t.CheckRule.notNull(['id'])], severity: t.CheckSeverity.WARNING });",
  "new t.WarehouseSink(w, 'Load', { input: clean.output, table: 'analytics.clean', writeMode: t.WriteMode.merge(['id']) });",
  "new t.SparkTask(w, 'Extra', { script: 's3://acme-jobs/extra.py', inputs: [logs.output] });",
].join('\n');

/** Synthesize a project's app into `out`. */
function synthTo(dir: string, out: string): void {
  const result = cli(['synth', '--out', out], dir);
  if (result.status !== 0) throw new Error(result.stderr);
}

test('diff --base <folder> reports the added node, the schema change, the new edge, the removed gate, the affected sink and the changed artifacts', () => {
  // GIVEN the base app synthesized, and the head app
  const base = tempDir('tributary-diff-base-');
  synthTo(project(workflowApp(BASE)), base);
  const head = project(workflowApp(HEAD));

  // WHEN
  const result = cli(['diff', '--base', base], head);

  // THEN
  expect(result.status).toBe(0);
  const md = result.stdout;
  expect(md).toMatch(/^### pipeline$/m);
  expect(md).toContain('- added `extra` (SparkTask)');
  expect(md).toMatch(/- changed `clean` \(SparkTask\): .*schema/);
  expect(md).toContain('  - column name added (string)');
  expect(md).toContain('- added `logs → extra` (data)');
  expect(md).toContain('- ⚠️ check `clean_check` no longer gates sink `load`');
  expect(md).toMatch(/- sinks: `load`/);
  expect(md).toContain('- changed `load` (WarehouseSink): dependencies');
  expect(md).toContain('- removed `clean_check → load` (audit)');
  // (these test apps render the graph target only)
  expect(md).toContain('- changed `graph.json`');
  expect(md).toContain('- changed `graph.mmd`');
});

test('diff --json gives the same changes as data; --fail-on gate-removed exits 1 naming the gate, and so does sink-change (the sink lost its audit edge)', () => {
  // GIVEN
  const base = tempDir('tributary-diff-base-');
  synthTo(project(workflowApp(BASE)), base);
  const head = project(workflowApp(HEAD));

  // WHEN
  const json = cli(['diff', '--base', base, '--json'], head);
  const failing = cli(['diff', '--base', base, '--fail-on', 'gate-removed'], head);
  const sinks = cli(['diff', '--base', base, '--fail-on', 'sink-change'], head);

  // THEN
  expect(json.status).toBe(0);
  const [w] = JSON.parse(json.stdout).workflows;
  expect(w.nodesAdded).toEqual([{ node: 'extra', type: 'SparkTask', kind: 'task' }]);
  expect(w.nodesChanged.map((n: { node: string }) => n.node)).toEqual(['clean', 'clean_check', 'load']);
  expect(w.nodesChanged[0].schema).toEqual(['column name added (string)']);
  expect(w.gatesRemoved).toEqual([{ check: 'clean_check', sink: 'load' }]);
  expect(w.edgesAdded).toEqual([{ from: 'logs', to: 'extra', kind: 'data' }]);
  expect(w.sinksChanged).toEqual(['load']);
  expect(failing.status).toBe(1);
  expect(failing.stderr).toContain('tributary: --fail-on gate-removed: check pipeline/clean_check no longer gates sink load');
  expect(sinks.status).toBe(1);
});

test('diff --fail-on sink-change exits 1 when a sink itself changed', () => {
  // GIVEN the sink's write mode changed
  const base = tempDir('tributary-diff-base-');
  synthTo(project(workflowApp(BASE)), base);
  const head = project(workflowApp(BASE.replace("t.WriteMode.merge(['id'])", 't.WriteMode.replaceTable()')));

  // WHEN
  const result = cli(['diff', '--base', base, '--fail-on', 'sink-change'], head);

  // THEN
  expect([result.status, result.stderr]).toEqual([1, expect.stringContaining('--fail-on sink-change')]);
  expect(result.stdout).toMatch(/- changed `load` \(WarehouseSink\): props/);
  expect(result.stdout).toContain('`properties.writeMode.mode`: "merge" → "replace_table"');
  expect(result.stderr).toContain('--fail-on sink-change: pipeline/load');
});

test('diff --base <git ref> synthesizes that commit\'s app in a temporary worktree, removed afterwards', () => {
  // GIVEN a git repository whose committed app is BASE and whose working app is HEAD
  const dir = project(workflowApp(BASE));
  const sh = (...args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
  sh('init', '-q');
  sh('add', '.');
  sh('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'base');
  fs.writeFileSync(path.join(dir, 'bin', 'app.ts'), fs.readFileSync(path.join(project(workflowApp(HEAD)), 'bin', 'app.ts')));

  // WHEN
  const result = cli(['diff', '--base', 'HEAD'], dir);

  // THEN
  expect(result.status).toBe(0);
  expect(result.stdout).toContain('## Tributary diff: `HEAD` → `the app`');
  expect(result.stdout).toContain('- added `extra` (SparkTask)');
  expect(sh('worktree', 'list').stdout.trim().split('\n')).toHaveLength(1);
});

test('diff of the reference platform against its own synthesis finds no change', () => {
  // GIVEN
  const base = tempDir('tributary-diff-base-');
  expect(cli(['synth', '--app', 'bin/app.ts', '--out', base], ROOT).status).toBe(0);

  // WHEN
  const result = cli(['diff', '--base', base, '--app', 'bin/app.ts'], ROOT);

  // THEN
  expect(result.status).toBe(0);
  expect(result.stdout).toContain('No changes.');
});

test('diff refuses a missing --base, a base that is neither a folder nor a commit, and an unknown --fail-on with exit 2', () => {
  // GIVEN
  const dir = project(workflowApp(BASE));

  // WHEN / THEN
  expect(cli(['diff'], dir)).toMatchObject({ status: 2, stderr: expect.stringMatching(/diff needs --base/) });
  expect(cli(['diff', '--base', 'no-such-thing'], ROOT)).toMatchObject({ status: 2, stderr: expect.stringMatching(/--base no-such-thing: neither a folder nor a git commit/) });
  expect(cli(['diff', '--base', '.', '--fail-on', 'everything'], dir)).toMatchObject({ status: 2, stderr: expect.stringMatching(/--fail-on everything: expected sink-change or gate-removed/) });
  expect(cli(['diff', '--help'], dir)).toMatchObject({ status: 0, stdout: expect.stringMatching(/Exit codes: 0 compared/) });
});
