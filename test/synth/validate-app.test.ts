import * as fs from 'fs';
import * as path from 'path';
import { App, Stack, Stage } from 'aws-cdk-lib/core';
import { Errors, Testing, Workflow } from '../../lib';
import { validateWorkflows } from '../../lib/synth/validate-app';
import { tempDir } from '../fixtures';
import { atLine, newWorkflow, thisLine, validWorkflow, workflowProps } from '../util';

const FILE = 'test/synth/validate-app.test.ts';

test('two workflows of one stage whose ids normalise alike are refused with TRB016 at the second one', () => {
  // GIVEN 'DailyOrders' and 'daily_orders' in two stacks of one app
  const app = new App();
  newWorkflow({}, 'DailyOrders', new Stack(app, 'A'));
  const line = thisLine(); const second = new Workflow(new Stack(app, 'B'), 'daily_orders', workflowProps());

  // WHEN
  const diagnostics = Testing.appDiagnostics(app).filter((d) => d.code === 'TRB016');

  // THEN
  expect(second.workflowId).toBe('daily_orders');
  expect(diagnostics).toEqual([{
    code: 'TRB016',
    severity: 'error',
    path: 'B/daily_orders',
    location: atLine(FILE, line),
    message: "workflow id 'daily_orders' is also the id of 'A/DailyOrders', so both would write tributary/daily_orders/",
    fix: 'rename one of the two workflows so that their snake_case ids differ',
  }]);
});

test('workflows with the same id in different stages write to different folders and are accepted', () => {
  // GIVEN a dev and a prod stage, each with a 'Pipeline' workflow
  const app = new App();
  const dev = newWorkflow({}, 'Pipeline', new Stack(new Stage(app, 'Dev'), 'Data'));
  const prod = newWorkflow({}, 'Pipeline', new Stack(new Stage(app, 'Prod'), 'Data'));

  // WHEN
  const [devDiagnostics, prodDiagnostics] = validateWorkflows([dev, prod]).map((v) => v.diagnostics);

  // THEN
  expect(devDiagnostics.map((d) => d.code)).not.toContain('TRB016');
  expect(prodDiagnostics.map((d) => d.code)).not.toContain('TRB016');
});

test('validateWorkflows returns each workflow its own diagnostics, in the order given', () => {
  // GIVEN a valid workflow and one without sinks
  const { workflow: valid } = validWorkflow();
  const empty = newWorkflow({}, 'Empty');

  // WHEN
  const [first, second] = validateWorkflows([valid, empty]).map((v) => v.diagnostics);

  // THEN
  expect(first).toEqual([]);
  expect(second.map((d) => d.code)).toEqual(['TRB014']);
});

test('synthesizing an app with a duplicate workflow id throws TRB016 and writes nothing', () => {
  // GIVEN
  const outdir = tempDir();
  const app = new App({ outdir, builtinCloudFormationValidation: false });
  newWorkflow({}, 'Orders', new Stack(app, 'A'));
  newWorkflow({}, 'orders', new Stack(app, 'B'));

  // WHEN
  let thrown: unknown;
  try {
    app.synth();
  } catch (e) {
    thrown = e;
  }

  // THEN
  expect(Errors.isValidationError(thrown)).toBe(true);
  expect(Errors.diagnosticsOf(thrown).map((d) => `${d.code} ${d.path}`)).toEqual(['TRB016 B/orders']);
  expect(fs.existsSync(path.join(outdir, 'tributary'))).toBe(false);
});
