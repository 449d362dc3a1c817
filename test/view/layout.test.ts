import { layeredLayout } from '../../lib/view/layout';
import { generatedGraph, platformGraphs } from '../targets/stepfunctions/support';

test('every node sits in a column after all its upstream nodes, and no two nodes share a place', () => {
  for (const graph of [...Object.values(platformGraphs()), generatedGraph(2000)]) {
    // WHEN
    const placed = layeredLayout(graph).nodes;

    // THEN
    const at = new Map(placed.map((p) => [p.id, p]));
    expect(placed).toHaveLength(graph.nodes.length);
    for (const p of placed) for (const up of graph.upstreamOf(p.id)) expect(at.get(up)!.layer).toBeLessThan(p.layer);
    expect(new Set(placed.map((p) => `${p.layer}/${p.row}`)).size).toBe(placed.length);
    for (const p of placed) if (graph.upstreamOf(p.id).length === 0) expect(p.layer).toBe(0);
  }
});

test('an edge that skips columns has a waypoint in each column between its ends, in a slot no node takes, shared only with edges from the same node', () => {
  for (const graph of [...Object.values(platformGraphs()), generatedGraph(2000)]) {
    // WHEN
    const { nodes, routes } = layeredLayout(graph);

    // THEN
    const layer = new Map(nodes.map((p) => [p.id, p.layer]));
    const taken = new Map(nodes.map((p) => [`${p.layer}/${p.row}`, `node ${p.id}`]));
    expect(routes.map((r) => [r.from, r.to])).toEqual(graph.edges.map((e) => [e.from, e.to]));
    for (const route of routes) {
      expect(route.via.map((s) => s.layer)).toEqual(Array.from({ length: layer.get(route.to)! - layer.get(route.from)! - 1 }, (_, i) => layer.get(route.from)! + 1 + i));
      for (const s of route.via) {
        const owner = taken.get(`${s.layer}/${s.row}`) ?? `waypoint of ${route.from}`;
        expect(owner).toBe(`waypoint of ${route.from}`);
        taken.set(`${s.layer}/${s.row}`, owner);
      }
    }
    if (graph.nodes.length === 2000) expect(routes.filter((r) => r.via.length > 0).length).toBeGreaterThan(100);
  }
});

test('the layout is deterministic', () => {
  // THEN
  expect(layeredLayout(generatedGraph(500))).toEqual(layeredLayout(generatedGraph(500)));
});
