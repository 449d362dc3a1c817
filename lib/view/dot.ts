import { EdgeKind } from '../model/graph';
import type { WorkflowGraph } from '../model/workflow-graph';

/** A DOT (Graphviz) string literal: every user string is quoted and escaped. */
export function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n|\r/g, '\\n')}"`;
}

/** The workflow as a Graphviz digraph: shapes by node kind, edge styles by kind, the critical path bold. */
export function renderDot(graph: WorkflowGraph): string {
  const critical = new Set(graph.criticalPath().nodes);
  const criticalPath = graph.criticalPath().nodes;
  const criticalEdges = new Set(criticalPath.slice(1).map((id, i) => `${criticalPath[i]}\u0000${id}`));
  const lines = [`digraph ${dotString(graph.workflow.id)} {`, '  rankdir=LR;', '  node [fontname="Helvetica", fontsize=10];'];
  for (const id of graph.order) {
    const n = graph.node(id);
    const shape = n.kind === 'source' ? 'cylinder' : n.kind === 'sink' ? 'parallelogram' : n.audits !== undefined ? 'hexagon' : 'box';
    const label = `${n.id}\n${n.type} (${n.engine})\n${n.estimatedDurationSeconds} s`;
    lines.push(`  ${dotString(id)} [label=${dotString(label)}, shape=${shape}${critical.has(id) ? ', penwidth=3, color="#c0392b"' : ''}];`);
  }
  for (const e of graph.edges) {
    const style = e.kind === EdgeKind.DATA ? 'solid' : e.kind === EdgeKind.DEPENDENCY ? 'dashed' : 'dotted';
    const bold = criticalEdges.has(`${e.from}\u0000${e.to}`) ? ', penwidth=3, color="#c0392b"' : '';
    lines.push(`  ${dotString(e.from)} -> ${dotString(e.to)} [style=${style}${e.kind === EdgeKind.AUDIT ? ', label="audit"' : ''}${bold}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
