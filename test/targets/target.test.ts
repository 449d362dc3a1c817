import * as fs from 'fs';
import * as path from 'path';
import { ArtifactFile, ITarget, Testing, WarehouseSink, WorkflowGraph, WriteMode } from '../../lib';
import { newWorkflow, ordersSource } from '../util';

test('any object with a name and a render function is a target, and its files land beside the others', () => {
  // GIVEN a target written as a plain object, rendering one file from the model
  const lineage: ITarget = {
    name: 'lineage',
    render: (graph: WorkflowGraph): ArtifactFile[] => [{
      path: 'lineage/edges.txt',
      content: graph.edges.map((e) => `${e.from} -> ${e.to}`).join('\n') + '\n',
    }],
  };
  const workflow = newWorkflow({ targets: [lineage] });
  new WarehouseSink(workflow, 'Load', { input: ordersSource(workflow).output, table: 'analytics.orders', writeMode: WriteMode.merge(['order_id']) });

  // WHEN
  const files = Testing.synth(workflow);

  // THEN
  expect(files).toEqual({ 'lineage/edges.txt': 'orders -> load\n' });
});

test('targets read only the model: no target module imports a construct, the deploy constructs or another target (except the shared EMR job specs and warehouse SQL)', () => {
  // GIVEN every import of every module under lib/targets/<target>/, resolved to a path under lib/
  const lib = path.resolve(__dirname, '..', '..', 'lib');
  const modules = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? modules(path.join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path.join(dir, e.name)] : []);
  const targets = fs.readdirSync(path.join(lib, 'targets'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  const imports = targets.flatMap((target) => modules(path.join(lib, 'targets', target)).flatMap((file) =>
    [...fs.readFileSync(file, 'utf-8').matchAll(/from '(\.[^']*)'/g)].map((m) => ({
      target, file: path.relative(lib, file), imported: path.relative(lib, path.resolve(path.dirname(file), m[1])),
    }))));

  // WHEN the forbidden ones are picked out
  const forbidden = imports.filter(({ target, imported }) => {
    const [top, second] = imported.split(path.sep);
    if (['core', 'sources', 'tasks', 'sinks', 'deploy', 'synth', 'testing', 'cli'].includes(top) || imported === 'index') return true;
    return top === 'targets' && second !== undefined && second !== target && !['emr', 'warehouse'].includes(second) && !second.startsWith('target');
  });

  // THEN there are imports to check, and none of them is forbidden
  expect(imports.length).toBeGreaterThan(50);
  expect(forbidden.map((i) => `${i.file} imports ${i.imported}`)).toEqual([]);
});
