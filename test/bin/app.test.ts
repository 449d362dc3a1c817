import { spawnSync } from 'child_process';
import * as path from 'path';
import { App } from 'aws-cdk-lib/core';
import { DataPlatformStack } from '../../bin/platform';
import { Testing } from '../../lib';
import { readTree, tempDir } from '../fixtures';

const ROOT = path.resolve(__dirname, '..', '..');

test('the main job synthesizes every workflow of the reference platform, from any working directory, time zone and locale', () => {
  // GIVEN an empty working directory, an output folder, and a time zone and locale unlike this process's
  const cwd = tempDir();
  const outdir = tempDir();

  // WHEN the main job (`npm run synth`: the tributary CLI) synthesizes bin/app.ts into it
  const child = spawnSync(process.execPath, [
    '-r', 'sucrase/register/ts', path.join(ROOT, 'bin', 'tributary.ts'), 'synth', '--app', path.join(ROOT, 'bin', 'app.ts'), '--out', outdir,
  ], { cwd, env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules'), TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' }, encoding: 'utf8', timeout: 120_000 });

  // THEN it succeeds, with no warnings, and says what it wrote
  expect({ status: child.status, stderr: child.stderr }).toEqual({ status: 0, stderr: '' });
  expect(child.stdout).toBe(`Synthesized 3 workflows to ${path.relative(cwd, outdir)}/tributary/: commerce, clickstream, customer360\n`);
  const files = readTree(path.join(outdir, 'tributary'));
  for (const id of ['commerce', 'clickstream', 'customer360']) {
    expect(files[`${id}/graph.json`]).toBeDefined();
    expect(files[`${id}/graph.mmd`]).toBeDefined();
  }
  // AND the files are byte-identical to an in-memory synth in this process
  const stack = new DataPlatformStack(new App(), 'DataPlatform');
  for (const workflow of stack.workflows) {
    for (const [file, content] of Object.entries(Testing.synth(workflow))) {
      expect({ file, same: files[`${workflow.workflowId}/${file}`] === content }).toEqual({ file, same: true });
    }
  }
  expect(readTree(cwd)).toEqual({});
});
