#!/usr/bin/env node
/**
 * Step Functions synth: wall time and peak memory of Tributary's whole synth of a workflow that
 * chooses Step Functions (constructs, model, validation, every artifact, and the stack with
 * StepFunctionsOrchestration), against aws-cdk-lib's own `aws-stepfunctions` building a state
 * machine of the same shape (CustomState tasks in a chain, or Parallel states of 10 branches in
 * sequence) with its template checker off — both measured in the same run, each synth in a child
 * process of its own so that its peak memory (max RSS) is its own. Each child loads its modules and
 * synthesizes a 10-task warm-up before the measured synth, so that the figures are the synth's own.
 *
 * Beside them, in the same run, the floor that the artifact layout sets: the time to write the same
 * files from ready data (`floorChild`); its ratio to aws-cdk-lib's time says how close to the goal any
 * synth of this layout can come.
 *
 * Prints one JSON object. Run with `npm run bench`; BENCH_SIZES=100,1000 to choose sizes.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { median } from './stats';

const ROOT = path.resolve(__dirname, '..');
const SHAPES = ['chain', 'parallel'] as const;
type Shape = typeof SHAPES[number];
const WIDTH = 10;

interface Measure { readonly ms?: number; readonly maxRssMb?: number; readonly stateMachines?: number; readonly files?: number; readonly error?: string }

/**
 * In a child: the floor that the artifact layout sets. Synthesize the workflow once (not timed), read
 * back the files it wrote under tributary/ (parsing the JSON ones), then time only producing the same
 * files again from that data with Node's own primitives: JSON.stringify and one writeFileSync per file
 * (each folder made once) into a new folder. No synth of any layout can take less than this.
 */
function floorChild(shape: Shape, n: number): void {
  const core = require('aws-cdk-lib/core');
  const lib = require('../lib');
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-bench-sfn-'));
  const rewritten = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-bench-sfn-floor-'));
  let result: Measure;
  try {
    const app = new core.App({ outdir, analyticsReporting: false, builtinCloudFormationValidation: false });
    tributaryWorkflow(lib, core, new core.Stack(app, 'Bench'), shape, n);
    app.synth();
    // Each JSON file is written back as it was: indented or compact, with its final newline or not.
    const files: Array<{ file: string; data?: unknown; indent?: number; end?: string; text?: string }> = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else {
          const text = fs.readFileSync(full, 'utf8');
          const file = path.relative(outdir, full);
          files.push(full.endsWith('.json')
            ? { file, data: JSON.parse(text), indent: /^[[{]\n/.test(text) ? 2 : undefined, end: text.endsWith('\n') ? '\n' : '' }
            : { file, text });
        }
      }
    };
    walk(path.join(outdir, 'tributary'));
    const write = (into: string) => {
      const made = new Set<string>();
      for (const f of files) {
        const target = path.join(into, f.file);
        const dir = path.dirname(target);
        if (!made.has(dir)) {
          fs.mkdirSync(dir, { recursive: true });
          made.add(dir);
        }
        fs.writeFileSync(target, f.text ?? `${JSON.stringify(f.data, undefined, f.indent)}${f.end}`);
      }
    };
    // Once into a folder of its own first, as the synths are measured after a warm-up.
    const warm = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-bench-sfn-warm-'));
    write(warm);
    fs.rmSync(warm, { recursive: true, force: true });
    const start = performance.now();
    write(rewritten);
    result = { ms: performance.now() - start, files: files.length };
  } catch (e) {
    result = { error: String((e as Error).message ?? e).split('\n')[0].slice(0, 160) };
  }
  fs.rmSync(outdir, { recursive: true, force: true });
  fs.rmSync(rewritten, { recursive: true, force: true });
  process.stdout.write(JSON.stringify(result));
}

/** In a child: build and synthesize one app, print what it took. */
function child(kind: 'tributary' | 'aws-cdk-lib', shape: Shape, n: number): void {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-bench-sfn-'));
  // Modules are loaded before the clock starts: both sides pay the same aws-cdk-lib imports.
  const core = require('aws-cdk-lib/core');
  const sfn = require('aws-cdk-lib/aws-stepfunctions');
  const lib = kind === 'tributary' ? require('../lib') : undefined;
  const run = (size: number, dir: string) => {
    const app = new core.App({ outdir: dir, analyticsReporting: false, builtinCloudFormationValidation: false });
    const stack = new core.Stack(app, 'Bench');
    if (kind === 'tributary') tributaryWorkflow(lib, core, stack, shape, size);
    else cdkStateMachine(sfn, stack, shape, size);
    return app.synth();
  };
  let result: Measure;
  try {
    // A 10-task warm-up first: aws-cdk-lib loads many of its modules and region facts on first use,
    // a one-off cost of the process that both sides would otherwise pay inside the measured synth.
    const warm = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-bench-sfn-warm-'));
    run(10, warm);
    fs.rmSync(warm, { recursive: true, force: true });
    const start = performance.now();
    const assembly = run(n, outdir);
    const ms = performance.now() - start;
    const template = JSON.parse(fs.readFileSync(path.join(assembly.directory, 'Bench.template.json'), 'utf8'));
    const stateMachines = Object.values(template.Resources).filter((r: any) => r.Type === 'AWS::StepFunctions::StateMachine').length;
    result = { ms, stateMachines };
  } catch (e) {
    result = { error: String((e as Error).message ?? e).split('\n')[0].slice(0, 160) };
  }
  fs.rmSync(outdir, { recursive: true, force: true });
  process.stdout.write(JSON.stringify({ ...result, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
}

/** n Spark tasks after one log source: a chain, or levels of WIDTH tasks where each task waits for the whole previous level. */
function tributaryWorkflow(lib: any, core: any, stack: any, shape: Shape, n: number): void {
  const workflow = new lib.Workflow(stack, 'Generated', {
    schedule: lib.Schedule.daily({ hour: 1 }), startDate: '2026-01-01', owner: 'bench', lakeLocation: 's3://bench-lake/generated',
  });
  new lib.StepFunctionsOrchestration(stack, 'Orchestration', { workflow });
  const logs = new lib.LogSource(workflow, 'Logs', {
    location: 's3://bench-logs/events/dt={{ds}}/', format: lib.DataFormat.JSON_LINES, estimatedSize: core.Size.gibibytes(10),
  });
  let previous: any[] = [logs];
  for (let i = 0; i < n; i += shape === 'chain' ? 1 : WIDTH) {
    const level = [];
    for (let j = 0; j < (shape === 'chain' ? 1 : Math.min(WIDTH, n - i)); j++) {
      level.push(new lib.SparkTask(workflow, `Task${i + j}`, {
        script: 's3://bench-jobs/task.py', inputs: previous.map((t) => t.output), expectedDuration: core.Duration.minutes(10),
      }));
    }
    previous = level;
  }
}

/** The same shape with aws-cdk-lib: CustomState tasks shaped like an EMR Serverless job state, chained or in Parallel states. */
function cdkStateMachine(sfn: any, stack: any, shape: Shape, n: number): void {
  const task = (i: number) => new sfn.CustomState(stack, `Task${i}`, {
    stateJson: {
      Type: 'Task', Resource: 'arn:aws:states:::emr-serverless:startJobRun.sync', TimeoutSeconds: 21600,
      Parameters: {
        ApplicationId: '${EmrApplicationId}', ExecutionRoleArn: '${EmrJobRoleArn}', Name: `generated.task${i}`, ExecutionTimeoutMinutes: 360,
        JobDriver: { SparkSubmit: { EntryPoint: 's3://bench-jobs/task.py', 'EntryPointArguments.$': "States.Array('--ds', $.ds)" } },
        ConfigurationOverrides: { MonitoringConfiguration: { S3MonitoringConfiguration: { LogUri: `\${EmrLogUri}/generated/task${i}/` } } },
      },
      ResultPath: null,
      Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 300, MaxAttempts: 2, BackoffRate: 2 }],
    },
  });
  let chain: any;
  for (let i = 0; i < n; i += shape === 'chain' ? 1 : WIDTH) {
    let step: any;
    if (shape === 'chain') {
      step = task(i);
    } else {
      step = new sfn.Parallel(stack, `Level${i / WIDTH}`, { resultPath: sfn.JsonPath.DISCARD });
      for (let j = 0; j < Math.min(WIDTH, n - i); j++) step.branch(task(i + j));
    }
    chain = chain ? chain.next(step) : sfn.Chain.start(step);
  }
  new sfn.StateMachine(stack, 'StateMachine', { definitionBody: sfn.DefinitionBody.fromChainable(chain) });
}

/** In the parent: run one child, return its measure (or its failure). */
function measure(kind: string, shape: Shape, n: number): Measure {
  const result = spawnSync(process.execPath, [
    '--stack-size=984', '-r', 'ts-node/register/transpile-only', __filename, '--child', kind, shape, String(n),
  ], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.dev.json'), TS_NODE_PREFER_TS_EXTS: 'true' }, maxBuffer: 1 << 24 });
  try {
    return JSON.parse(result.stdout);
  } catch {
    const lines = `${result.stderr}`.split('\n').filter((l) => /Error|overflow/i.test(l));
    return { error: (lines[0] ?? `exit ${result.status} ${result.signal ?? ''}`).trim().slice(0, 160) };
  }
}

function best(kind: string, shape: Shape, n: number, repeats: number): Measure {
  const runs = Array.from({ length: repeats }, () => measure(kind, shape, n));
  const ok = runs.filter((r) => r.ms !== undefined);
  if (ok.length === 0) return runs[0];
  return { ...ok[0], ms: Math.round(median(ok.map((r) => r.ms!))), maxRssMb: ok[0].maxRssMb === undefined ? undefined : median(ok.map((r) => r.maxRssMb!)) };
}

if (process.argv[2] === '--child' && process.argv[3] === 'floor') {
  floorChild(process.argv[4] as Shape, Number(process.argv[5]));
} else if (process.argv[2] === '--child') {
  child(process.argv[3] as any, process.argv[4] as Shape, Number(process.argv[5]));
} else {
  const sizes = (process.env.BENCH_SIZES ?? '100,1000,10000').split(',').map(Number);
  const report: Record<string, Record<string, unknown>> = {};
  for (const shape of SHAPES) {
    report[shape] = {};
    for (const n of sizes) {
      const repeats = n >= 10000 ? 1 : 3;
      const ours = best('tributary', shape, n, repeats);
      const cdk = best('aws-cdk-lib', shape, n, repeats);
      const floor = best('floor', shape, n, repeats);
      report[shape][n] = {
        tributaryWholeSynth: ours,
        awsCdkLibStateMachineCheckerOff: cdk,
        // Writing the layout's files from ready data: the least any synth of them can take.
        layoutFloorWriteOnly: floor,
        timeRatio: ours.ms !== undefined && cdk.ms !== undefined ? Number((ours.ms / cdk.ms).toFixed(2)) : null,
        floorRatio: floor.ms !== undefined && cdk.ms !== undefined ? Number((floor.ms / cdk.ms).toFixed(2)) : null,
        memoryRatio: ours.maxRssMb !== undefined && cdk.maxRssMb !== undefined ? Number((ours.maxRssMb / cdk.maxRssMb).toFixed(2)) : null,
      };
    }
  }
  process.stdout.write(JSON.stringify({ goal: 'timeRatio <= 0.5', ...report }, undefined, 2) + '\n');
}
