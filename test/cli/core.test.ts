import * as fs from 'fs';
import * as path from 'path';
import { VALID_NODES, cli, project, workflowApp } from '../support/cli';

test('an app that builds two Apps has both synthesized, each into the output folder CDK_OUTDIR gives it', () => {
  // GIVEN two apps in one file, neither synthesized by the file itself
  const dir = project([
    workflowApp(VALID_NODES, ''),
    "const second = new App({ analyticsReporting: false });",
    "const w2 = new t.Workflow(new Stack(second, 'Other'), 'Second', { schedule: t.Schedule.daily({ hour: 3 }), startDate: '2026-01-01', owner: 'me@example.com' });",
    "new t.EventSink(w2, 'Ping', { inputs: [new t.LogSource(w2, 'L', { location: 's3://l/dt={{ds}}/', format: t.DataFormat.JSON_LINES }).output], bus: t.EventBus.eventBridge('b'), source: 'com.example.x', detailType: 'Ping' });",
  ].join('\n'));

  // WHEN
  const result = cli(['synth', '--json'], dir);

  // THEN
  expect(result.status).toBe(0);
  expect(JSON.parse(result.stdout).workflows.map((w: { id: string }) => w.id)).toEqual(['pipeline', 'second']);
  expect(fs.readdirSync(path.join(dir, 'cdk.out', 'tributary')).sort()).toEqual(['pipeline', 'second']);
});

test('validate and ls run the app in a temporary folder that they remove: the project gets no cdk.out', () => {
  // GIVEN
  const dir = project(workflowApp(VALID_NODES));

  // WHEN
  const results = [cli(['validate'], dir), cli(['ls'], dir)];

  // THEN
  expect(results.map((r) => r.status)).toEqual([0, 0]);
  expect(fs.readdirSync(dir)).toEqual(['bin']);
});

test('the verbs that read workflows refuse a --workflow the app does not have, listing the ones it has (exit 2)', () => {
  // GIVEN an app with one workflow, 'pipeline'
  const dir = project(workflowApp(VALID_NODES));

  // THEN each verb says which workflows there are
  for (const args of [['graph', '--workflow', 'nope'], ['plan', '--date', '2026-03-01', '--workflow', 'nope'], ['synth', '--workflow', 'nope']]) {
    expect({ args, ...cli(args, dir) }).toMatchObject({ args, status: 2, stderr: "tributary: no workflow 'nope' in bin/app.ts; its workflows: pipeline\n" });
  }
});
