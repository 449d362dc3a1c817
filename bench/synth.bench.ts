#!/usr/bin/env node
/**
 * Synth speed of the main job, as ratios against baselines measured in the same invocation:
 *
 * 1. end to end: `npm run synth` (the reference platform, through the tributary CLI and its
 *    sucrase transpiler) against the same app run the way `npm run synth` ran it before the CLI
 *    (ts-node --transpile-only), against a one-construct CDK app run both ways — what Tributary
 *    adds to the fixed cost of a CDK synth — and against `cdk synth` of the same platform through
 *    the AWS CDK CLI and cdk.json;
 * 2. in process: building the constructs, then model + validate + render, of generated workflows of
 *    100, 1,000 and 5,000 nodes — the per-node cost should stay flat (ratio to the 100-node run close to 1).
 *
 * Prints one JSON object. Run with `npm run bench`.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { Testing } from '../lib';
import { generatedWorkflow } from './generated';
import { median } from './stats';

const ROOT = path.resolve(__dirname, '..');
const TS_NODE = path.join(ROOT, 'node_modules', '.bin', 'ts-node');

/**
 * CPU milliseconds used so far by this process's finished children (Linux: /proc/self/stat cutime +
 * cstime, in clock ticks of 10 ms); undefined elsewhere. Unlike wall time, it barely moves when other
 * processes share the machine.
 */
function childCpuMs(): number | undefined {
  try {
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

/** CPU milliseconds of every command timed, by label (the command's script). */
const cpu: Record<string, number[]> = {};

function timeCommand(command: string, args: string[], label = args.find((a) => /\.(ts|js)$/.test(a)) ?? command): number {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-bench-'));
  const cpuBefore = childCpuMs();
  const start = performance.now();
  const result = spawnSync(command, args.map((a) => a.replace('$OUT', outdir)), {
    cwd: ROOT, env: { ...process.env, CDK_OUTDIR: outdir }, encoding: 'utf-8',
  });
  const elapsed = performance.now() - start;
  const cpuAfter = childCpuMs();
  if (cpuBefore !== undefined && cpuAfter !== undefined) (cpu[label] ??= []).push(cpuAfter - cpuBefore);
  fs.rmSync(outdir, { recursive: true, force: true });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
  return elapsed;
}

/** A TypeScript file run as `npm run synth` ran it before the CLI: ts-node, transpile only. */
function timeTsNode(script: string): number {
  return timeCommand(TS_NODE, ['--transpile-only', '--prefer-ts-exts', '-P', 'tsconfig.dev.json', script], `ts-node ${script}`);
}

/** A TypeScript file run through sucrase, the CLI's transpiler. */
function timeSucrase(script: string): number {
  return timeCommand(process.execPath, ['-r', 'sucrase/register/ts', script], `sucrase ${script}`);
}

/** The main job exactly as `npm run synth` runs it (package.json), into a temporary folder. */
function timeMainJob(): number {
  const [command, ...args] = String(require('../package.json').scripts.synth).split(/\s+/);
  if (command !== 'node') throw new Error(`npm run synth is no longer 'node …': update the benchmark`);
  return timeCommand(process.execPath, [...args, '--out', '$OUT'], 'npm run synth');
}

/** Median milliseconds to build the workflow's constructs, and to model, validate and render it. */
function timeInProcess(n: number, repeats: number): { build: number; synth: number } {
  const builds: number[] = [];
  const synths: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    const workflow = generatedWorkflow(n);
    const built = performance.now();
    Testing.synth(workflow);
    builds.push(built - start);
    synths.push(performance.now() - built);
  }
  return { build: median(builds), synth: median(synths) };
}

const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const baselineTsNode = median(Array.from({ length: REPEATS }, () => timeTsNode('bench/baseline-app.ts')));
const platformTsNode = median(Array.from({ length: REPEATS }, () => timeTsNode('bin/app.ts')));
const baseline = median(Array.from({ length: REPEATS }, () => timeSucrase('bench/baseline-app.ts')));
const mainJob = median(Array.from({ length: REPEATS }, () => timeMainJob()));
const cdkCli = median(Array.from({ length: Math.min(REPEATS, 3) }, () =>
  timeCommand(process.execPath, [path.join(ROOT, 'node_modules', 'aws-cdk', 'bin', 'cdk'), 'synth', '--quiet', '--output', '$OUT'], 'cdk synth')));

timeInProcess(100, 2); // warm-up
const perNode: Record<string, number> = {};
const buildPerNode: Record<string, number> = {};
const sizes = [100, 1000, 5000];
const times = sizes.map((n) => timeInProcess(n, n >= 5000 ? 1 : 3));
sizes.forEach((n, i) => {
  perNode[n] = times[i].synth / n;
  buildPerNode[n] = times[i].build / n;
});

const report = {
  endToEnd: {
    mainJobMs: Math.round(mainJob),
    mainJobBeforeCliMs: Math.round(platformTsNode),
    mainJobToBeforeRatio: Number((mainJob / platformTsNode).toFixed(2)),
    baselineOneConstructMs: Math.round(baseline),
    baselineOneConstructTsNodeMs: Math.round(baselineTsNode),
    mainJobToBaselineRatio: Number((mainJob / baseline).toFixed(2)),
    mainJobBeforeToBaselineTsNodeRatio: Number((platformTsNode / baselineTsNode).toFixed(2)),
    cdkCliSynthMs: Math.round(cdkCli),
    cdkCliToMainJobRatio: Number((cdkCli / mainJob).toFixed(2)),
    // The same runs in CPU milliseconds (median), which other load on the machine barely changes.
    cpuMs: Object.fromEntries(Object.entries(cpu).map(([label, values]) => [label, Math.round(median(values))])),
    mainJobToBeforeCpuRatio: cpu['npm run synth'] && cpu['ts-node bin/app.ts']
      ? Number((median(cpu['npm run synth']) / median(cpu['ts-node bin/app.ts'])).toFixed(2)) : null,
  },
  inProcess: {
    buildMsPerNode: Object.fromEntries(Object.entries(buildPerNode).map(([n, ms]) => [n, Number(ms.toFixed(3))])),
    msPerNode: Object.fromEntries(Object.entries(perNode).map(([n, ms]) => [n, Number(ms.toFixed(3))])),
    perNodeRatio1000to100: Number((perNode[1000] / perNode[100]).toFixed(2)),
    perNodeRatio5000to100: Number((perNode[5000] / perNode[100]).toFixed(2)),
  },
};
process.stdout.write(JSON.stringify(report, undefined, 2) + '\n');
