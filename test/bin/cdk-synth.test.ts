import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { readTree, tempDir } from '../fixtures';

const ROOT = path.resolve(__dirname, '..', '..');

test('`cdk synth` through cdk.json synthesizes the reference platform without opening a network connection', () => {
  // GIVEN an output folder, and every node process of the run preloaded with a guard that records and refuses network access
  const outdir = tempDir();
  const networkLog = path.join(tempDir(), 'network.log');
  const env = {
    ...process.env,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${path.join(ROOT, 'test', 'support', 'no-network.js')}`.trim(),
    TRIBUTARY_NETWORK_LOG: networkLog,
  };

  // WHEN the AWS CDK CLI runs the app that cdk.json names
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'aws-cdk', 'bin', 'cdk'), 'synth', '--quiet', '--output', outdir], {
    cwd: ROOT, env, encoding: 'utf8', timeout: 120_000,
  });

  // THEN it succeeds, writes the template and every workflow's graph, and tried no connection
  expect({ status: result.status, stderr: result.status === 0 ? '' : result.stderr }).toEqual({ status: 0, stderr: '' });
  expect(fs.existsSync(networkLog) ? fs.readFileSync(networkLog, 'utf8') : '').toBe('');
  const files = Object.keys(readTree(outdir));
  expect(files).toContain('DataPlatform.template.json');
  for (const workflow of ['commerce', 'clickstream', 'customer360']) {
    expect(files).toEqual(expect.arrayContaining([`tributary/${workflow}/graph.json`, `tributary/${workflow}/graph.mmd`]));
  }
});

test('the network guard used above does refuse a connection, so the test can fail', () => {
  // GIVEN
  const networkLog = path.join(tempDir(), 'network.log');

  // WHEN a guarded process opens a socket
  const result = spawnSync(process.execPath, [
    '--require', path.join(ROOT, 'test', 'support', 'no-network.js'),
    '-e', "require('net').connect(443, 'registry.example.com').on('error', () => {})",
  ], { env: { ...process.env, TRIBUTARY_NETWORK_LOG: networkLog }, encoding: 'utf8' });

  // THEN the attempt is refused and recorded
  expect(result.status).not.toBe(0);
  expect(fs.readFileSync(networkLog, 'utf8')).toMatch(/connect registry\.example\.com:443/);
});
