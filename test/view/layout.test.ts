import { layeredLayout } from '../../lib/view/layout';
import { generatedGraph, platformGraphs } from '../targets/stepfunctions/support';

test('every node sits in a column after all its upstream nodes, and no two nodes share a place', () => {
  for (const graph of [...Object.values(platformGraphs()), generatedGraph(2000)]) {
    // WHEN
    const placed = layeredLayout(graph);

    // THEN
    const at = new Map(placed.map((p) => [p.id, p]));
    expect(placed).toHaveLength(graph.nodes.length);
    for (const p of placed) for (const up of graph.upstreamOf(p.id)) expect(at.get(up)!.layer).toBeLessThan(p.layer);
    expect(new Set(placed.map((p) => `${p.layer}/${p.row}`)).size).toBe(placed.length);
    for (const p of placed) if (graph.upstreamOf(p.id).length === 0) expect(p.layer).toBe(0);
  }
});

test('the layout is deterministic', () => {
  // THEN
  expect(layeredLayout(generatedGraph(500))).toEqual(layeredLayout(generatedGraph(500)));
});
