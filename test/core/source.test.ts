import { Size } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import { ApiSource, DataFormat, Dataset, Engine, LogSource, NodeKind, Source, Testing } from '../../lib';
import { NodeDescription, NodeProps } from '../../lib/core/node';
import { newWorkflow, ordersSource } from '../util';

/** A source kind written outside the library, the way a platform team would add one. */
class ManualUploadSource extends Source {
  public readonly output: Dataset;

  constructor(scope: Construct, id: string, props: NodeProps = {}) {
    super(scope, id, props);
    this.output = new Dataset(this, this.defaultLocation(), { format: DataFormat.CSV });
  }

  public _describe(): NodeDescription {
    return { type: 'ManualUploadSource', engine: Engine.SENSOR, properties: { bucket: 'uploads' } };
  }
}

test('every source kind is a SOURCE node', () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  const sources: Source[] = [
    ordersSource(workflow),
    new LogSource(workflow, 'Clicks', { location: 's3://acme-logs/clicks/dt={{ds}}/', format: DataFormat.JSON_LINES }),
    new ApiSource(workflow, 'Rates', { baseUrl: 'https://api.example.com', path: '/rates/{{ds}}' }),
  ];

  // THEN
  expect(sources.map((s) => s.kind)).toEqual([NodeKind.SOURCE, NodeKind.SOURCE, NodeKind.SOURCE]);
  expect(Testing.graph(workflow).nodes.map((n) => n.kind)).toEqual(['source', 'source', 'source']);
});

test('a source kind defined outside the library appears in the graph with its description', () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  new ManualUploadSource(workflow, 'PriceList', { description: 'Prices uploaded by hand' });

  // THEN
  expect(Testing.graph(workflow).node('price_list')).toMatchObject({
    kind: 'source',
    type: 'ManualUploadSource',
    engine: 'sensor',
    description: 'Prices uploaded by hand',
    inputs: [],
    upstream: [],
    properties: { bucket: 'uploads' },
    output: { id: 'price_list', location: 's3://test-lake/pipeline/price_list/ds={{ds}}/', format: 'csv' },
    requiredColumns: [],
    readsInputData: true,
    gatesSinks: false,
  });
});

test('a source has no inputs, so its duration is estimated from the size of its own output', () => {
  // GIVEN
  const workflow = newWorkflow();

  // WHEN
  ordersSource(workflow, 'Small', Size.gibibytes(1));
  ordersSource(workflow, 'Large', Size.tebibytes(10));

  // THEN
  const graph = Testing.graph(workflow);
  expect(graph.node('small').inputs).toEqual([]);
  expect(graph.node('large').estimatedDurationSeconds).toBeGreaterThan(graph.node('small').estimatedDurationSeconds);
});
