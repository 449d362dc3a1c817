import { App } from 'aws-cdk-lib/core';
import { DataPlatformStack } from '../../bin/platform';
import { ERROR_NODES, ROOT, cli, project, workflowApp } from '../support/cli';

/** How many nodes the reference platform has, counted in this process. */
const PLATFORM_NODES = new DataPlatformStack(new App(), 'DataPlatform').workflows.reduce((n, w) => n + w.nodes.length, 0);

test('ls lists the reference platform\'s workflows and their nodes in run order, with their upstream nodes', () => {
  // WHEN
  const result = cli(['ls', '--app', 'bin/app.ts'], ROOT);

  // THEN
  expect(result.status).toBe(0);
  const headers = result.stdout.split('\n').filter((l) => /^\S/.test(l));
  expect(headers.map((l) => l.split(/\s+/)[0])).toEqual(['commerce', 'clickstream', 'customer360']);
  expect(result.stdout.split('\n').filter((l) => /^ {2}\S/.test(l))).toHaveLength(PLATFORM_NODES);
  expect(result.stdout).toMatch(/^ {2}sessionize +SparkTask +after clickstream_logs$/m);
});

test('ls --json gives each workflow\'s id, path, schedule and nodes (id, kind, type, path, upstream)', () => {
  // WHEN
  const result = cli(['ls', '--app', 'bin/app.ts', '--json'], ROOT);

  // THEN
  expect(result.status).toBe(0);
  const json = JSON.parse(result.stdout);
  expect(json.ok).toBe(true);
  expect(json.workflows.map((w: { id: string }) => w.id)).toEqual(['commerce', 'clickstream', 'customer360']);
  expect(json.workflows.flatMap((w: { nodes: unknown[] }) => w.nodes)).toHaveLength(PLATFORM_NODES);
  const clickstream = json.workflows[1];
  expect(Object.keys(clickstream).sort()).toEqual(['id', 'nodes', 'path', 'schedule']);
  expect(clickstream.nodes.find((n: { id: string }) => n.id === 'sessionize')).toEqual({
    id: 'sessionize', kind: 'task', type: 'SparkTask', path: 'DataPlatform/Clickstream/Sessionize', upstream: ['clickstream_logs'],
  });
});

test('ls of an app with validation errors still lists it, prints the errors and exits 1', () => {
  // GIVEN
  const dir = project(workflowApp(ERROR_NODES));

  // WHEN
  const result = cli(['ls'], dir);

  // THEN
  expect(result.status).toBe(1);
  expect(result.stdout).toMatch(/^pipeline {2}Data\/Pipeline {2}\(0 2 \* \* \*, 2 nodes\)\n {2}orders/);
  expect(result.stderr).toMatch(/^bin\/app\.ts:7:1: error TRB006 /);
});
