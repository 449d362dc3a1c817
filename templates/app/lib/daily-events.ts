import { Size } from 'aws-cdk-lib/core';
import type { Construct } from 'constructs';
import { DataFormat, LogSource, Schedule, SparkTask, WarehouseSink, Workflow, WriteMode } from 'tributary';

/** The day's application events: read from S3, cleaned on Spark, loaded to the warehouse. */
export function dailyEvents(scope: Construct): Workflow {
  const workflow = new Workflow(scope, 'DailyEvents', {
    schedule: Schedule.daily({ hour: 2 }),
    startDate: '2026-01-01',
    owner: 'data-team@example.com',
    // The bucket and prefix your nodes write their day partitions under: one you own.
    lakeLocation: 's3://example-lake/daily-events',
    warehouse: { database: 'analytics', workgroupName: 'etl' },
  });

  const events = new LogSource(workflow, 'Events', {
    location: 's3://example-logs/events/dt={{ds}}/',
    format: DataFormat.JSON_LINES,
    estimatedSize: Size.gibibytes(20),
  });

  const cleaned = new SparkTask(workflow, 'CleanEvents', {
    script: 's3://example-jobs/clean_events.py',
    inputs: [events.output],
  });

  new WarehouseSink(workflow, 'LoadEvents', {
    input: cleaned.output,
    table: 'analytics.events',
    writeMode: WriteMode.overwritePartition(),
  });

  return workflow;
}
