#!/usr/bin/env node
/**
 * Import time of a generated 1,000-task Airflow DAG, as a ratio against the same DAG built at
 * parse time by dag-factory from YAML, both measured in this run, each import in a fresh Python
 * process of the project's venv (alternating, several repetitions, medians).
 *
 * Each process first imports what any DAG file of this kind needs (airflow.sdk and the operator
 * modules), then times loading the DAG file: Tributary's generated `.py`, or a `.py` that calls
 * dag-factory's `load_yaml_dags` on the YAML (importing dag-factory, reading the YAML, building the
 * DAG). That second part is what Airflow's DAG processor pays for the file on every parse. The
 * whole process's wall time is reported too.
 *
 * Prints one JSON object. Run with `npm run bench` (after the synth benchmark) or on its own:
 * `ts-node --transpile-only -P tsconfig.dev.json bench/airflow.bench.ts`.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { AirflowTarget, Testing } from '../lib';
import { buildAirflowDag } from '../lib/targets/airflow/dag';
import { data } from '../lib/targets/airflow/dag-json';
import type { PyValue } from '../lib/targets/airflow/python-literal';
import { PyDate, PyTimedelta } from '../lib/targets/airflow/python-literal';
import { generatedWorkflow } from './generated';
import { median } from './stats';

const ROOT = path.resolve(__dirname, '..');
const TASKS = 1000;
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);

/** A PyValue as dag-factory's YAML value: timedeltas and datetimes as `__type__` objects. */
function yamlValue(value: PyValue): unknown {
  if (value instanceof PyTimedelta) return { __type__: 'datetime.timedelta', seconds: value.seconds };
  if (value instanceof PyDate) return value.isoDate;
  if (Array.isArray(value)) return value.map(yamlValue);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, yamlValue(v)]));
  return data(value);
}

const workflow = generatedWorkflow(TASKS, [new AirflowTarget()]);
const graph = Testing.graph(workflow);
const dag = buildAirflowDag(graph);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-airflow-bench-'));
const generatedFile = path.join(dir, 'generated.py');
fs.writeFileSync(generatedFile, Testing.synth(workflow)['airflow/generated.py']);

// The same DAG for dag-factory: same DAG settings, same tasks, operators, arguments and dependencies.
// YAML is a superset of JSON, so the config is written as JSON.
const dagArgs = Object.fromEntries(dag.arguments.map(([k, v]) => [k, yamlValue(v)]));
const yamlConfig = {
  [dag.dagId]: {
    ...dagArgs,
    tasks: Object.fromEntries(dag.tasks.map((t) => [t.taskId, {
      operator: `${t.operator.module}.${t.operator.name}`,
      ...Object.fromEntries(t.arguments.map(([k, v]) => [k, yamlValue(v)])),
      ...(t.upstream.length > 0 ? { dependencies: t.upstream } : {}),
    }])),
  },
};
const yamlFile = path.join(dir, 'generated.yaml');
fs.writeFileSync(yamlFile, JSON.stringify(yamlConfig, undefined, 1));
const factoryFile = path.join(dir, 'factory.py');
fs.writeFileSync(factoryFile, [
  'from dagfactory import load_yaml_dags',
  `load_yaml_dags(globals_dict=globals(), config_filepath=${JSON.stringify(yamlFile)})`,
  '',
].join('\n'));

const PROBE = `
import json, sys, time, warnings
warnings.simplefilter("ignore")
start = time.perf_counter()
import airflow.sdk
${[...new Set(dag.tasks.map((t) => `import ${t.operator.module}`))].join('\n')}
loaded = time.perf_counter()
import runpy
module = runpy.run_path(sys.argv[1])
done = time.perf_counter()
from airflow.sdk import DAG
dags = [v for v in module.values() if isinstance(v, DAG)]
json.dump({"dagMs": (done - loaded) * 1000, "tasks": sorted(dags[0].task_ids), "upstream": sorted((t.task_id, sorted(t.upstream_task_ids)) for t in dags[0].tasks)}, sys.stdout)
`;

const python = path.join(spawnSync('bash', [path.join(ROOT, 'python', 'ensure-venv.sh')], { encoding: 'utf-8' }).stdout.trim(), 'bin', 'python');
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-airflow-home-'));

function importOnce(file: string): { dagMs: number; processMs: number; tasks: string[]; upstream: unknown } {
  const start = performance.now();
  const run = spawnSync(python, ['-c', PROBE, file], {
    encoding: 'utf-8', cwd: dir,
    env: {
      ...process.env, AIRFLOW_HOME: home, AIRFLOW__CORE__LOAD_EXAMPLES: 'False', AIRFLOW__CORE__DAGS_FOLDER: dir,
      // dag-factory sends usage metrics over HTTP when it loads a DAG; off, so it is timed without the network.
      AIRFLOW__DAG_FACTORY__ENABLE_TELEMETRY: 'False', DO_NOT_TRACK: '1', SCARF_NO_ANALYTICS: '1',
    },
  });
  const processMs = performance.now() - start;
  if (run.status !== 0) throw new Error(`importing ${file} failed:\n${run.stderr}`);
  const lastLine = run.stdout.trim().split('\n').pop()!;
  return { ...JSON.parse(lastLine), processMs };
}

// Warm-up (bytecode caches of Airflow and the providers), and a check that both build the same DAG.
const first = importOnce(generatedFile);
const second = importOnce(factoryFile);
if (first.tasks.length !== TASKS || JSON.stringify(first.upstream) !== JSON.stringify(second.upstream)) {
  throw new Error(`the two DAGs differ: ${first.tasks.length} and ${second.tasks.length} tasks`);
}

const generated: Array<{ dagMs: number; processMs: number }> = [];
const factory: Array<{ dagMs: number; processMs: number }> = [];
for (let r = 0; r < REPEATS; r++) {
  generated.push(importOnce(generatedFile));
  factory.push(importOnce(factoryFile));
}
fs.rmSync(dir, { recursive: true, force: true });
fs.rmSync(home, { recursive: true, force: true });

const g = { dag: median(generated.map((x) => x.dagMs)), process: median(generated.map((x) => x.processMs)) };
const f = { dag: median(factory.map((x) => x.dagMs)), process: median(factory.map((x) => x.processMs)) };
process.stdout.write(JSON.stringify({
  airflowImport: {
    tasks: TASKS,
    repeats: REPEATS,
    generatedDagFileMs: Math.round(g.dag),
    dagFactoryYamlMs: Math.round(f.dag),
    ratio: Number((g.dag / f.dag).toFixed(2)),
    generatedProcessMs: Math.round(g.process),
    dagFactoryProcessMs: Math.round(f.process),
    processRatio: Number((g.process / f.process).toFixed(2)),
  },
}, undefined, 2) + '\n');
