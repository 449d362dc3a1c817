import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib/core';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DataPlatformStack } from '../../bin/platform';
import { readTree, tempDir } from '../fixtures';
import { pythonEnv } from '../support/python';

// One synthesis of the reference platform, as bin/app.ts does it, read by every test below (~2 s).
const outdir = tempDir();
const app = new App({ outdir, analyticsReporting: false, builtinCloudFormationValidation: false });
const stack = new DataPlatformStack(app, 'DataPlatform', { description: 'Tributary reference data platform' });
app.synth();
const templateFile = path.join(outdir, 'DataPlatform.template.json');
const templateText = fs.readFileSync(templateFile, 'utf8');

test('cdk-nag AwsSolutions finds no unacknowledged error or warning in the reference platform stack', () => {
  // WHEN the AwsSolutions pack checks every resource of the synthesized stack
  const report = new AwsSolutionsChecks().validateScope(stack);

  // THEN nothing is reported: each finding was removed or acknowledged with its reason
  expect(report.violations.map((v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
});

test('cfn-lint reports no error in the reference platform template', () => {
  // WHEN the pinned cfn-lint checks the template
  const result = spawnSync(pythonEnv().bin('cfn-lint'), ['--format', 'json', '--', templateFile], { encoding: 'utf8' });

  // THEN it ran, and found no error (warnings and informational findings are listed if any fail the test)
  const findings: Array<{ Rule: { Id: string }; Level: string; Message: string }> = JSON.parse(result.stdout || '[]');
  expect(result.stderr).toBe('');
  expect(findings.filter((f) => f.Level === 'Error').map((f) => `${f.Rule.Id} ${f.Message}`)).toEqual([]);
});

test('each state machine of the template deploys one rendered definition file byte for byte, and each file is deployed', () => {
  // GIVEN the definitions the Step Functions target wrote
  const files = definitionFiles();

  // THEN
  const deployed = stateMachines().map(([, machine]) => Object.keys(files).find((file) => files[file] === machine.Properties.DefinitionString));
  expect(deployed.sort()).toEqual(Object.keys(files).sort());
});

test('the reference platform template is unchanged (snapshot of its text)', () => {
  // GIVEN the template text, where each definition is replaced by the name of its file (the
  // definitions have snapshots of their own) and the scripts asset hash by a marker (it follows
  // the content of scripts/, which has its own owner)
  const files = definitionFiles();
  const template = JSON.parse(templateText);
  for (const [, machine] of stateMachines(template)) {
    machine.Properties.DefinitionString = `<${Object.keys(files).find((file) => files[file] === machine.Properties.DefinitionString)}>`;
  }
  const text = JSON.stringify(template, undefined, 1).replace(new RegExp(scriptsAssetHash(), 'g'), '<scripts asset hash>');

  // THEN
  expect(text).toMatchSnapshot();
});

/** The state machine resources of the template, by logical id. */
function stateMachines(from: any = JSON.parse(templateText)): Array<[string, any]> {
  return Object.entries(from.Resources).filter(([, r]: [string, any]) => r.Type === 'AWS::StepFunctions::StateMachine');
}

/** Every rendered definition: `{ 'tributary/<workflow>/stepfunctions/<file>': content }`. */
function definitionFiles(): Record<string, string> {
  const tree = readTree(path.join(outdir, 'tributary'));
  const files = Object.keys(tree).filter((f) => /\/stepfunctions\/[^/]+\.asl\.json$/.test(f));
  expect(files.length).toBeGreaterThanOrEqual(3);
  return Object.fromEntries(files.map((f) => [`tributary/${f}`, tree[f]]));
}

/** The hash of the asset that holds scripts/ (the staged folder with scripts/README.md), from the stack's asset manifest. */
function scriptsAssetHash(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'DataPlatform.assets.json'), 'utf8'));
  const hashes = Object.keys(manifest.files).filter((hash) => fs.existsSync(path.join(outdir, manifest.files[hash].source.path, 'README.md')));
  expect(hashes).toHaveLength(1);
  return hashes[0];
}
