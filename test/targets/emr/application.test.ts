import { App, Duration, Size } from 'aws-cdk-lib/core';
import { DataPlatformStack } from '../../../bin/platform';
import { SparkTask, Testing } from '../../../lib';
import { emrApplicationSpec, EmrApplicationSpec } from '../../../lib/targets/emr/application';
import { emrJobNodes, planJob } from '../../../lib/targets/emr/jobs';
import { newWorkflow, ordersSource } from '../../util';

function vcpu(spec: EmrApplicationSpec): number {
  return Number(/^(\d+) vCPU$/.exec(spec.maximumCapacity.cpu)![1]);
}

/** A job's vCPU demand: driver plus maxExecutors executors, read from its spec. */
function jobCpu(graph: any, id: string): number {
  const conf = new Map(planJob(graph, id)!.submitConf);
  return Number(conf.get('spark.driver.cores')) + Number(conf.get('spark.dynamicAllocation.maxExecutors')) * Number(conf.get('spark.executor.cores'));
}

test('the application runs EMR 7.10.0 on ARM64 and stops after 15 idle minutes', () => {
  // GIVEN
  const workflow = newWorkflow();
  ordersSource(workflow);

  // WHEN
  const spec = emrApplicationSpec(workflow.toGraph());

  // THEN
  expect([spec.releaseLabel, spec.architecture, spec.autoStopIdleMinutes]).toEqual(['emr-7.10.0', 'ARM64', 15]);
  expect(spec.maximumCapacity.cpu).toMatch(/^\d+ vCPU$/);
  expect(spec.maximumCapacity.memory).toMatch(/^\d+ GB$/);
  expect(spec.maximumCapacity.disk).toMatch(/^\d+ GB$/);
});

test('jobs that run one after the other need only the larger one\'s capacity', () => {
  // GIVEN a source and a task that waits for it
  const workflow = newWorkflow();
  const orders = ordersSource(workflow, 'Orders', Size.gibibytes(20));
  new SparkTask(workflow, 'Enrich', { script: 's3://jobs-bucket/enrich.py', inputs: [orders.output], resources: { maxExecutors: 50 } });
  const graph = workflow.toGraph();

  // THEN
  expect(vcpu(emrApplicationSpec(graph))).toBe(Math.max(jobCpu(graph, 'orders'), jobCpu(graph, 'enrich')));
  expect(jobCpu(graph, 'enrich')).toBe(2 + 50 * 4);
});

test('jobs that overlap in the schedule add up', () => {
  // GIVEN two independent sources and a task reading both
  const workflow = newWorkflow();
  const a = ordersSource(workflow, 'A', Size.gibibytes(100));
  const b = ordersSource(workflow, 'B', Size.gibibytes(300));
  new SparkTask(workflow, 'Join', { script: 's3://jobs-bucket/join.py', inputs: [a.output, b.output], expectedDuration: Duration.minutes(5) });
  const graph = workflow.toGraph();

  // THEN
  expect(vcpu(emrApplicationSpec(graph))).toBe(jobCpu(graph, 'a') + jobCpu(graph, 'b'));
});

test('every job of the reference platform fits its application\'s capacity, the 10 TiB jobs included', () => {
  // GIVEN
  const stack = new DataPlatformStack(new App({ analyticsReporting: false }), 'DataPlatform');

  for (const workflow of stack.workflows) {
    const graph = Testing.graph(workflow);
    // WHEN
    const capacity = vcpu(emrApplicationSpec(graph));
    // THEN
    for (const node of emrJobNodes(graph)) expect(jobCpu(graph, node.id)).toBeLessThanOrEqual(capacity);
  }
  const clickstream = Testing.graph(stack.workflows.find((w) => w.workflowId === 'clickstream')!);
  expect(vcpu(emrApplicationSpec(clickstream))).toBeGreaterThanOrEqual(jobCpu(clickstream, 'sessionize'));
  expect(jobCpu(clickstream, 'sessionize')).toBeGreaterThan(1000);
});

test('a workflow without EMR jobs still gets a valid minimal capacity', () => {
  // GIVEN
  const workflow = newWorkflow();

  // THEN
  expect(emrApplicationSpec(workflow.toGraph()).maximumCapacity).toEqual({ cpu: '1 vCPU', memory: '2 GB', disk: '20 GB' });
});
