import { App, Stack } from 'aws-cdk-lib/core';
import { Testing } from 'tributary';
import { dailyEvents } from '../lib/daily-events';

test('the daily events workflow', () => {
  // GIVEN the workflow in a stack of its own
  const workflow = dailyEvents(new Stack(new App({ outdir: 'cdk.out' }), 'Test'));

  // WHEN it is synthesized in memory
  const files = Testing.synth(workflow);

  // THEN its graph is as reviewed, it loads after cleaning, and validation finds nothing
  expect(files['graph.json']).toMatchSnapshot();
  expect(Testing.graph(workflow).upstreamOf('load_events')).toEqual(['clean_events']);
  expect(Testing.diagnostics(workflow)).toEqual([]);
});
