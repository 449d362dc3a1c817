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
