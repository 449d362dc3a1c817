import { StepFunctionsTarget, WorkflowGraph } from '../../../lib';
import { longSqlChain } from '../../fixtures';
import { MAX_DEFINITION_BYTES, MAX_HISTORY_EVENTS, definitionBytes } from '../../../lib/targets/stepfunctions/machines';
import { stateMachineArtifacts, type StateMachineArtifact } from '../../../lib/targets/stepfunctions/placeholders';
import { expectAllValidAsl, generatedGraph, localMachine, stateNames, validatedArtifacts, worstCaseEvents } from './support';

/** The checks every split must pass: quotas, names, order, and each node in exactly one machine. */
function expectWellSplit(graph: WorkflowGraph, artifacts: StateMachineArtifact[]) {
  const names = artifacts.map((a) => a.name);
  expect(artifacts[artifacts.length - 1]).toMatchObject({ name: graph.workflow.id, path: 'stepfunctions/state-machine.asl.json' });
  const started: string[] = [];
  artifacts.forEach((artifact, i) => {
    expect(definitionBytes(artifact.definition)).toBeLessThanOrEqual(MAX_DEFINITION_BYTES);
    expect(worstCaseEvents(artifact.definition)).toBeLessThanOrEqual(MAX_HISTORY_EVENTS);
    expect(stateNames(artifact.definition).filter((n) => n.length > 80)).toEqual([]);
    expect(artifact.name.length).toBeLessThanOrEqual(80);
    // children come before the machines that start them
    for (const child of artifact.children) expect(names.indexOf(child)).toBeLessThan(i);
    started.push(...artifact.children);
    expect(artifact.placeholders).toEqual(expect.arrayContaining(artifact.children.map((c) => `StateMachineArn_${c}`)));
  });
  // every child is started by exactly one parent
  expect(started.sort()).toEqual(names.slice(0, -1).sort());
  const placed = artifacts.flatMap((a) => stateNames(a.definition)).filter((n) => graph.hasNode(n));
  expect(placed.sort()).toEqual([...graph.order].sort());
}

test('a generated 10,000-task workflow is split into machines that are each inside every quota (cost: about 10 s)', () => {
  // GIVEN
  const graph = generatedGraph(10_000, false);

  // WHEN
  const artifacts = stateMachineArtifacts(graph);

  // THEN
  expectAllValidAsl(artifacts.map((a) => a.definition));
  expect(artifacts.length).toBeGreaterThan(1);
  expectWellSplit(graph, artifacts);
  expect(artifacts.slice(0, -1).map((a) => a.path)).toEqual(artifacts.slice(0, -1).map((a) => `stepfunctions/${a.name}.asl.json`));
});

test('splitting is deterministic: the same workflow gives the same machines, byte for byte', () => {
  // GIVEN
  const graph = generatedGraph(600);

  // WHEN
  const first = stateMachineArtifacts(graph);
  const second = stateMachineArtifacts(generatedGraph(600));

  // THEN
  expectAllValidAsl(first.map((a) => a.definition));
  expect(first.length).toBeGreaterThan(1);
  expect(second).toEqual(first);
});

test('a workflow whose worst-case history exceeds 25,000 events runs as child machines, in order, each given the run\'s ds', async () => {
  // GIVEN 30 six-hour statements in a chain (about 2,900 worst-case events each)
  const graph = longSqlChain(30);
  const artifacts = validatedArtifacts(graph);
  expect(artifacts.length).toBeGreaterThan(3);
  expectWellSplit(graph, artifacts);

  // WHEN the root runs, and each child start runs that child locally with the input it is given
  const byName = new Map(artifacts.map((a) => [a.name, a]));
  const order: string[] = [];
  const run = async (artifact: StateMachineArtifact, input: unknown): Promise<unknown> => {
    const definition = JSON.parse(artifact.definition);
    const handlers: Record<string, (input: any) => unknown> = {};
    const waits: Record<string, number> = {};
    const visit = (states: Record<string, any>) => {
      for (const [name, state] of Object.entries(states)) {
        for (const branch of state.Branches ?? []) visit(branch.States);
        if (state.Type === 'Wait') waits[name] = 0;
        if (state.Resource === 'arn:aws:states:::states:startExecution.sync:2') {
          const child = byName.get(name.slice('Run '.length))!;
          handlers[name] = async (start: any) => ({ Output: JSON.stringify(await run(child, start.Input)) });
        } else if (state.Resource?.endsWith('executeStatement')) {
          handlers[name] = (taskInput: any) => {
            order.push(`${name.split(' ')[0]} ${taskInput.Sql}`);
            return { Id: name };
          };
        } else if (state.Resource?.endsWith('describeStatement')) handlers[name] = () => ({ Status: 'FINISHED' });
        else if (state.Type === 'Task') handlers[name] = () => ({});
      }
    };
    visit(definition.States);
    const context = { Execution: { Id: `arn:aws:states:eu-west-1:123456789012:execution:${artifact.name}:run` } };
    return localMachine(artifact.definition).run(input, { overrides: { taskResourceLocalHandlers: handlers, waitTimeOverrides: waits }, context }).result;
  };
  const output = await run(artifacts[artifacts.length - 1], { ds: '2024-02-29' });

  // THEN
  expect(output).toEqual({ ds: '2024-02-29', ds_nodash: '20240229', next_ds: '2024-03-01', prev_ds: '2024-02-28' });
  expect(order).toEqual(graph.order.map((id) => `${id} INSERT INTO marts.${id} SELECT '2024-02-29'`));
});

test('the target renders every machine as a file, the root at stepfunctions/state-machine.asl.json', () => {
  // GIVEN
  const graph = longSqlChain(30);

  // WHEN
  const files = new StepFunctionsTarget().render(graph);

  // THEN
  expect(files.map((f) => f.path)).toEqual(stateMachineArtifacts(graph).map((a) => a.path));
  expect(files[files.length - 1].path).toBe('stepfunctions/state-machine.asl.json');
  for (const file of files) expect(file.content.endsWith('}\n')).toBe(true);
});
