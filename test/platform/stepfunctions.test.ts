import { App } from 'aws-cdk-lib/core';
import { DataPlatformStack } from '../../bin/platform';
import { Testing } from '../../lib';
import { expectValidAsl } from '../targets/stepfunctions/support';

const workflows = Object.fromEntries(new DataPlatformStack(new App({ analyticsReporting: false }), 'DataPlatform').workflows.map((w) => [w.workflowId, w]));

/** Every Step Functions file of a workflow's synthesized artifacts. */
function aslFiles(id: string): Record<string, string> {
  return Object.fromEntries(Object.entries(Testing.synth(workflows[id])).filter(([path]) => path.startsWith('stepfunctions/')));
}

test.each(['clickstream', 'commerce', 'customer360'])('every Step Functions definition of the %s workflow is valid ASL and unchanged', (id) => {
  // WHEN
  const files = aslFiles(id);

  // THEN
  expect(Object.keys(files)).toEqual(['stepfunctions/state-machine.asl.json']);
  for (const [path, content] of Object.entries(files)) {
    expectValidAsl(content);
    expect(content).toMatchSnapshot(path);
  }
});
