import { DataFormat, EdgeKind, LogSource, NodeKind, SparkTask, WarehouseSink, WorkflowGraph, WriteMode } from '../../lib';
import { graphNode, graphOf, graphWorkflow } from '../fixtures';
import { newWorkflow, ordersSource } from '../util';

test('nodes are sorted by id and edges by from, to and kind, whatever order they are given in', () => {
  // GIVEN
  const nodes = [graphNode('c'), graphNode('a'), graphNode('b')];
  const edges = [
    { from: 'b', to: 'c', kind: EdgeKind.DATA },
    { from: 'a', to: 'c', kind: EdgeKind.DEPENDENCY },
    { from: 'a', to: 'c', kind: EdgeKind.AUDIT },
    { from: 'a', to: 'b', kind: EdgeKind.DATA },
  ];

  // WHEN
  const graph = new WorkflowGraph({ workflow: graphWorkflow(), nodes, edges });

  // THEN
  expect(graph.nodes.map((n) => n.id)).toEqual(['a', 'b', 'c']);
  expect(graph.edges.map((e) => `${e.from}>${e.to}:${e.kind}`)).toEqual(['a>b:data', 'a>c:audit', 'a>c:dependency', 'b>c:data']);
});

test('topological order breaks ties by id', () => {
  // GIVEN independent nodes given in reverse order
  const graph = graphOf([], {}, ['c', 'b', 'a']);

  // THEN
  expect(graph.order).toEqual(['a', 'b', 'c']);
});

test('a node that becomes ready is ordered by id among the nodes already ready, not appended', () => {
  // GIVEN a and b are ready at once; d becomes ready after a, before b has been taken
  const graph = graphOf(['b>c', 'a>d'], {}, ['e']);

  // THEN d (ready after a) goes before e (ready from the start) because 'd' < 'e'
  expect(graph.order).toEqual(['a', 'b', 'c', 'd', 'e']);
});

test('a node comes after everything it waits for, even when its id sorts first', () => {
  // GIVEN
  const graph = graphOf(['z>a'], {}, ['m']);

  // THEN
  expect(graph.order).toEqual(['m', 'z', 'a']);
});

test('topological order does not depend on the order nodes and edges are given in', () => {
  // GIVEN the same graph given in two different orders
  const edges = ['root>x', 'root>y', 'x>sink', 'y>sink', 'other>y'];
  const forward = graphOf(edges, {}, ['lonely']);
  const backward = graphOf([...edges].reverse(), {}, ['lonely']);

  // THEN
  expect(forward.order).toEqual(['lonely', 'other', 'root', 'x', 'y', 'sink']);
  expect(backward.order).toEqual(forward.order);
});

test('topological order of a workflow built with constructs follows data flow, ties broken by node id', () => {
  // GIVEN nodes declared in an order that is neither topological nor alphabetical
  const workflow = newWorkflow();
  const zeta = ordersSource(workflow, 'Zeta');
  const alpha = ordersSource(workflow, 'Alpha');
  const middle = new SparkTask(workflow, 'Middle', { script: 's3://jobs-bucket/m.py', inputs: [zeta.output, alpha.output] });
  new WarehouseSink(workflow, 'Load', { input: middle.output, table: 'analytics.t', writeMode: WriteMode.merge(['order_id']) });

  // WHEN
  const graph = workflow.toGraph();

  // THEN
  expect(graph.order).toEqual(['alpha', 'zeta', 'middle', 'load']);
});

test('nodes on a cycle, and nodes that wait for one, are left out of the order', () => {
  // GIVEN a <-> b, d waits for b, c is independent
  const graph = graphOf(['a>b', 'b>a', 'b>d'], {}, ['c']);

  // THEN
  expect(graph.order).toEqual(['c']);
});

test('findCycle returns the cycle as a list that starts and ends with the same id', () => {
  // GIVEN
  const graph = graphOf(['a>b', 'b>a', 'b>d'], {}, ['c']);

  // THEN
  expect(graph.findCycle()).toEqual(['a', 'b', 'a']);
});

test('findCycle starts the cycle where it is entered', () => {
  // GIVEN x leads into the cycle a -> b -> c -> a
  const graph = graphOf(['x>a', 'a>b', 'b>c', 'c>a']);

  // THEN
  expect(graph.findCycle()).toEqual(['a', 'b', 'c', 'a']);
});

test('findCycle reports a node that waits for itself', () => {
  // GIVEN
  const graph = graphOf(['a>a'], {}, ['b']);

  // THEN
  expect(graph.findCycle()).toEqual(['a', 'a']);
  expect(graph.order).toEqual(['b']);
});

test('findCycle returns an empty list for an acyclic graph', () => {
  // GIVEN a diamond
  const graph = graphOf(['a>b', 'a>c', 'b>d', 'c>d']);

  // THEN
  expect(graph.findCycle()).toEqual([]);
});

test('edges to ids that are not nodes neither create a cycle nor hold back the order', () => {
  // GIVEN b waits for a node that is not in the graph
  const graph = new WorkflowGraph({
    workflow: graphWorkflow(),
    nodes: [graphNode('a'), graphNode('b')],
    edges: [{ from: 'a', to: 'b', kind: EdgeKind.DATA }, { from: 'Other/Flow/X', to: 'b', kind: EdgeKind.DATA }],
  });

  // THEN
  expect(graph.order).toEqual(['a', 'b']);
  expect(graph.findCycle()).toEqual([]);
  expect(graph.criticalPath()).toEqual({ nodes: ['a', 'b'], durationSeconds: 120 });
});

test('the critical path of a diamond follows the slower branch', () => {
  // GIVEN a(10) -> b(20) -> d(5) and a(10) -> c(50) -> d(5)
  const graph = graphOf(['a>b', 'a>c', 'b>d', 'c>d'], { a: 10, b: 20, c: 50, d: 5 });

  // THEN 10 + 50 + 5
  expect(graph.criticalPath()).toEqual({ nodes: ['a', 'c', 'd'], durationSeconds: 65 });
});

test('durations passed to criticalPath override the declared ones, node by node', () => {
  // GIVEN the same diamond
  const graph = graphOf(['a>b', 'a>c', 'b>d', 'c>d'], { a: 10, b: 20, c: 50, d: 5 });

  // THEN b at 100 makes a-b-d the longest: 10 + 100 + 5; unlisted nodes keep their own duration
  expect(graph.criticalPath({ b: 100 })).toEqual({ nodes: ['a', 'b', 'd'], durationSeconds: 115 });
  // AND a zero duration is used, not ignored: 10 + 20 + 5
  expect(graph.criticalPath({ c: 0 })).toEqual({ nodes: ['a', 'b', 'd'], durationSeconds: 35 });
  // AND ids that are not nodes are ignored
  expect(graph.criticalPath({ nope: 1000 })).toEqual({ nodes: ['a', 'c', 'd'], durationSeconds: 65 });
});

test('the critical path is the longest in time, not the one with the most nodes', () => {
  // GIVEN s -> x -> y -> z -> t of 1 s each, and s -> w -> t where w takes 100 s
  const graph = graphOf(['s>x', 'x>y', 'y>z', 'z>t', 's>w', 'w>t'], { s: 1, x: 1, y: 1, z: 1, t: 1, w: 100 });

  // THEN 1 + 100 + 1
  expect(graph.criticalPath()).toEqual({ nodes: ['s', 'w', 't'], durationSeconds: 102 });
});

test('the critical path can be a single node of a disconnected part', () => {
  // GIVEN p(10) -> q(10), and r(50) on its own
  const graph = graphOf(['p>q'], { p: 10, q: 10, r: 50 }, ['r']);

  // THEN
  expect(graph.criticalPath()).toEqual({ nodes: ['r'], durationSeconds: 50 });
});

test('on equal durations the critical path goes through the upstream node with the smaller id', () => {
  // GIVEN a diamond whose branches b and c take the same time
  const graph = graphOf(['a>b', 'a>c', 'b>d', 'c>d'], { a: 10, b: 20, c: 20, d: 5 });

  // THEN
  expect(graph.criticalPath()).toEqual({ nodes: ['a', 'b', 'd'], durationSeconds: 35 });
  expect(graph.criticalPath({ b: 21 }).nodes).toEqual(['a', 'b', 'd']);
  expect(graph.criticalPath({ c: 21 }).nodes).toEqual(['a', 'c', 'd']);
});

test('the critical path of an empty graph is empty and takes no time', () => {
  // GIVEN
  const graph = new WorkflowGraph({ workflow: graphWorkflow(), nodes: [], edges: [] });

  // THEN
  expect(graph.criticalPath()).toEqual({ nodes: [], durationSeconds: 0 });
  expect(graph.order).toEqual([]);
});

test('upstreamOf and downstreamOf list direct neighbours once each, sorted', () => {
  // GIVEN a diamond where a -> c is also an audit edge
  const graph = new WorkflowGraph({
    workflow: graphWorkflow(),
    nodes: ['d', 'c', 'b', 'a'].map((id) => graphNode(id)),
    edges: [
      { from: 'c', to: 'd', kind: EdgeKind.DATA },
      { from: 'a', to: 'c', kind: EdgeKind.DATA },
      { from: 'a', to: 'c', kind: EdgeKind.AUDIT },
      { from: 'b', to: 'd', kind: EdgeKind.DATA },
      { from: 'a', to: 'b', kind: EdgeKind.DATA },
    ],
  });

  // THEN
  expect(graph.upstreamOf('d')).toEqual(['b', 'c']);
  expect(graph.upstreamOf('c')).toEqual(['a']);
  expect(graph.upstreamOf('a')).toEqual([]);
  expect(graph.downstreamOf('a')).toEqual(['b', 'c']);
  expect(graph.downstreamOf('d')).toEqual([]);
  expect(graph.downstreamOf('nope')).toEqual([]);
});

test('descendantsOf lists every node that runs after a node, directly or not, sorted', () => {
  // GIVEN a -> c -> e, a -> b, d on its own
  const graph = graphOf(['a>c', 'c>e', 'a>b'], {}, ['d']);

  // THEN
  expect(graph.descendantsOf('a')).toEqual(['b', 'c', 'e']);
  expect(graph.descendantsOf('c')).toEqual(['e']);
  expect(graph.descendantsOf('e')).toEqual([]);
  expect(graph.descendantsOf('d')).toEqual([]);
});

test('neighbour lists are copies: changing one does not change the graph', () => {
  // GIVEN
  const graph = graphOf(['a>b', 'b>c']);

  // WHEN
  graph.upstreamOf('b').push('x');
  graph.downstreamOf('b').push('x');
  graph.descendantsOf('a').push('x');

  // THEN
  expect(graph.upstreamOf('b')).toEqual(['a']);
  expect(graph.downstreamOf('b')).toEqual(['c']);
  expect(graph.descendantsOf('a')).toEqual(['b', 'c']);
});

test('node returns a node by id and throws, naming the workflow, for an unknown id', () => {
  // GIVEN
  const graph = graphOf(['a>b']);

  // THEN
  expect(graph.node('a').id).toBe('a');
  expect(graph.hasNode('a')).toBe(true);
  expect(graph.hasNode('zz')).toBe(false);
  expect(() => graph.node('zz')).toThrow("Workflow 'pipeline' has no node 'zz'");
});

test('sinks lists the sink node ids, sorted', () => {
  // GIVEN
  const graph = new WorkflowGraph({
    workflow: graphWorkflow(),
    nodes: [
      graphNode('z_load', { kind: NodeKind.SINK }),
      graphNode('source', { kind: NodeKind.SOURCE }),
      graphNode('a_push', { kind: NodeKind.SINK }),
      graphNode('task'),
    ],
    edges: [],
  });

  // THEN
  expect(graph.sinks).toEqual(['a_push', 'z_load']);
});

test('the graph is frozen: nodes, edges, order, workflow and nested properties cannot be changed', () => {
  // GIVEN
  const graph = new WorkflowGraph({
    workflow: graphWorkflow({ tags: { tier: 'gold' } }),
    nodes: [graphNode('a', { properties: { nested: { list: [1] } } }), graphNode('b', { inputs: ['a'] })],
    edges: [{ from: 'a', to: 'b', kind: EdgeKind.DATA }],
  });

  // THEN every mutation throws (test files run in strict mode)
  expect(() => (graph.nodes as any).push(graphNode('c'))).toThrow(TypeError);
  expect(() => { (graph.nodes[0] as any).retries = 9; }).toThrow(TypeError);
  expect(() => { graph.nodes[0].properties.nested.list.push(2); }).toThrow(TypeError);
  expect(() => { graph.nodes[1].inputs.push('x'); }).toThrow(TypeError);
  expect(() => { (graph.edges[0] as any).to = 'a'; }).toThrow(TypeError);
  expect(() => { graph.order.reverse(); }).toThrow(TypeError);
  expect(() => { graph.workflow.tags.tier = 'bronze'; }).toThrow(TypeError);
  // AND nothing changed
  expect(graph.nodes.map((n) => n.id)).toEqual(['a', 'b']);
  expect(graph.order).toEqual(['a', 'b']);
  expect(graph.workflow.tags).toEqual({ tier: 'gold' });
});

test('building a graph does not freeze the objects it was given', () => {
  // GIVEN
  const properties = { list: ['x'] };
  const tags = { tier: 'gold' };
  const node = graphNode('a', { properties });

  // WHEN
  const graph = new WorkflowGraph({ workflow: graphWorkflow({ tags }), nodes: [node], edges: [] });
  properties.list.push('y');
  tags.tier = 'silver';

  // THEN the caller's objects are still theirs to change, and the graph kept its own copy
  expect(Object.isFrozen(node)).toBe(false);
  expect(graph.node('a').properties).toEqual({ list: ['x'] });
  expect(graph.workflow.tags).toEqual({ tier: 'gold' });
});

test('modelling a workflow leaves its constructs mutable', () => {
  // GIVEN a workflow whose tags and node settings end up in the graph
  const workflow = newWorkflow({ tags: { tier: 'gold' } });
  const events = new LogSource(workflow, 'Events', { location: 's3://logs/dt={{ds}}/', format: DataFormat.JSON_LINES });
  const keys = ['event_id'];
  const spark = new SparkTask(workflow, 'Clean', { script: 's3://jobs-bucket/clean.py', inputs: [events.output], arguments: ['--ds', '{{ds}}'] });
  new WarehouseSink(workflow, 'Load', { input: spark.output, table: 'analytics.events', writeMode: WriteMode.merge(keys) });

  // WHEN
  workflow.toGraph();

  // THEN
  expect(Object.isFrozen(workflow.tags)).toBe(false);
  expect(Object.isFrozen(spark.arguments)).toBe(false);
  expect(Object.isFrozen(keys)).toBe(false);
});

test('findCycles reports one cycle for each group of nodes that wait for each other', () => {
  // GIVEN two separate cycles, a -> b -> a and x -> y -> z -> x, and a self-loop on s
  const graph = graphOf(['a>b', 'b>a', 'x>y', 'y>z', 'z>x', 's>s', 'b>x']);

  // THEN each is reported, from its smallest id, sorted by that id
  expect(graph.findCycles()).toEqual([['a', 'b', 'a'], ['s', 's'], ['x', 'y', 'z', 'x']]);
  expect(graph.findCycle()).toEqual(['a', 'b', 'a']);
});

test('findCycles gives the shortest cycle through the first node of a group', () => {
  // GIVEN a -> b -> c -> d -> a and a shortcut c -> a
  const graph = graphOf(['a>b', 'b>c', 'c>d', 'd>a', 'c>a']);

  // THEN
  expect(graph.findCycles()).toEqual([['a', 'b', 'c', 'a']]);
});

test('a chain of 50,000 nodes is ordered and searched for cycles without overflowing the stack', () => {
  // GIVEN n00000 -> n00001 -> ... -> n49999
  const ids = Array.from({ length: 50_000 }, (_, i) => `n${String(i).padStart(5, '0')}`);
  const graph = new WorkflowGraph({
    workflow: graphWorkflow(),
    nodes: ids.map((id) => graphNode(id)),
    edges: ids.slice(1).map((id, i) => ({ from: ids[i], to: id, kind: EdgeKind.DATA })),
  });

  // THEN
  expect(graph.findCycles()).toEqual([]);
  expect(graph.order.length).toBe(50_000);
  expect(graph.criticalPath().nodes.length).toBe(50_000);
});
