import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib/core';
import { ArtifactFile, Errors, ITarget, WorkflowGraph } from '../../lib';
import { synthesizeWorkflow } from '../../lib/synth/synthesize';
import { artifactPathProblem, writeWorkflowArtifacts } from '../../lib/synth/write';
import { readTree, tempDir } from '../fixtures';
import { newWorkflow, ordersSource, validWorkflow, workflowProps } from '../util';

/** A target that renders nested files, or throws when told to. */
class NestedTarget implements ITarget {
  public readonly name = 'nested';
  constructor(private readonly fail = false) {}
  public render(graph: WorkflowGraph): ArtifactFile[] {
    if (this.fail) throw new Error('renderer bug');
    return [
      { path: 'airflow/dag.py', content: `# ${graph.workflow.id}\n` },
      { path: 'emr/deep/spec.json', content: '{}\n' },
      { path: 'top.txt', content: 'top\n' },
    ];
  }
}

test("files are written under <outdir>/tributary/<workflow_id>/, with their folders", () => {
  // GIVEN
  const outdir = tempDir();
  const workflow = newWorkflow({ targets: [new NestedTarget()] });
  ordersSource(workflow);

  // WHEN
  writeWorkflowArtifacts(workflow, outdir);

  // THEN
  expect(readTree(outdir)).toEqual({
    'tributary/pipeline/airflow/dag.py': '# pipeline\n',
    'tributary/pipeline/emr/deep/spec.json': '{}\n',
    'tributary/pipeline/top.txt': 'top\n',
  });
});

test('the written files are exactly the synthesized files', () => {
  // GIVEN
  const outdir = tempDir();
  const { workflow } = validWorkflow();

  // WHEN
  writeWorkflowArtifacts(workflow, outdir);

  // THEN
  expect(readTree(path.join(outdir, 'tributary', 'pipeline'))).toEqual(synthesizeWorkflow(workflow));
});

test('writing replaces the previous folder: files that are no longer rendered are removed', () => {
  // GIVEN artifacts of an earlier synth, with a file the current targets no longer render
  const outdir = tempDir();
  const folder = path.join(outdir, 'tributary', 'pipeline');
  fs.mkdirSync(path.join(folder, 'old'), { recursive: true });
  fs.writeFileSync(path.join(folder, 'old', 'stale.json'), '{}\n');
  fs.writeFileSync(path.join(folder, 'graph.json'), 'old\n');
  const { workflow } = validWorkflow();

  // WHEN
  writeWorkflowArtifacts(workflow, outdir);

  // THEN
  expect(Object.keys(readTree(folder))).toEqual(['airflow/pipeline.json', 'airflow/pipeline.py', 'emr/enrich.json', 'emr/orders.json', 'graph.json', 'graph.mmd', 'stepfunctions/state-machine.asl.json']);
  expect(fs.readFileSync(path.join(folder, 'graph.json'), 'utf8')).not.toBe('old\n');
});

test('writing leaves no staging folder behind', () => {
  // GIVEN
  const outdir = tempDir();
  const { workflow } = validWorkflow();

  // WHEN
  writeWorkflowArtifacts(workflow, outdir);
  writeWorkflowArtifacts(workflow, outdir);

  // THEN
  expect(fs.readdirSync(path.join(outdir, 'tributary'))).toEqual(['pipeline']);
});

test("a staging folder left by an interrupted run of the same process is not carried into the artifacts", () => {
  // GIVEN
  const outdir = tempDir();
  const staging = path.join(outdir, 'tributary', `.pipeline.staging-${process.pid}`);
  fs.mkdirSync(staging, { recursive: true });
  fs.writeFileSync(path.join(staging, 'junk.txt'), 'junk\n');
  const { workflow } = validWorkflow();

  // WHEN
  writeWorkflowArtifacts(workflow, outdir);

  // THEN
  expect(Object.keys(readTree(path.join(outdir, 'tributary')))).toEqual(['pipeline/airflow/pipeline.json', 'pipeline/airflow/pipeline.py', 'pipeline/emr/enrich.json', 'pipeline/emr/orders.json', 'pipeline/graph.json', 'pipeline/graph.mmd', 'pipeline/stepfunctions/state-machine.asl.json']);
});

test('a workflow that fails validation writes nothing', () => {
  // GIVEN
  const outdir = tempDir();
  const workflow = newWorkflow({ startDate: 'someday' });
  ordersSource(workflow);

  // WHEN
  let error: unknown;
  try {
    writeWorkflowArtifacts(workflow, outdir);
  } catch (e) {
    error = e;
  }

  // THEN
  expect(Errors.isValidationError(error)).toBe(true);
  expect(fs.readdirSync(outdir)).toEqual([]);
});

test('a workflow that fails validation leaves the previous artifacts as they were', () => {
  // GIVEN artifacts of an earlier, valid synth
  const outdir = tempDir();
  const stack = new Stack(new App(), 'Test');
  const valid = newWorkflow({}, 'Pipeline', stack);
  ordersSource(valid);
  writeWorkflowArtifacts(valid, outdir);
  const before = readTree(outdir);

  // WHEN the same workflow id now fails validation
  const broken = newWorkflow({ startDate: 'someday' }, 'Pipeline', new Stack(new App(), 'Test'));
  ordersSource(broken);
  expect(() => writeWorkflowArtifacts(broken, outdir)).toThrow(/TRB012/);

  // THEN
  expect(readTree(outdir)).toEqual(before);
  expect(Object.keys(before)).toEqual(['tributary/pipeline/airflow/pipeline.json', 'tributary/pipeline/airflow/pipeline.py', 'tributary/pipeline/emr/orders.json', 'tributary/pipeline/graph.json', 'tributary/pipeline/graph.mmd', 'tributary/pipeline/stepfunctions/state-machine.asl.json']);
});

test('a target that throws leaves the previous artifacts as they were and no staging folder', () => {
  // GIVEN
  const outdir = tempDir();
  const { workflow } = validWorkflow();
  writeWorkflowArtifacts(workflow, outdir);
  const before = readTree(outdir);
  const failing = newWorkflow({ targets: [new NestedTarget(true)] });
  ordersSource(failing);

  // WHEN
  expect(() => writeWorkflowArtifacts(failing, outdir)).toThrow('renderer bug');

  // THEN
  expect(readTree(outdir)).toEqual(before);
  expect(fs.readdirSync(path.join(outdir, 'tributary'))).toEqual(['pipeline']);
});

test("synthesizing the app writes every workflow's artifacts to the app's outdir", () => {
  // GIVEN two workflows in one app
  const outdir = tempDir();
  const app = new App({ outdir, analyticsReporting: false, builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'Data');
  for (const id of ['Orders Daily', 'Second']) {
    const workflow = newWorkflow(workflowProps({ lakeLocation: `s3://test-lake/${id.length}` }), id, stack);
    ordersSource(workflow);
  }

  // WHEN
  app.synth();

  // THEN
  expect(Object.keys(readTree(path.join(outdir, 'tributary')))).toEqual([
    'orders_daily/airflow/orders_daily.json', 'orders_daily/airflow/orders_daily.py', 'orders_daily/emr/orders.json', 'orders_daily/graph.json', 'orders_daily/graph.mmd',
    'orders_daily/stepfunctions/state-machine.asl.json',
    'second/airflow/second.json', 'second/airflow/second.py', 'second/emr/orders.json', 'second/graph.json', 'second/graph.mmd',
    'second/stepfunctions/state-machine.asl.json',
  ]);
});

test('staging folders left by crashed runs of other processes are removed', () => {
  // GIVEN leftovers of two other processes, and another workflow's staging folder
  const outdir = tempDir();
  for (const name of ['.pipeline.staging-1', '.pipeline.staging-99999', '.other.staging-1']) {
    fs.mkdirSync(path.join(outdir, 'tributary', name), { recursive: true });
  }
  const { workflow } = validWorkflow();

  // WHEN
  writeWorkflowArtifacts(workflow, outdir);

  // THEN only this workflow's leftovers are gone
  expect(fs.readdirSync(path.join(outdir, 'tributary')).sort()).toEqual(['.other.staging-1', 'pipeline']);
});

test('TRB019: artifact paths that would leave the workflow folder are refused, plain relative paths accepted', () => {
  // THEN
  for (const ok of ['graph.json', 'airflow/dag.py', 'emr/deep/spec.json', '.hidden', 'a..b/c']) expect([ok, artifactPathProblem(ok)]).toEqual([ok, undefined]);
  for (const bad of ['', '../x', '../../x', 'a/../../x', '/etc/passwd', 'C:x', 'a\\b', 'a//b', 'a/', './a', 'a\u0000b', 'a\nb', 'x'.repeat(256), 7]) {
    expect([bad, artifactPathProblem(bad)]).toEqual([bad, expect.any(String)]);
  }
});

test('TRB019: a custom target rendering ../../x is refused at validation, nothing is written, and the outdir is untouched', () => {
  // GIVEN a target that tries to write outside its folder
  const outdir = tempDir();
  const evil: ITarget = { name: 'evil', render: () => [{ path: '../../escaped.txt', content: 'x\n' }] };
  const app = new App({ outdir, analyticsReporting: false });
  const workflow = newWorkflow({ targets: [evil] }, 'Pipeline', new Stack(app, 'Test'));
  ordersSource(workflow);

  // WHEN
  const diagnostics = workflow.validate().filter((d) => d.code === 'TRB019');
  let thrown: unknown;
  try {
    app.synth();
  } catch (e) {
    thrown = e;
  }

  // THEN
  expect(diagnostics.map((d) => d.message)).toEqual(["artifact path '../../escaped.txt' (from target 'evil') has a '.' or '..' segment, which would leave the workflow's folder"]);
  expect(Errors.diagnosticsOf(thrown).map((d) => d.code)).toEqual(['TRB019']);
  expect(fs.existsSync(path.join(outdir, 'escaped.txt'))).toBe(false);
  expect(readTree(path.join(outdir, 'tributary'))).toEqual({});
});
