import { App } from 'aws-cdk-lib/core';
import { DataPlatformStack } from '../../bin/platform';
import { Testing } from '../../lib';
import { emrJobNodes } from '../../lib/targets/emr/jobs';
import { checkWorker, parseSparkMemoryMib } from '../../lib/targets/emr/sizing';

const stack = new DataPlatformStack(new App({ analyticsReporting: false }), 'DataPlatform');
const files: Record<string, string> = {};
for (const workflow of stack.workflows) {
  for (const [file, content] of Object.entries(Testing.synth(workflow))) {
    if (file.startsWith('emr/')) files[`${workflow.workflowId}/${file}`] = content;
  }
}

test('every EMR job node of the reference platform has a spec, and nothing else does', () => {
  // THEN
  const expected = stack.workflows.flatMap((w) => emrJobNodes(Testing.graph(w)).map((n) => `${w.workflowId}/emr/${n.id}.json`));
  expect(Object.keys(files).sort()).toEqual(expected.sort());
  for (const w of stack.workflows) {
    for (const n of Testing.graph(w).nodes.filter((x) => x.engine === 'spark')) expect(files[`${w.workflowId}/emr/${n.id}.json`]).toBeDefined();
  }
});

test('every spec of the reference platform asks for workers inside the EMR Serverless limits', () => {
  for (const [file, content] of Object.entries(files)) {
    const conf = Object.fromEntries(JSON.parse(content).jobDriver.sparkSubmit.sparkSubmitParameters.split(/\s*--conf\s+/).filter(Boolean)
      .map((kv: string) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
    // THEN
    expect([file, checkWorker(Number(conf['spark.driver.cores']), parseSparkMemoryMib(conf['spark.driver.memory'])!)]).toEqual([file, undefined]);
    expect([file, checkWorker(Number(conf['spark.executor.cores']), parseSparkMemoryMib(conf['spark.executor.memory'])!)]).toEqual([file, undefined]);
  }
});

test('the 10 TiB sessionization is sized for its data: tens of thousands of shuffle partitions', () => {
  // WHEN
  const spec = JSON.parse(files['clickstream/emr/sessionize.json']);
  const props = spec.configurationOverrides.applicationConfiguration[0].properties;

  // THEN
  expect(Number(props['spark.sql.adaptive.coalescePartitions.initialPartitionNum'])).toBeGreaterThan(10_000);
  expect(spec.jobDriver.sparkSubmit.sparkSubmitParameters).toContain('spark.emr-serverless.executor.disk.type=shuffle_optimized');
});

test.each(Object.keys(files).sort())('%s matches its snapshot', (file) => {
  // THEN
  expect(files[file]).toMatchSnapshot();
});
