import * as fs from 'fs';
import * as path from 'path';
import { appendTo } from '../private/multimap';

/** A graph.json as written by the graph target (only the fields the diff reads are named). */
interface GraphJson {
  readonly workflow: { readonly id: string };
  readonly nodes: NodeJson[];
  readonly edges: { readonly from: string; readonly to: string; readonly kind: string }[];
}
interface NodeJson {
  readonly id: string;
  readonly kind: string;
  readonly type: string;
  readonly audits?: string;
  readonly output?: { readonly columns?: ColumnJson[] } | null;
  readonly [key: string]: unknown;
}
interface ColumnJson {
  readonly name: string;
  readonly type: string;
  readonly nullable?: boolean;
}

/** What about a node changed: one entry per aspect. */
export type ChangeAspect = 'props' | 'schema' | 'sizing' | 'retries' | 'dependencies' | 'other';

/** One changed value of a node, by JSON path. */
export interface ValueChange {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** A node present on both sides whose model changed. */
export interface NodeChange {
  readonly node: string;
  readonly type: string;
  readonly kind: string;
  readonly aspects: ChangeAspect[];
  readonly changes: ValueChange[];
  /** Column-level changes of the node's output schema. */
  readonly schema: string[];
}

/** A check that gates (runs before, on a path to) a sink. */
export interface Gate {
  readonly check: string;
  readonly sink: string;
}

/** The changes of one workflow. */
export interface WorkflowDiff {
  readonly workflow: string;
  /** `added` or `removed` when the whole workflow is new or gone; else `changed` or `unchanged`. */
  readonly status: 'added' | 'removed' | 'changed' | 'unchanged';
  readonly nodesAdded: { node: string; type: string; kind: string }[];
  readonly nodesRemoved: { node: string; type: string; kind: string }[];
  readonly nodesChanged: NodeChange[];
  readonly edgesAdded: { from: string; to: string; kind: string }[];
  readonly edgesRemoved: { from: string; to: string; kind: string }[];
  readonly gatesAdded: Gate[];
  readonly gatesRemoved: Gate[];
  /** Every node downstream of an added or changed node (or of a changed edge), in the new model; the changed nodes themselves excluded. */
  readonly affected: string[];
  /** The sinks among the changed, added and affected nodes. */
  readonly sinksAffected: string[];
  /** Sinks added, removed or changed themselves. */
  readonly sinksChanged: string[];
  readonly artifactsAdded: string[];
  readonly artifactsRemoved: string[];
  readonly artifactsChanged: string[];
}

/** The changes between two syntheses. */
export interface SynthDiff {
  readonly base: string;
  readonly head: string;
  readonly workflows: WorkflowDiff[];
}

/** The folder holding `<workflow_id>/graph.json`: `dir/tributary/` of a cloud assembly, or `dir` itself. */
export function tributaryFolder(dir: string): string {
  const nested = path.join(dir, 'tributary');
  return fs.existsSync(nested) && fs.statSync(nested).isDirectory() ? nested : dir;
}

function workflowIds(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(folder, e.name, 'graph.json')))
    .map((e) => e.name)
    .sort();
}

function files(dir: string, prefix = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

/** Leaf values of a JSON value by path (`a.b[2].c`); empty arrays and objects are leaves. */
export function flatten(value: unknown, at = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value) && value.length > 0) value.forEach((v, i) => flatten(v, `${at}[${i}]`, out));
  else if (value !== null && typeof value === 'object' && Object.keys(value).length > 0) {
    for (const key of Object.keys(value).sort()) flatten((value as Record<string, unknown>)[key], at ? `${at}.${key}` : key, out);
  } else out.set(at, value);
  return out;
}

/** The aspect a changed path of a node belongs to. */
export function aspectOf(p: string): ChangeAspect {
  if (/^(output\.columns|requiredColumns)/.test(p)) return 'schema';
  if (/^(retries|retryDelaySeconds|exponentialBackoff|timeoutSeconds)$/.test(p)) return 'retries';
  if (/^(output\.estimatedSizeBytes|estimatedDurationSeconds|properties\.(resources|sparkConf|tableSizeBytes|partitionedRead))/.test(p)) return 'sizing';
  if (/^(upstream|inputs)/.test(p)) return 'dependencies';
  if (p.startsWith('properties')) return 'props';
  return 'other';
}

/** Column changes of an output schema, by column name. */
export function schemaChanges(before: ColumnJson[] = [], after: ColumnJson[] = []): string[] {
  const old = new Map(before.map((c) => [c.name, c]));
  const now = new Map(after.map((c) => [c.name, c]));
  const out: string[] = [];
  for (const c of after) {
    const was = old.get(c.name);
    if (was === undefined) out.push(`column ${c.name} added (${c.type}${c.nullable === false ? ', not null' : ''})`);
    else {
      if (was.type !== c.type) out.push(`column ${c.name}: type ${was.type} → ${c.type}`);
      if ((was.nullable ?? true) !== (c.nullable ?? true)) out.push(`column ${c.name}: ${c.nullable === false ? 'now not null' : 'now nullable'}`);
    }
  }
  for (const c of before) if (!now.has(c.name)) out.push(`column ${c.name} removed`);
  return out;
}

function gatesSinks(n: NodeJson): boolean {
  return n.gatesSinks === true;
}

/** Every (check, sink) pair where a blocking check (gatesSinks) runs on a path to the sink, so that its failure stops it. */
export function gates(graph: GraphJson): Gate[] {
  const down = new Map<string, string[]>();
  for (const e of graph.edges) appendTo(down, e.from, e.to);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const out: Gate[] = [];
  for (const check of graph.nodes.filter(gatesSinks)) {
    const seen = new Set<string>();
    const stack = [...(down.get(check.id) ?? [])];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...(down.get(id) ?? []));
    }
    for (const id of [...seen].sort()) if (byId.get(id)?.kind === 'sink') out.push({ check: check.id, sink: id });
  }
  return out;
}

function descendants(graph: GraphJson, from: Iterable<string>): Set<string> {
  const down = new Map<string, string[]>();
  for (const e of graph.edges) appendTo(down, e.from, e.to);
  const seen = new Set<string>();
  const stack = [...from].flatMap((id) => down.get(id) ?? []);
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(down.get(id) ?? []));
  }
  return seen;
}

const EMPTY: GraphJson = { workflow: { id: '' }, nodes: [], edges: [] };
const edgeKey = (e: { from: string; to: string; kind: string }) => `${e.from}\u0000${e.to}\u0000${e.kind}`;
const gateKey = (g: Gate) => `${g.check}\u0000${g.sink}`;

/** The changes of one workflow between its base folder and its head folder (either may be absent). */
export function diffWorkflow(id: string, baseDir: string | undefined, headDir: string | undefined): WorkflowDiff {
  const read = (dir: string | undefined): GraphJson => (dir ? JSON.parse(fs.readFileSync(path.join(dir, 'graph.json'), 'utf8')) : EMPTY);
  const base = read(baseDir);
  const head = read(headDir);
  const baseNodes = new Map(base.nodes.map((n) => [n.id, n]));
  const headNodes = new Map(head.nodes.map((n) => [n.id, n]));
  const brief = (n: NodeJson) => ({ node: n.id, type: n.type, kind: n.kind });
  const nodesAdded = head.nodes.filter((n) => !baseNodes.has(n.id)).map(brief).sort((a, b) => a.node.localeCompare(b.node));
  const nodesRemoved = base.nodes.filter((n) => !headNodes.has(n.id)).map(brief).sort((a, b) => a.node.localeCompare(b.node));
  const nodesChanged: NodeChange[] = [];
  for (const n of [...head.nodes].sort((a, b) => a.id.localeCompare(b.id))) {
    const was = baseNodes.get(n.id);
    if (was === undefined) continue;
    const before = flatten(was);
    const after = flatten(n);
    const changes: ValueChange[] = [];
    for (const p of [...new Set([...before.keys(), ...after.keys()])].sort()) {
      if (p === 'path' || p === 'sourceLocation' || p.startsWith('sourceLocation.')) continue;
      if (JSON.stringify(before.get(p)) !== JSON.stringify(after.get(p))) changes.push({ path: p, before: before.get(p), after: after.get(p) });
    }
    if (changes.length === 0) continue;
    const aspects = [...new Set(changes.map((c) => aspectOf(c.path)))].sort() as ChangeAspect[];
    nodesChanged.push({ ...brief(n), aspects, changes, schema: schemaChanges(was.output?.columns, n.output?.columns) });
  }
  const baseEdges = new Set(base.edges.map(edgeKey));
  const headEdges = new Set(head.edges.map(edgeKey));
  const edgesAdded = head.edges.filter((e) => !baseEdges.has(edgeKey(e))).map((e) => ({ from: e.from, to: e.to, kind: e.kind }));
  const edgesRemoved = base.edges.filter((e) => !headEdges.has(edgeKey(e))).map((e) => ({ from: e.from, to: e.to, kind: e.kind }));
  const baseGates = gates(base);
  const headGates = gates(head);
  const gatesAdded = headGates.filter((g) => !baseGates.some((b) => gateKey(b) === gateKey(g)));
  const gatesRemoved = baseGates.filter((g) => !headGates.some((h) => gateKey(h) === gateKey(g)));
  const touched = new Set([...nodesAdded.map((n) => n.node), ...nodesChanged.map((n) => n.node), ...edgesAdded.map((e) => e.to), ...edgesRemoved.map((e) => e.to)].filter((id) => headNodes.has(id)));
  const affected = [...descendants(head, touched)].filter((id) => !touched.has(id)).sort();
  const sinksAffected = [...new Set([...touched, ...affected])].filter((id) => headNodes.get(id)?.kind === 'sink').sort();
  const sinksChanged = [...nodesAdded, ...nodesRemoved, ...nodesChanged].filter((n) => n.kind === 'sink').map((n) => n.node).sort();
  const baseFiles = baseDir ? files(baseDir) : [];
  const headFiles = headDir ? files(headDir) : [];
  const artifactsAdded = headFiles.filter((f) => !baseFiles.includes(f));
  const artifactsRemoved = baseFiles.filter((f) => !headFiles.includes(f));
  const artifactsChanged = headFiles.filter((f) => baseFiles.includes(f) && !fs.readFileSync(path.join(baseDir!, f)).equals(fs.readFileSync(path.join(headDir!, f))));
  const changed = nodesAdded.length + nodesRemoved.length + nodesChanged.length + edgesAdded.length + edgesRemoved.length + artifactsAdded.length + artifactsRemoved.length + artifactsChanged.length > 0;
  return {
    workflow: id,
    status: baseDir === undefined ? 'added' : headDir === undefined ? 'removed' : changed ? 'changed' : 'unchanged',
    nodesAdded, nodesRemoved, nodesChanged, edgesAdded, edgesRemoved, gatesAdded, gatesRemoved, affected, sinksAffected, sinksChanged,
    artifactsAdded, artifactsRemoved, artifactsChanged,
  };
}

/** The changes between two synthesis folders (cloud assemblies or their `tributary/` folders). */
export function diffSyntheses(baseDir: string, headDir: string, labels: { base: string; head: string } = { base: baseDir, head: headDir }): SynthDiff {
  const base = tributaryFolder(baseDir);
  const head = tributaryFolder(headDir);
  const baseIds = workflowIds(base);
  const headIds = workflowIds(head);
  const ids = [...new Set([...baseIds, ...headIds])].sort();
  return {
    ...labels,
    workflows: ids.map((id) => diffWorkflow(id, baseIds.includes(id) ? path.join(base, id) : undefined, headIds.includes(id) ? path.join(head, id) : undefined)),
  };
}

const code = (s: string) => `\`${s}\``;
const show = (v: unknown) => (v === undefined ? '(none)' : JSON.stringify(v).length > 80 ? `${JSON.stringify(v).slice(0, 77)}…` : JSON.stringify(v));

/** The diff as Markdown, fit for a code-review comment. */
export function formatDiff(diff: SynthDiff): string {
  const lines = [`## Tributary diff: ${code(diff.base)} → ${code(diff.head)}`, ''];
  const changed = diff.workflows.filter((w) => w.status !== 'unchanged');
  if (changed.length === 0) return `${lines.join('\n')}\nNo changes.\n`;
  for (const w of changed) {
    lines.push(`### ${w.workflow}${w.status === 'added' ? ' (new workflow)' : w.status === 'removed' ? ' (workflow removed)' : ''}`, '');
    const nodes = [
      ...w.nodesAdded.map((n) => `- added ${code(n.node)} (${n.type})`),
      ...w.nodesRemoved.map((n) => `- removed ${code(n.node)} (${n.type})`),
      ...w.nodesChanged.flatMap((n) => [
        `- changed ${code(n.node)} (${n.type}): ${n.aspects.join(', ')}`,
        ...n.schema.map((s) => `  - ${s}`),
        ...n.changes.filter((c) => aspectOf(c.path) !== 'schema').slice(0, 12).map((c) => `  - ${code(c.path)}: ${show(c.before)} → ${show(c.after)}`),
        ...(n.changes.filter((c) => aspectOf(c.path) !== 'schema').length > 12 ? [`  - … ${n.changes.filter((c) => aspectOf(c.path) !== 'schema').length - 12} more`] : []),
      ]),
    ];
    if (nodes.length > 0) lines.push('**Nodes**', '', ...nodes, '');
    const edges = [...w.edgesAdded.map((e) => `- added ${code(`${e.from} → ${e.to}`)} (${e.kind})`), ...w.edgesRemoved.map((e) => `- removed ${code(`${e.from} → ${e.to}`)} (${e.kind})`)];
    if (edges.length > 0) lines.push('**Edges**', '', ...edges, '');
    const gateLines = [
      ...w.gatesRemoved.map((g) => `- ⚠️ check ${code(g.check)} no longer gates sink ${code(g.sink)}`),
      ...w.gatesAdded.map((g) => `- check ${code(g.check)} now gates sink ${code(g.sink)}`),
    ];
    if (gateLines.length > 0) lines.push('**Gates**', '', ...gateLines, '');
    if (w.affected.length > 0 || w.sinksAffected.length > 0) {
      lines.push('**Affected**', '');
      if (w.affected.length > 0) lines.push(`- downstream nodes: ${w.affected.map(code).join(', ')}`);
      if (w.sinksAffected.length > 0) lines.push(`- sinks: ${w.sinksAffected.map(code).join(', ')}`);
      lines.push('');
    }
    const artifacts = [...w.artifactsAdded.map((f) => `- added ${code(f)}`), ...w.artifactsRemoved.map((f) => `- removed ${code(f)}`), ...w.artifactsChanged.map((f) => `- changed ${code(f)}`)];
    if (artifacts.length > 0) lines.push('**Artifacts**', '', ...artifacts, '');
  }
  return `${lines.join('\n')}`;
}

/** The conditions `--fail-on` can name. */
export const FAIL_ON = ['sink-change', 'gate-removed'] as const;

/** The `--fail-on` conditions a diff meets. */
export function failuresOf(diff: SynthDiff, conditions: readonly string[]): string[] {
  const out: string[] = [];
  for (const w of diff.workflows) {
    if (conditions.includes('sink-change')) for (const s of w.sinksChanged) out.push(`sink-change: ${w.workflow}/${s}`);
    if (conditions.includes('gate-removed')) for (const g of w.gatesRemoved) out.push(`gate-removed: check ${w.workflow}/${g.check} no longer gates sink ${g.sink}`);
  }
  return out;
}
