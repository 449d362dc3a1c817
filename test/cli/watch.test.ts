import * as fs from 'fs';
import * as path from 'path';
import { VALID_NODES, WARNING_NODES, cliSpawn, project, workflowApp } from '../support/cli';

test('watch synthesizes at once, then again on a save, printing only what changed (bounded run: --max-runs 2)', async () => {
  // GIVEN a valid app, watched
  const dir = project(workflowApp(VALID_NODES));
  const child = cliSpawn(['watch', '--max-runs', '2'], dir);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += String(chunk); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      stdout += String(chunk);
      if (stdout.includes('watching for changes')) resolve();
    });
    child.on('exit', () => reject(new Error(`watch exited early:\n${stdout}\n${stderr}`)));
  });
  const first = stdout;

  // WHEN the app is saved with a different workflow: a database source that warns instead of the logs
  stdout = '';
  fs.writeFileSync(path.join(dir, 'bin', 'app.ts'), fs.readFileSync(path.join(dir, 'bin', 'app.ts'), 'utf8').replace(VALID_NODES, WARNING_NODES));
  const status = await exited;

  // THEN the first run listed what it wrote; the second only the new warning and the changed files
  expect(first).toBe('  written cdk.out/tributary/pipeline/graph.json\n  written cdk.out/tributary/pipeline/graph.mmd\nok\nwatching for changes…\n');
  expect(stdout).toMatch(/^\+ bin\/app\.ts:6:18: warning TRB018 /);
  expect(stdout).toContain('  changed cdk.out/tributary/pipeline/graph.json\n');
  expect(stdout).not.toContain('written');
  expect(stdout.endsWith('ok\n')).toBe(true);
  expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
}, 60_000);
