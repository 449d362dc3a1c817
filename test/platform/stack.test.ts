import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib/core';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DataPlatformStack } from '../../bin/platform';
import { tempDir } from '../fixtures';
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

test('the reference platform template is unchanged (snapshot of its text)', () => {
  // THEN the scripts asset hash is replaced by a marker: it follows the content of scripts/, which has its own owner
  expect(templateText.replace(new RegExp(scriptsAssetHash(), 'g'), '<scripts asset hash>')).toMatchSnapshot();
});

/** The hash of the asset that holds scripts/ (the staged folder with scripts/README.md), from the stack's asset manifest. */
function scriptsAssetHash(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'DataPlatform.assets.json'), 'utf8'));
  const hashes = Object.keys(manifest.files).filter((hash) => fs.existsSync(path.join(outdir, manifest.files[hash].source.path, 'README.md')));
  expect(hashes).toHaveLength(1);
  return hashes[0];
}
