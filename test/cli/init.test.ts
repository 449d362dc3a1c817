import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib/core';
import { Testing } from '../../lib';
import { readTree, tempDir } from '../fixtures';
import { ROOT, cli } from '../support/cli';

test('init writes a new project: package.json, tsconfig.json, cdk.json, bin/app.ts, the workflow and its snapshot test', () => {
  // GIVEN
  const parent = tempDir();

  // WHEN
  const result = cli(['init', 'My Pipelines'], parent);

  // THEN
  expect(result.status).toBe(0);
  expect(result.stdout).toContain('npm test && npx tributary synth');
  const files = readTree(path.join(parent, 'My Pipelines'));
  expect(Object.keys(files)).toEqual([
    '.gitignore', 'README.md', 'bin/app.ts', 'cdk.json', 'jest.config.js', 'lib/daily-events.ts', 'package.json',
    'test/__snapshots__/daily-events.test.ts.snap', 'test/daily-events.test.ts', 'tsconfig.json',
  ]);
  const pkg = JSON.parse(files['package.json']);
  const own = require('../../package.json');
  expect(pkg.name).toBe('my-pipelines');
  expect(pkg.dependencies).toEqual({ 'aws-cdk-lib': own.devDependencies['aws-cdk-lib'], 'constructs': own.devDependencies.constructs, 'tributary': `^${own.version}` });
  expect(Object.keys(pkg.devDependencies)).toEqual(['@types/jest', '@types/node', 'jest', 'ts-jest', 'typescript']);
  expect(pkg.scripts.test).toBe('tsc --noEmit && jest');
  expect(JSON.parse(files['cdk.json']).app).toBe('npx tributary synth');
});

test('init --tributary takes a version range, or a packed tarball as an absolute file: dependency', () => {
  // GIVEN
  const parent = tempDir();
  fs.writeFileSync(path.join(parent, 'tributary-0.1.0.tgz'), '');

  // WHEN
  cli(['init', 'a', '--tributary', './tributary-0.1.0.tgz'], parent);
  cli(['init', 'b', '--tributary', '~0.1.0'], parent);

  // THEN
  expect(JSON.parse(fs.readFileSync(path.join(parent, 'a', 'package.json'), 'utf8')).dependencies.tributary).toBe(`file:${path.join(parent, 'tributary-0.1.0.tgz')}`);
  expect(JSON.parse(fs.readFileSync(path.join(parent, 'b', 'package.json'), 'utf8')).dependencies.tributary).toBe('~0.1.0');
});

test('init refuses a folder that is not empty: exit 2, nothing changed', () => {
  // GIVEN
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');

  // WHEN
  const result = cli(['init', dir], dir);

  // THEN
  expect(result.status).toBe(2);
  expect(result.stderr).toContain('is not empty');
  expect(fs.readdirSync(dir)).toEqual(['notes.txt']);
});

test('the template\'s snapshot is what this library renders for the template\'s workflow', () => {
  // GIVEN the template's workflow, built with this checkout's library (jest maps 'tributary' to lib/)
  const { dailyEvents } = require(path.join(ROOT, 'templates', 'app', 'lib', 'daily-events.ts'));
  const workflow = dailyEvents(new Stack(new App({ outdir: tempDir() }), 'Test'));

  // WHEN
  const graph = Testing.synth(workflow)['graph.json'];

  // THEN the shipped snapshot holds exactly that text, so a new project's `npm test` passes at once (also under CI, where jest writes no snapshot)
  const snap = fs.readFileSync(path.join(ROOT, 'templates', 'app', 'test', '__snapshots__', 'daily-events.test.ts.snap'), 'utf8');
  expect(snap).toContain(`exports[\`the daily events workflow 1\`] = \`\n"${graph}"\n\`;`);
  expect(Testing.diagnostics(workflow)).toEqual([]);
});
