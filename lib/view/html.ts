import { layeredLayout } from './layout';
import type { WorkflowGraph } from '../model/workflow-graph';

const NODE_W = 200;
const NODE_H = 46;
const GAP_X = 90;
const GAP_Y = 18;
const MARGIN = 20;

/** Fill colour of a node by engine. */
const ENGINE_COLOURS: Record<string, string> = {
  spark: '#fde2c8',
  warehouse: '#d6e6fb',
  single_worker: '#e4f5d4',
  sensor: '#f1e3f7',
  database_export: '#fbf3c8',
  change_data_capture: '#fbe0e6',
};

/** Text for XML (SVG and HTML): the five markup characters escaped. */
export function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** JSON inside a `<script>` element: nothing in it can end the element or open a comment. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function human(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let i = 0;
  let n = bytes;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n >= 10 || i === 0 ? Math.round(n) : n.toFixed(1)} ${units[i]}`;
}

function duration(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/**
 * One self-contained HTML page that draws the workflow (an inline SVG laid out by
 * `layeredLayout`, no script or style from the network): nodes by kind (shape) and engine
 * (colour), edges by kind, each node's size and duration, the critical path in red; a click on a
 * node shows its props, schema and artifacts. `artifacts` maps node ids to the artifact paths that
 * concern them.
 */
export function renderHtml(graph: WorkflowGraph, artifacts: Record<string, string[]> = {}): string {
  const layout = layeredLayout(graph);
  const placed = layout.nodes;
  const columnX = (layer: number) => MARGIN + layer * (NODE_W + GAP_X);
  const rowY = (row: number) => MARGIN + row * (NODE_H + GAP_Y);
  const at = new Map(placed.map((p) => [p.id, { x: columnX(p.layer), y: rowY(p.row) }]));
  const slots = [...placed, ...layout.routes.flatMap((r) => r.via)];
  const width = MARGIN * 2 + (Math.max(0, ...slots.map((p) => p.layer)) + 1) * (NODE_W + GAP_X) - GAP_X;
  const height = MARGIN * 2 + (Math.max(0, ...slots.map((p) => p.row)) + 1) * (NODE_H + GAP_Y) - GAP_Y;
  const critical = graph.criticalPath();
  const onPath = new Set(critical.nodes);
  const pathEdges = new Set(critical.nodes.slice(1).map((id, i) => `${critical.nodes[i]}\u0000${id}`));
  // An edge leaves its node's right side, crosses each column between its ends straight through its own
  // slot there, and curves only in the gaps between columns, where no node is: it never crosses a node.
  const curve = (x1: number, y1: number, x2: number, y2: number) => {
    const bend = (x2 - x1) / 2;
    return ` C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`;
  };
  const edges = graph.edges.map((e, i) => {
    const a = at.get(e.from)!;
    const b = at.get(e.to)!;
    let x = a.x + NODE_W;
    let y = a.y + NODE_H / 2;
    let d = `M${x},${y}`;
    for (const via of layout.routes[i].via) {
      const yv = rowY(via.row) + NODE_H / 2;
      d += curve(x, y, columnX(via.layer), yv);
      x = columnX(via.layer) + NODE_W;
      y = yv;
      d += ` L${x},${y}`;
    }
    d += curve(x, y, b.x, b.y + NODE_H / 2);
    const cls = `edge ${e.kind}${pathEdges.has(`${e.from}\u0000${e.to}`) ? ' critical' : ''}`;
    return `<path class="${cls}" data-from="${xml(e.from)}" data-to="${xml(e.to)}" d="${d}"/>`;
  });
  const nodes = graph.order.map((id) => {
    const n = graph.node(id);
    const { x, y } = at.get(id)!;
    const kind = n.audits !== undefined ? 'check' : n.kind;
    const size = human(n.output?.estimatedSizeBytes);
    const fill = ENGINE_COLOURS[n.engine] ?? '#eeeeee';
    const shape = kind === 'source' ? `<rect width="${NODE_W}" height="${NODE_H}" rx="18" fill="${fill}"/>`
      : kind === 'sink' ? `<polygon points="12,0 ${NODE_W},0 ${NODE_W - 12},${NODE_H} 0,${NODE_H}" fill="${fill}"/>`
        : kind === 'check' ? `<polygon points="12,0 ${NODE_W - 12},0 ${NODE_W},${NODE_H / 2} ${NODE_W - 12},${NODE_H} 12,${NODE_H} 0,${NODE_H / 2}" fill="${fill}"/>`
          : `<rect width="${NODE_W}" height="${NODE_H}" rx="3" fill="${fill}"/>`;
    return `<g class="node ${kind}${onPath.has(id) ? ' critical' : ''}" data-id="${xml(id)}" transform="translate(${x},${y})">${shape}`
      + `<text x="14" y="18" class="title">${xml(id.length > 26 ? `${id.slice(0, 25)}…` : id)}</text>`
      + `<text x="14" y="35" class="meta">${xml(`${n.type} · ${duration(n.estimatedDurationSeconds)}${size ? ` · ${size}` : ''}`)}</text></g>`;
  });
  const details = Object.fromEntries(graph.order.map((id) => {
    const n = graph.node(id);
    return [id, {
      id, path: n.path, kind: n.kind, type: n.type, engine: n.engine, description: n.description ?? null,
      upstream: n.upstream, retries: n.retries, timeoutSeconds: n.timeoutSeconds, estimatedDurationSeconds: n.estimatedDurationSeconds,
      properties: n.properties, output: n.output ? { location: n.output.location, format: n.output.format, estimatedSizeBytes: n.output.estimatedSizeBytes ?? null } : null,
      schema: n.output?.columns ?? [], artifacts: artifacts[id] ?? [], critical: onPath.has(id),
    }];
  }));
  const title = `${graph.workflow.id} — Tributary workflow`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${xml(title)}</title>
<style>
body { margin: 0; font: 13px/1.4 system-ui, sans-serif; color: #222; display: flex; height: 100vh; }
#canvas { flex: 1; overflow: auto; background: #fafafa; }
#side { width: 380px; border-left: 1px solid #ddd; overflow: auto; padding: 12px; box-sizing: border-box; }
header { position: sticky; top: 0; left: 0; background: #fafafacc; padding: 6px 10px; border-bottom: 1px solid #eee; }
header button { margin-left: 4px; }
.legend span { display: inline-block; margin-right: 10px; }
.node { cursor: pointer; }
.node > rect, .node > polygon { stroke: #555; stroke-width: 1; }
.node.critical > rect, .node.critical > polygon { stroke: #c0392b; stroke-width: 3; }
.node.selected > rect, .node.selected > polygon { stroke: #1565c0; stroke-width: 4; }
.title { font-weight: 600; font-size: 12px; }
.meta { font-size: 10px; fill: #555; }
.edge { fill: none; stroke: #888; stroke-width: 1.2; }
.edge.dependency { stroke-dasharray: 6 4; }
.edge.audit { stroke: #d68910; stroke-dasharray: 2 3; }
.edge.critical { stroke: #c0392b; stroke-width: 3; }
pre { background: #f4f4f4; padding: 6px; overflow: auto; font-size: 11px; }
table { border-collapse: collapse; font-size: 12px; }
td, th { border: 1px solid #ddd; padding: 2px 6px; text-align: left; }
</style>
</head>
<body>
<div id="canvas">
<header><b>${xml(graph.workflow.id)}</b> · ${graph.nodes.length} nodes · ${graph.edges.length} edges · critical path ${xml(duration(critical.durationSeconds))} (red)
<button id="zoom-out" type="button">−</button><button id="zoom-in" type="button">+</button>
<div class="legend"><span>▭ task</span><span>◯ source</span><span>▱ sink</span><span>⬡ check</span><span>— data</span><span>- - dependency</span><span style="color:#d68910">··· audit</span>${Object.entries(ENGINE_COLOURS).map(([e, c]) => `<span style="background:${c}">${xml(e)}</span>`).join('')}</div></header>
<svg id="graph" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<g id="edges">${edges.join('')}</g>
<g id="nodes">${nodes.join('')}</g>
</svg>
</div>
<aside id="side"><p id="hint">Click a node to see its props, schema and artifacts.</p><div id="details" hidden></div></aside>
<script type="application/json" id="tributary-data">${scriptJson(details)}</script>
<script>
(function () {
  var data = JSON.parse(document.getElementById('tributary-data').textContent);
  var svg = document.getElementById('graph');
  var panel = document.getElementById('details');
  var width = ${width}, height = ${height}, scale = 1;
  function el(tag, text) { var e = document.createElement(tag); if (text !== undefined) e.textContent = text; return e; }
  function show(id) {
    var d = data[id];
    var selected = svg.querySelector('.node.selected');
    if (selected) selected.classList.remove('selected');
    svg.querySelector('.node[data-id="' + CSS.escape(id) + '"]').classList.add('selected');
    panel.replaceChildren();
    panel.appendChild(el('h2', d.id));
    panel.appendChild(el('p', d.type + ' · ' + d.kind + ' · ' + d.engine + (d.critical ? ' · on the critical path' : '')));
    if (d.description) panel.appendChild(el('p', d.description));
    panel.appendChild(el('p', d.path));
    panel.appendChild(el('h3', 'Props'));
    panel.appendChild(el('pre', JSON.stringify({ properties: d.properties, upstream: d.upstream, retries: d.retries, timeoutSeconds: d.timeoutSeconds, estimatedDurationSeconds: d.estimatedDurationSeconds, output: d.output }, null, 2)));
    panel.appendChild(el('h3', 'Schema'));
    if (d.schema.length === 0) panel.appendChild(el('p', 'No declared schema.'));
    else {
      var table = el('table');
      var head = el('tr'); ['column', 'type', 'nullable'].forEach(function (h) { head.appendChild(el('th', h)); }); table.appendChild(head);
      d.schema.forEach(function (c) { var tr = el('tr'); tr.appendChild(el('td', c.name)); tr.appendChild(el('td', c.type)); tr.appendChild(el('td', String(c.nullable !== false))); table.appendChild(tr); });
      panel.appendChild(table);
    }
    panel.appendChild(el('h3', 'Artifacts'));
    var list = el('ul'); d.artifacts.forEach(function (a) { list.appendChild(el('li', a)); }); panel.appendChild(list);
    panel.hidden = false;
    document.getElementById('hint').hidden = true;
  }
  svg.addEventListener('click', function (event) {
    var g = event.target.closest('.node');
    if (g) show(g.getAttribute('data-id'));
  });
  function zoom(f) { scale = Math.min(4, Math.max(0.05, scale * f)); svg.setAttribute('width', String(width * scale)); svg.setAttribute('height', String(height * scale)); }
  document.getElementById('zoom-in').addEventListener('click', function () { zoom(1.25); });
  document.getElementById('zoom-out').addEventListener('click', function () { zoom(0.8); });
  if (width > window.innerWidth - 380) zoom(Math.max(0.2, (window.innerWidth - 400) / width));
  document.body.setAttribute('data-ready', String(Object.keys(data).length));
})();
</script>
</body>
</html>
`;
}
