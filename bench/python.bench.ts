#!/usr/bin/env node
/**
 * Import time of the Python package, `python -c "import tributary"` in a fresh process of the
 * project's venv, as a ratio against `python -c "import aws_cdk"` measured in the same run
 * (alternating, several repetitions, medians of the whole process's wall time). Also
 * `import aws_cdk, tributary`, what an app that uses both pays.
 *
 * The package is built first by python/build-package.sh into a temporary folder (about 30 s) and
 * installed into another, on PYTHONPATH; both are removed at the end. jsii keeps the unpacked
 * JavaScript of each assembly in its package cache, so a first warm-up import of each kind is not
 * counted. Then the reference platform is synthesized three times by examples/python/app.py and
 * by bin/app.ts, for the whole cost of an app. Prints one JSON object. Run with `npm run bench` or on its own:
 * `node -r sucrase/register/ts bench/python.bench.ts`.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { median } from './stats';

const ROOT = path.resolve(__dirname, '..');
const REPEATS = Number(process.env.BENCH_REPEATS ?? 7);
const NODE_MAJOR = process.versions.node.split('.')[0];

function check(result: ReturnType<typeof spawnSync>, what: string): void {
  if (result.status !== 0) throw new Error(`${what} exited ${result.status}:\n${result.stdout}${result.stderr}`);
}

const python = path.join(spawnSync('bash', [path.join(ROOT, 'python', 'ensure-venv.sh')], { encoding: 'utf-8' }).stdout.trim(), 'bin', 'python');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-python-bench-'));
try {
  const dist = path.join(work, 'dist');
  const site = path.join(work, 'site');
  check(spawnSync('bash', [path.join(ROOT, 'python', 'build-package.sh'), dist], { cwd: ROOT, encoding: 'utf-8', env: { ...process.env, TRIBUTARY_PYTHON: python } }), 'build-package.sh');
  const wheel = fs.readdirSync(dist).filter((f) => f.endsWith('.whl')).map((f) => path.join(dist, f))[0];
  check(spawnSync(python, ['-m', 'pip', 'install', '--quiet', '--no-deps', '--no-index', '--target', site, wheel], { encoding: 'utf-8' }), 'pip install');

  const env = {
    ...process.env, PYTHONPATH: site, PYTHONDONTWRITEBYTECODE: '1',
    JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: NODE_MAJOR, JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: NODE_MAJOR,
  };
  const statements: Record<string, string> = { tributary: 'import tributary', aws_cdk: 'import aws_cdk', both: 'import aws_cdk, tributary' };
  const importOnce = (statement: string): number => {
    const start = performance.now();
    const result = spawnSync(python, ['-c', statement], { encoding: 'utf-8', cwd: work, env });
    check(result, statement);
    return performance.now() - start;
  };

  for (const statement of Object.values(statements)) importOnce(statement); // warm-up: jsii's package cache, the OS file cache
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(statements).map((k) => [k, []]));
  for (let i = 0; i < REPEATS; i++) {
    for (const [name, statement] of Object.entries(statements)) times[name].push(importOnce(statement));
  }
  // The whole reference platform, synthesized by examples/python/app.py and by bin/app.ts (3 runs each)
  const synthOnce = (command: string, args: string[], cwd: string, extra: Record<string, string>): number => {
    const start = performance.now();
    check(spawnSync(command, args, { encoding: 'utf-8', cwd, env: { ...env, ...extra } }), `${command} ${args.join(' ')}`);
    return performance.now() - start;
  };
  const synth: Record<string, number[]> = { python: [], typescript: [] };
  for (let i = 0; i < 3; i++) {
    synth.python.push(synthOnce(python, ['app.py', path.join(work, `py${i}`)], path.join(ROOT, 'examples', 'python'), {}));
    synth.typescript.push(synthOnce(process.execPath, ['-r', 'sucrase/register/ts', 'bin/app.ts'], ROOT, { CDK_OUTDIR: path.join(work, `ts${i}`) }));
  }
  const ms = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, Math.round(median(v))]));
  process.stdout.write(`${JSON.stringify({
    benchmark: 'python-import',
    repeats: REPEATS,
    python: spawnSync(python, ['--version'], { encoding: 'utf-8' }).stdout.trim(),
    wheelBytes: fs.statSync(wheel).size,
    medianMs: ms,
    ratioTributaryToAwsCdk: Number((ms.tributary / ms.aws_cdk).toFixed(2)),
    goalMs: 3000,
    platformSynthMedianMs: { python: Math.round(median(synth.python)), typescript: Math.round(median(synth.typescript)) },
    underGoal: ms.tributary < 3000 && ms.both < 3000,
  })}\n`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
