import { GraphTarget } from '../../../lib';
import { builtinTargets } from '../../../lib/targets/builtin';
import { renderGraphJson } from '../../../lib/targets/graph/graph-json';
import { renderMermaid } from '../../../lib/targets/graph/mermaid';
import { tinyWorkflow } from '../../fixtures';

test('the graph target is named graph', () => {
  // THEN
  expect(new GraphTarget().name).toBe('graph');
});

test('the graph target renders graph.json and graph.mmd from the model', () => {
  // GIVEN
  const graph = tinyWorkflow().toGraph();

  // WHEN
  const files = new GraphTarget().render(graph);

  // THEN
  expect(files).toEqual([
    { path: 'graph.json', content: renderGraphJson(graph) },
    { path: 'graph.mmd', content: renderMermaid(graph) },
  ]);
});

test('rendering twice gives the same files: the target keeps no state', () => {
  // GIVEN
  const target = new GraphTarget();
  const graph = tinyWorkflow().toGraph();

  // THEN
  expect(target.render(graph)).toEqual(target.render(graph));
  expect(target.render(graph)).toEqual(new GraphTarget().render(tinyWorkflow().toGraph()));
});

test('every file the graph target renders ends with a newline', () => {
  // WHEN
  const files = new GraphTarget().render(tinyWorkflow().toGraph());

  // THEN
  for (const file of files) expect(file.content.endsWith('\n')).toBe(true);
});

test('the graph target is a built-in target', () => {
  // THEN
  expect(builtinTargets().map((t) => t.name)).toContain('graph');
  expect(builtinTargets().find((t) => t.name === 'graph')).toBeInstanceOf(GraphTarget);
});
