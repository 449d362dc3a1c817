import { Construct } from 'constructs';
import { CheckRule, Dataset, Engine, NodeKind, QualityCheck, SparkTask, SqlTask, Task, Testing } from '../../lib';
import { NodeDescription, NodeProps } from '../../lib/core/node';
import { newWorkflow, ordersSource } from '../util';

/** A task kind written outside the library: copies its input with a shell command. */
class CopyTask extends Task {
  public readonly output: Dataset;

  constructor(scope: Construct, id: string, input: Dataset, props: NodeProps = {}) {
    super(scope, id, props);
    this.addInput(input);
    this.output = new Dataset(this, this.defaultLocation(), { schema: input.schema });
  }

  public _describe(): NodeDescription {
    return { type: 'CopyTask', engine: Engine.SINGLE_WORKER, properties: {}, requiredColumns: [{ name: 'order_id', role: 'copy key' }] };
  }
}

test('every task kind is a TASK node', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);

  // WHEN
  const tasks: Task[] = [
    new SparkTask(workflow, 'Enrich', { script: 's3://jobs-bucket/enrich.py', inputs: [orders.output] }),
    new SqlTask(workflow, 'Revenue', { sql: 'select 1', inputs: [orders.output], table: 'marts.revenue' }),
    new QualityCheck(workflow, 'Check', { input: orders.output, rules: [CheckRule.rowCountAtLeast(1)] }),
  ];

  // THEN
  expect(tasks.map((t) => t.kind)).toEqual([NodeKind.TASK, NodeKind.TASK, NodeKind.TASK]);
  expect(tasks.map((t) => Testing.graph(workflow).node(t.nodeId).kind)).toEqual(['task', 'task', 'task']);
});

test('a task kind defined outside the library appears in the graph with its input, output and columns', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);

  // WHEN
  new CopyTask(workflow, 'CopyOrders', orders.output);

  // THEN
  const graph = Testing.graph(workflow);
  expect(graph.node('copy_orders')).toMatchObject({
    kind: 'task',
    type: 'CopyTask',
    engine: 'single_worker',
    inputs: ['orders'],
    upstream: ['orders'],
    requiredColumns: [{ name: 'order_id', role: 'copy key' }],
    output: { id: 'copy_orders', format: 'parquet' },
  });
  expect(graph.node('copy_orders').output!.columns!.map((c) => c.name)).toEqual(['order_id', 'customer_id', 'amount', 'updated_at']);
  expect(graph.edges).toEqual([{ from: 'orders', to: 'copy_orders', kind: 'data' }]);
});

test('a task\'s output can feed another task', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  const copy = new CopyTask(workflow, 'Copy', orders.output);

  // WHEN
  new SparkTask(workflow, 'Enrich', { script: 's3://jobs-bucket/enrich.py', inputs: [copy.output] });

  // THEN
  expect(Testing.graph(workflow).order).toEqual(['orders', 'copy', 'enrich']);
});
