import * as fs from 'fs';
import * as path from 'path';
import { Testing } from '../../lib';
import { aspectOf, diffSyntheses, flatten, formatDiff, gates, schemaChanges } from '../../lib/diff/diff';
import { tempDir } from '../fixtures';
import { validWorkflow } from '../util';

/** A workflow's artifacts written as `dir/tributary/<id>/…`, as synth writes them. */
function writeSynthesis(files: Record<string, string>, id = 'pipeline'): string {
  const dir = tempDir('tributary-diff-');
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, 'tributary', id, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, 'tributary', id, file), content);
  }
  return dir;
}

test('flatten gives each leaf by JSON path, and each path an aspect', () => {
  // THEN
  expect([...flatten({ a: { b: [1, { c: 2 }] }, d: [] })]).toEqual([['a.b[0]', 1], ['a.b[1].c', 2], ['d', []]]);
  expect(['output.columns[0].type', 'retries', 'properties.sparkConf.x', 'estimatedDurationSeconds', 'upstream[0]', 'properties.sql', 'description'].map(aspectOf))
    .toEqual(['schema', 'retries', 'sizing', 'sizing', 'dependencies', 'props', 'other']);
});

test('schema changes are by column name: added, removed, type and nullability', () => {
  // THEN
  expect(schemaChanges(
    [{ name: 'a', type: 'bigint', nullable: false }, { name: 'b', type: 'string' }, { name: 'c', type: 'int' }],
    [{ name: 'a', type: 'string', nullable: false }, { name: 'b', type: 'string', nullable: false }, { name: 'd', type: 'date' }],
  )).toEqual(['column a: type bigint → string', 'column b: now not null', 'column d added (date)', 'column c removed']);
});

test('a blocking check gates every sink it is on a path to, directly or through other nodes', () => {
  // GIVEN check → task → sink, and check -audit-> sink2
  const graph = {
    workflow: { id: 'w' },
    nodes: [
      { id: 'check', kind: 'task', type: 'QualityCheck', gatesSinks: true },
      { id: 'task', kind: 'task', type: 'SparkTask' },
      { id: 'sink', kind: 'sink', type: 'WarehouseSink' },
      { id: 'sink2', kind: 'sink', type: 'WarehouseSink' },
      { id: 'warn', kind: 'task', type: 'QualityCheck', gatesSinks: false },
    ],
    edges: [{ from: 'check', to: 'task', kind: 'data' }, { from: 'task', to: 'sink', kind: 'data' }, { from: 'check', to: 'sink2', kind: 'audit' }, { from: 'warn', to: 'sink', kind: 'audit' }],
  };

  // THEN
  expect(gates(graph)).toEqual([{ check: 'check', sink: 'sink' }, { check: 'check', sink: 'sink2' }]);
});

test('two identical syntheses have no change; a retries change is reported with its downstream nodes and sink', () => {
  // GIVEN the same workflow twice, then with the source's retries changed in its model
  const { workflow } = validWorkflow();
  const files = Testing.synth(workflow);
  const graph = JSON.parse(files['graph.json']);
  graph.nodes.find((n: { id: string }) => n.id === 'orders').retries = 7;
  const changed = { ...files, 'graph.json': JSON.stringify(graph) };

  // WHEN
  const same = diffSyntheses(writeSynthesis(files), writeSynthesis(files), { base: 'a', head: 'b' });
  const diff = diffSyntheses(writeSynthesis(files), writeSynthesis(changed), { base: 'a', head: 'b' });

  // THEN
  expect(same.workflows.map((w) => w.status)).toEqual(['unchanged']);
  expect(formatDiff(same)).toBe('## Tributary diff: `a` → `b`\n\nNo changes.\n');
  const [w] = diff.workflows;
  expect(w.nodesChanged).toEqual([{ node: 'orders', type: 'DatabaseSource', kind: 'source', aspects: ['retries'], changes: [{ path: 'retries', before: expect.any(Number), after: 7 }], schema: [] }]);
  expect(w.affected).toEqual(['enrich', 'load']);
  expect(w.sinksAffected).toEqual(['load']);
  expect(w.artifactsChanged).toEqual(['graph.json']);
});

test('a workflow only on one side is reported as added or removed', () => {
  // GIVEN
  const files = Testing.synth(validWorkflow().workflow);

  // WHEN
  const diff = diffSyntheses(writeSynthesis(files, 'old_one'), writeSynthesis(files, 'new_one'));

  // THEN
  expect(diff.workflows.map((w) => [w.workflow, w.status])).toEqual([['new_one', 'added'], ['old_one', 'removed']]);
  expect(formatDiff(diff)).toMatch(/### new_one \(new workflow\)[\s\S]*### old_one \(workflow removed\)/);
});
