import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib/core';
import { DataPlatformStack } from '../../../bin/platform';
import { EdgeKind, Engine, NodeKind, Testing, WorkflowGraph, type GraphEdge, type GraphNode } from '../../../lib';
import { stateMachineArtifacts, type StateMachineArtifact } from '../../../lib/targets/stepfunctions/placeholders';
import { loadLocalStepFunctions } from '../../../lib/testing/local-run';

// aws-local-stepfunctions, with the Promise.withResolvers polyfill it needs on Node 20, as the library loads it
const local = loadLocalStepFunctions() as unknown as { StateMachine: new (definition: unknown, options?: unknown) => LocalMachine };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const aslValidator = require('asl-validator') as (definition: unknown, options?: unknown) => { isValid: boolean; errorsText: (sep?: string) => string };

/** A state machine of aws-local-stepfunctions. */
export interface LocalMachine {
  run(input: unknown, options?: unknown): { result: Promise<any> };
}

/**
 * Checks a definition (ASL JSON text or object) with asl-validator, paths and ARNs included, on a
 * deep copy (asl-validator adds fields to what it is given). Every test that produces a definition
 * passes it through here.
 */
export function expectValidAsl(definition: string | object): void {
  const text = typeof definition === 'string' ? definition : JSON.stringify(definition);
  // asl-validator compiles its schemas on every call (about 0.4 s): a text already found valid is not checked again
  if (validTexts.has(text)) return;
  const copy = JSON.parse(text);
  const result = aslValidator(copy, { checkPaths: true, checkArn: true });
  if (!result.isValid) throw new Error(`asl-validator rejects the definition: ${result.errorsText('\n')}`);
  validTexts.add(text);
}
const validTexts = new Set<string>();

/**
 * Checks many definitions with asl-validator at once, in a child Node process (see
 * validate-asl.js): for the large sets of a split workflow.
 */
export function expectAllValidAsl(definitions: string[]): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-asl-'));
  try {
    const files = definitions.map((definition, i) => {
      const file = path.join(dir, `${i}.asl.json`);
      fs.writeFileSync(file, definition);
      return file;
    });
    const out = execFileSync(process.execPath, [path.join(__dirname, 'validate-asl.js'), ...files], { cwd: path.resolve(__dirname, '../../..'), maxBuffer: 64 * 1024 * 1024 }).toString();
    expect(JSON.parse(out)).toEqual({});
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Every artifact of a graph, each validated by asl-validator. */
export function validatedArtifacts(graph: WorkflowGraph): StateMachineArtifact[] {
  const artifacts = stateMachineArtifacts(graph);
  for (const artifact of artifacts) expectValidAsl(artifact.definition);
  return artifacts;
}

/** Values for the placeholders, as the deploy code's DefinitionSubstitutions would give them. */
export function substitute(definition: string): string {
  return definition.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_, name: string) => {
    if (name.startsWith('StateMachineArn_')) return `arn:aws:states:eu-west-1:123456789012:stateMachine:${name.slice('StateMachineArn_'.length)}`;
    if (name.endsWith('Arn') || name.startsWith('ExportSourceArn_')) return `arn:aws:iam::123456789012:role/${name}`;
    if (name === 'EmrApplicationId') return '00abcdefghijklmn';
    if (name === 'ExportBucket') return 'export-bucket';
    return `s3://bucket/${name}`;
  });
}

/** A local machine for a definition, after substitution, validated by asl-validator first. */
export function localMachine(definition: string): LocalMachine {
  const text = substitute(definition);
  expectValidAsl(text);
  // validated above with asl-validator 4; the copy of asl-validator 3 bundled in aws-local-stepfunctions is not run again
  return new local.StateMachine(JSON.parse(text), { validationOptions: { noValidate: true } });
}

/** The reference platform's workflow graphs by workflow id. */
export function platformGraphs(): Record<string, WorkflowGraph> {
  const stack = new DataPlatformStack(new App({ analyticsReporting: false }), 'DataPlatform');
  return Object.fromEntries(stack.workflows.map((w) => [w.workflowId, Testing.graph(w)]));
}

/**
 * A generated workflow of `count` nodes, seeded: Spark jobs and SQL statements, each reading one to
 * three of the 40 nodes before it (some start fresh), as plain model data.
 */
export function generatedGraph(count: number, withSql = true, seed = 7): WorkflowGraph {
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (let i = 0; i < count; i++) {
    const id = `n${String(i).padStart(5, '0')}`;
    const sql = withSql && i % 5 === 4;
    const upstream = new Set<string>();
    if (i > 0 && random() > 0.05) {
      const fanIn = 1 + Math.floor(random() * 3);
      for (let k = 0; k < fanIn; k++) upstream.add(nodes[Math.max(0, i - 1 - Math.floor(random() * 40))].id);
    }
    for (const from of upstream) edges.push({ from, to: id, kind: EdgeKind.DATA });
    nodes.push({
      id,
      path: `App/Generated/${id}`,
      kind: NodeKind.TASK,
      type: sql ? 'SqlTask' : 'SparkTask',
      engine: sql ? Engine.WAREHOUSE : Engine.SPARK,
      inputs: [...upstream].sort(),
      upstream: [...upstream].sort(),
      output: sql
        ? { id, location: `warehouse://marts.${id}`, format: 'warehouse_table' }
        : { id, location: `s3://lake/generated/${id}/ds={{ds}}/`, format: 'parquet' },
      requiredColumns: [],
      properties: sql
        ? { sql: `DELETE FROM marts.${id} WHERE ds = '{{ds}}';\nINSERT INTO marts.${id} SELECT '{{ds}}', 1;`, table: `marts.${id}` }
        : { script: `s3://jobs/generated/${id}.py`, arguments: ['--ds', '{{ds}}'], sparkConf: {} },
      retries: 2,
      retryDelaySeconds: 300,
      exponentialBackoff: true,
      timeoutSeconds: 3600,
      estimatedDurationSeconds: 60 + Math.floor(random() * 600),
      readsInputData: true,
      gatesSinks: false,
    });
  }
  return new WorkflowGraph({
    workflow: { id: 'generated', path: 'App/Generated', schedule: '0 2 * * *', startDate: '2026-01-01', owner: 'data@example.com', tags: {}, warehouse: { database: 'analytics', workgroupName: 'etl' } },
    nodes,
    edges,
  });
}

/**
 * Worst-case history events of one execution of a definition, read from the definition alone:
 * a Task attempt 6 events, times its attempts (1 + MaxAttempts); Pass, Choice, Wait, Succeed and
 * Fail 2; a Parallel 4, plus 1 per branch, plus its branches, times its attempts; the states of a
 * poll loop as many times as the loop's bound (the `$.poll.n` limit of its Choice); the failure
 * path once (at most 60 events); the execution's start and end 2.
 */
export function worstCaseEvents(definition: string): number {
  return 2 + 60 + branchEvents(JSON.parse(definition));
}

function branchEvents(branch: { StartAt: string; States: Record<string, any> }): number {
  const states = branch.States;
  // the bound of each poll loop, applied to the states of its cycle
  const repeat = new Map<string, number>();
  for (const [name, state] of Object.entries(states)) {
    const bound = state.Type === 'Choice' ? state.Choices.find((c: any) => c.Variable === '$.poll.n')?.NumericGreaterThanEquals : undefined;
    if (bound === undefined) continue;
    for (let at = state.Default as string; at !== name; at = states[at].Next) repeat.set(at, bound);
    repeat.set(name, bound);
  }
  let total = 0;
  const seen = new Set<string>();
  const stack = [branch.StartAt];
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const state = states[name];
    const attempts = 1 + (state.Retry ?? []).reduce((n: number, r: any) => Math.max(n, r.MaxAttempts ?? 3), 0);
    let events = 2;
    if (state.Type === 'Task') events = 6 * attempts;
    if (state.Type === 'Parallel') events = (4 + state.Branches.length + state.Branches.reduce((n: number, b: any) => n + branchEvents(b), 0)) * attempts;
    total += events * (repeat.get(name) ?? 1);
    for (const next of [state.Next, state.Default, ...(state.Choices ?? []).map((c: any) => c.Next)]) if (next) stack.push(next);
  }
  return total;
}

/** Every state name of a definition, at any depth. */
export function stateNames(definition: string): string[] {
  const names: string[] = [];
  const visit = (branch: { States: Record<string, any> }) => {
    for (const [name, state] of Object.entries(branch.States)) {
      names.push(name);
      for (const inner of state.Branches ?? []) visit(inner);
    }
  };
  visit(JSON.parse(definition));
  return names;
}
