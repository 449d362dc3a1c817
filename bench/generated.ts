import { App, Size, Stack } from 'aws-cdk-lib/core';
import { DataFormat, ITarget, LogSource, Schedule, SparkTask, WarehouseSink, Workflow, WriteMode } from '../lib';

/**
 * A workflow of `n` nodes in a stack of its own: n/4 log sources, each with a Spark task, a second
 * Spark task joined with the previous one, and a warehouse sink.
 */
export function generatedWorkflow(n: number, targets?: ITarget[]): Workflow {
  const stack = new Stack(new App({ analyticsReporting: false }), 'Bench');
  const workflow = new Workflow(stack, 'Generated', {
    schedule: Schedule.daily({ hour: 1 }), startDate: '2026-01-01', owner: 'bench',
    warehouse: { database: 'analytics', workgroupName: 'etl' }, targets,
  });
  let previous: SparkTask | undefined;
  for (let i = 0; i < n / 4; i++) {
    const logs = new LogSource(workflow, `Logs${i}`, {
      location: `s3://bench-logs/stream${i}/dt={{ds}}/`, format: DataFormat.JSON_LINES, estimatedSize: Size.gibibytes(10 + i),
    });
    const clean = new SparkTask(workflow, `Clean${i}`, { script: 's3://bench-jobs/clean.py', inputs: [logs.output] });
    const join = new SparkTask(workflow, `Join${i}`, {
      script: 's3://bench-jobs/join.py', inputs: previous ? [clean.output, previous.output] : [clean.output],
    });
    new WarehouseSink(workflow, `Load${i}`, { input: join.output, table: `bench.t${i}`, writeMode: WriteMode.overwritePartition() });
    previous = join;
  }
  return workflow;
}
