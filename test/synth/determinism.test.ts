import { spawnSync } from 'child_process';
import * as path from 'path';
import { Testing } from '../../lib';
import { buildDeterminismWorkflow } from '../support/determinism-app';
import { tempDir } from '../fixtures';

const ROOT = path.resolve(__dirname, '..', '..');

test('another process, working directory, time zone, locale and construction order give byte-identical artifacts', () => {
  // GIVEN the workflow synthesized here, after other syntheses in this process (its history)
  for (let i = 0; i < 3; i++) Testing.synth(buildDeterminismWorkflow('shuffled'));
  const here = Testing.synth(buildDeterminismWorkflow('forward'));

  // WHEN a separate process, in an empty folder, in another time zone and locale, builds it in another order
  const child = spawnSync(process.execPath, [
    path.join(ROOT, 'node_modules', 'ts-node', 'dist', 'bin.js'),
    '--transpile-only', '--prefer-ts-exts', '-P', path.join(ROOT, 'tsconfig.dev.json'), path.join(ROOT, 'test', 'support', 'determinism-app.ts'), 'shuffled',
  ], { cwd: tempDir(), env: { ...process.env, TZ: 'Asia/Kathmandu', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' }, encoding: 'utf8', timeout: 120_000 });

  // THEN the same files, byte for byte
  expect({ status: child.status, stderr: child.stderr }).toEqual({ status: 0, stderr: '' });
  const there = JSON.parse(child.stdout) as Record<string, string>;
  expect(Object.keys(there)).toEqual(Object.keys(here));
  for (const file of Object.keys(here)) expect({ file, same: there[file] === here[file] }).toEqual({ file, same: true });
  // and the graph is not trivial: every node kind is in it
  expect(new Set(JSON.parse(here['graph.json']).nodes.map((n: { type: string }) => n.type)).size).toBe(9);
});

test('the construction order of nodes, tags, settings and dependencies does not change the artifacts in one process', () => {
  // THEN
  expect(Testing.synth(buildDeterminismWorkflow('shuffled'))).toEqual(Testing.synth(buildDeterminismWorkflow('forward')));
});
