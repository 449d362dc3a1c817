import { Size } from 'aws-cdk-lib/core';
import { AirflowTarget, ArtifactFile, ColumnType, Errors, GraphTarget, ITarget, SparkTask, StepFunctionsTarget, Testing, WorkflowGraph } from '../../lib';
import { synthesizeWorkflow } from '../../lib/synth/synthesize';
import { newWorkflow, ordersSource, validWorkflow } from '../util';

/** A target that renders fixed files and records the graphs it was given. */
class FixedTarget implements ITarget {
  public readonly graphs: WorkflowGraph[] = [];
  constructor(public readonly name: string, private readonly paths: string[]) {}
  public render(graph: WorkflowGraph): ArtifactFile[] {
    this.graphs.push(graph);
    return this.paths.map((path) => ({ path, content: `${this.name} ${path} ${graph.workflow.id}\n` }));
  }
}

test('a workflow with no targets given renders every built-in target', () => {
  // GIVEN
  const { workflow } = validWorkflow();

  // WHEN
  const files = synthesizeWorkflow(workflow);

  // THEN
  const graphFiles = new GraphTarget().render(workflow.toGraph());
  expect(Object.keys(files)).toEqual(['airflow/pipeline.json', 'airflow/pipeline.py', 'emr/enrich.json', 'emr/orders.json', 'graph.json', 'graph.mmd', 'stepfunctions/state-machine.asl.json']);
  expect(files['graph.json']).toBe(graphFiles[0].content);
  expect(files['graph.mmd']).toBe(graphFiles[1].content);
});

test('files come out in byte-wise sorted path order, whatever order the targets render them in', () => {
  // GIVEN
  const workflow = newWorkflow({ targets: [new FixedTarget('first', ['z.txt', 'a/b.txt']), new FixedTarget('second', ['B.txt', 'a.txt', 'a/a/c.txt'])] });
  ordersSource(workflow);

  // WHEN
  const files = synthesizeWorkflow(workflow);

  // THEN uppercase before lowercase, '.' before '/', as on every machine and locale
  expect(Object.keys(files)).toEqual(['B.txt', 'a.txt', 'a/a/c.txt', 'a/b.txt', 'z.txt']);
  expect(files['a.txt']).toBe('second a.txt pipeline\n');
});

test('the targets prop replaces the built-in targets', () => {
  // GIVEN
  const only = new FixedTarget('only', ['only.txt']);
  const workflow = newWorkflow({ targets: [only] });
  ordersSource(workflow);

  // WHEN
  const files = synthesizeWorkflow(workflow);

  // THEN
  expect(files).toEqual({ 'only.txt': 'only only.txt pipeline\n' });
});

test('every target renders from the same validated model, once', () => {
  // GIVEN
  const first = new FixedTarget('first', ['one.txt']);
  const second = new FixedTarget('second', ['two.txt']);
  const workflow = newWorkflow({ targets: [first, second, new GraphTarget()] });
  ordersSource(workflow);

  // WHEN
  const files = synthesizeWorkflow(workflow);

  // THEN
  expect(Object.keys(files)).toEqual(['graph.json', 'graph.mmd', 'one.txt', 'two.txt']);
  expect(first.graphs).toHaveLength(1);
  expect(second.graphs).toHaveLength(1);
  expect(second.graphs[0]).toBe(first.graphs[0]);
  expect(first.graphs[0].order).toEqual(['orders']);
});

test('two targets rendering the same path throw, naming the target, the path and the workflow', () => {
  // GIVEN
  const workflow = newWorkflow({ targets: [new FixedTarget('first', ['same.txt']), new FixedTarget('second', ['other.txt', 'same.txt'])] });
  ordersSource(workflow);

  // THEN
  expect(() => synthesizeWorkflow(workflow)).toThrow("artifact path 'same.txt' (from target 'second') is also rendered by another target, or differs from another path only in case");
});

test('a target that renders the same path twice throws too', () => {
  // GIVEN
  const workflow = newWorkflow({ targets: [new FixedTarget('twice', ['same.txt', 'same.txt'])] });
  ordersSource(workflow);

  // THEN
  expect(() => synthesizeWorkflow(workflow)).toThrow(/'same\.txt'/);
});

test('validation errors throw one ValidationError with all of them, before any target renders', () => {
  // GIVEN an invalid start date and a column that is not in the input's schema
  const target = new FixedTarget('spy', ['x.txt']);
  const workflow = newWorkflow({ startDate: '2026-02-30', targets: [target] });
  const orders = ordersSource(workflow);
  new SparkTask(workflow, 'Clean', { script: 's3://jobs-bucket/c.py', inputs: [orders.output], requiredColumns: [{ name: 'nope', type: ColumnType.STRING }] });

  // WHEN
  let error: unknown;
  try {
    synthesizeWorkflow(workflow);
  } catch (e) {
    error = e;
  }

  // THEN
  expect(Errors.isValidationError(error)).toBe(true);
  expect(Errors.diagnosticsOf(error).map((d) => `${d.path} ${d.code}`)).toEqual(['Test/Pipeline TRB012', 'Test/Pipeline/Clean TRB006']);
  expect(target.graphs).toHaveLength(0);
});

test('warnings do not stop synthesis', () => {
  // GIVEN a workflow with no sinks (TRB014, a warning)
  const workflow = newWorkflow();
  ordersSource(workflow);
  expect(Testing.diagnostics(workflow).map((d) => `${d.severity} ${d.code}`)).toEqual(['warning TRB014']);

  // THEN
  expect(Object.keys(synthesizeWorkflow(workflow))).toEqual(['airflow/pipeline.json', 'airflow/pipeline.py', 'emr/orders.json', 'graph.json', 'graph.mmd', 'stepfunctions/state-machine.asl.json']);
});

test('synthesizing twice gives the same files', () => {
  // GIVEN
  const { workflow } = validWorkflow();

  // THEN
  expect(synthesizeWorkflow(workflow)).toEqual(synthesizeWorkflow(workflow));
});

test('the EMR Serverless limits are checked for a workflow that renders only one orchestrator, which starts those job runs, and reported once with every target', () => {
  // GIVEN the same Spark job whose executor fits no EMR worker, in workflows of different targets
  const withTargets = (targets?: ITarget[]) => {
    const workflow = newWorkflow(targets ? { targets } : {});
    new SparkTask(workflow, 'Big', {
      script: 's3://jobs/big.py', inputs: [ordersSource(workflow).output],
      resources: { executorCpu: 3, executorMemory: Size.gibibytes(2) },
    });
    return Testing.diagnostics(workflow).filter((d) => d.code === 'TRB020').map((d) => d.path);
  };

  // THEN Step Functions alone and Airflow alone refuse it, as the built-in targets (EMR and both orchestrators) do, once
  expect(withTargets([new StepFunctionsTarget()])).toEqual(['Test/Pipeline/Big']);
  expect(withTargets([new AirflowTarget()])).toEqual(['Test/Pipeline/Big']);
  expect(withTargets()).toEqual(['Test/Pipeline/Big']);
  // AND a workflow that renders only its graph starts no job run, and is not checked against EMR
  expect(withTargets([new GraphTarget()])).toEqual([]);
});
