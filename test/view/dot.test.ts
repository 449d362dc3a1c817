import { dotString, renderDot } from '../../lib/view/dot';
import { platformGraphs } from '../targets/stepfunctions/support';

test('DOT strings escape quotes, backslashes and line breaks', () => {
  // THEN
  expect(dotString('a"b\\c\nd')).toBe('"a\\"b\\\\c\\nd"');
});

test('the DOT graph has every node and edge, edge styles by kind, and the critical path in bold red', () => {
  // GIVEN
  const graph = platformGraphs().clickstream;

  // WHEN
  const dot = renderDot(graph);

  // THEN
  expect(dot.startsWith('digraph "clickstream" {\n  rankdir=LR;')).toBe(true);
  expect(dot.match(/^ {2}"[a-z_0-9]+" \[label=/gm)).toHaveLength(graph.nodes.length);
  expect(dot.match(/ -> /g)).toHaveLength(graph.edges.length);
  expect(dot).toContain('"sessions_quality" -> "load_sessions" [style=dotted, label="audit"');
  expect(dot).toContain('"load_sessions" -> "clickstream_ready" [style=dashed');
  expect(dot).toMatch(/"sessionize" \[label="sessionize\\nSparkTask \(spark\)\\n5400 s", shape=box, penwidth=3, color="#c0392b"\];/);
});
