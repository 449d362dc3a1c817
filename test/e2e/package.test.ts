/**
 * End to end, as a user would: pack the package, start a project with `tributary init` from the
 * packed CLI, install it (the tarball and the project's dependencies, from the npm cache where it
 * can), run that project's own `npm test` and `npx tributary synth`, add a node with
 * `npx tributary new task SparkTask Enrich` and run its tests again.
 *
 * About a minute and a half (most of it jsii and npm install). A developer may skip it locally with
 * TRIBUTARY_SKIP_E2E=1; .ci/run never sets it.
 */
import { SpawnSyncOptions, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tempDir } from '../fixtures';
import { stagingCopy } from '../support/staging';

const ROOT = path.resolve(__dirname, '..', '..');
const SKIP = process.env.TRIBUTARY_SKIP_E2E === '1';

if (SKIP) {
  process.stderr.write([
    '',
    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
    '!! TRIBUTARY_SKIP_E2E=1: the end-to-end test of the package was SKIPPED.     !!',
    '!! npm pack, tributary init, npm test and tributary synth were NOT checked.  !!',
    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
    '',
  ].join('\n'));
}

/** The environment of a user's shell: no npm lifecycle variables of this test run. */
const USER_ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'NODE_PATH' && k !== 'JEST_WORKER_ID'));

/** Run a command; fail with its output if it fails. */
function run(command: string, args: string[], cwd: string, options: SpawnSyncOptions = {}): string {
  const result = spawnSync(command, args, { cwd, env: USER_ENV, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024, ...options });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} in ${cwd} exited ${result.status}:\n${output.slice(-4000)}`);
  return output;
}

(SKIP ? test.skip : test)('the packed package installs into a new project made by tributary init, whose npm test and tributary synth pass, also after tributary new', () => {
  const started = Date.now();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const work = tempDir('tributary-e2e-');

  // GIVEN the package, built by jsii and packed
  const staging = stagingCopy();
  run(process.execPath, [path.join(ROOT, 'node_modules', 'jsii', 'bin', 'jsii'), '--silence-warnings=reserved-word'], staging);
  const packed = JSON.parse(run(npm, ['pack', '--json', '--pack-destination', work], staging, { stdio: ['ignore', 'pipe', 'ignore'] }))[0];
  const tarball = path.join(work, packed.filename);
  const shipped: string[] = packed.files.map((f: { path: string }) => f.path);
  // compiled JavaScript and declarations for all of lib/, the generic job scripts, the templates, docs and README; no sources, tests or tools
  const own = shipped.filter((f) => !f.startsWith('node_modules/'));
  expect(own.filter((f) => !/^(lib\/.*\.(js|d\.ts)|scripts\/[a-z_]+\.py|scripts\/README\.md|templates\/.*|docs\/.*|README\.md|package\.json|\.jsii)$/.test(f))).toEqual([]);
  for (const file of ['lib/index.js', 'lib/index.d.ts', 'lib/core/dataset.js', 'lib/cli/main.js', 'docs/errors.md', 'templates/app/bin/app.ts', 'scripts/tributary_jobs.py', 'scripts/ingest_jdbc.py']) expect(shipped).toContain(file);
  expect(shipped.filter((f) => f.startsWith('node_modules/')).map((f) => f.split('/')[1])).toEqual(expect.arrayContaining(['aws-local-stepfunctions', 'commander', 'sucrase']));

  // WHEN the packed CLI creates a project that depends on the tarball, and npm installs it
  run(process.execPath, ['-e', `require('child_process').execFileSync('tar', ['xzf', ${JSON.stringify(tarball)}], { cwd: ${JSON.stringify(work)} })`], work);
  run(process.execPath, [path.join(work, 'package', 'lib', 'cli', 'main.js'), 'init', 'my-pipelines', '--tributary', tarball], work);
  const app = path.join(work, 'my-pipelines');
  run(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund'], app);

  // THEN the project's own tests pass at once (as CI runs them: no snapshot is written), and so does synth
  const firstTest = run(npm, ['test'], app, { env: { ...USER_ENV, CI: 'true' } });
  expect(firstTest).toMatch(/Tests: +1 passed, 1 total/);
  expect(firstTest).toMatch(/Snapshots: +1 passed, 1 total/);
  const synth = run(npm, ['exec', '--', 'tributary', 'synth'], app);
  expect(synth).toContain('Synthesized 1 workflow to cdk.out/tributary/: daily_events');
  expect(fs.readdirSync(path.join(app, 'cdk.out', 'tributary', 'daily_events')).sort()).toEqual(['airflow', 'emr', 'graph.json', 'graph.mmd', 'stepfunctions']);
  expect(run(process.execPath, ['-e', "process.stdout.write(Object.keys(require('tributary')).includes('Workflow') ? 'ok' : 'missing')"], app)).toBe('ok');
  // the local run works from the installed package (aws-local-stepfunctions is bundled)
  expect(run(npm, ['exec', '--', 'tributary', 'run', '--local', '--date', '2026-03-01'], app)).toMatch(/^daily_events 2026-03-01: succeeded/m);

  // WHEN a node is added, THEN its test passes with the others
  expect(run(npm, ['exec', '--', 'tributary', 'new', 'task', 'SparkTask', 'Enrich'], app)).toContain('Created lib/enrich.ts and test/enrich.test.ts.');
  const secondTest = run(npm, ['test'], app, { env: { ...USER_ENV, CI: 'true' } });
  expect(secondTest).toMatch(/Tests: +2 passed, 2 total/);

  process.stderr.write(`end-to-end test of the package: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}, 600_000);
