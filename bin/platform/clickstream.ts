import { Duration, Size } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import { schemas } from './schemas';
import {
  ApiSource, CheckRule, DataFormat, EventBus, EventSink, LogSource, Pagination, QualityCheck, Schedule, Secret,
  SparkTask, StepFunctionsOrchestration, WarehouseSink, Workflow, WriteMode,
} from '../../lib';

/**
 * Clickstream: 10 TiB of application logs a day, sessionized and aggregated on Spark, joined
 * with ad spend from a third-party API, and loaded to the warehouse.
 */
export function clickstreamWorkflow(scope: Construct): Workflow {
  const workflow = new Workflow(scope, 'Clickstream', {
    schedule: Schedule.daily({ hour: 3, minute: 30 }),
    startDate: '2026-01-01',
    owner: 'growth-data@acme.example',
    description: 'Web and app events turned into sessions, engagement and campaign attribution.',
    defaults: { retries: 3, timeout: Duration.hours(6) },
    tags: { domain: 'growth', tier: 'gold' },
    lakeLocation: 's3://acme-lake/clickstream',
    warehouse: { database: 'analytics', workgroupName: 'etl' },
  });
  new StepFunctionsOrchestration(scope, 'ClickstreamOrchestration', { workflow });

  const events = new LogSource(workflow, 'ClickstreamLogs', {
    description: "The day's web and app events, written by the collectors.",
    location: 's3://acme-logs/clickstream/dt={{ds}}/',
    format: DataFormat.JSON_LINES,
    arrivalTimeout: Duration.hours(4),
    estimatedSize: Size.tebibytes(10),
    schema: schemas.clickEvents,
  });

  const sessions = new SparkTask(workflow, 'Sessionize', {
    description: 'Group events into sessions of at most 30 idle minutes.',
    script: 's3://acme-jobs/clickstream/sessionize.py',
    arguments: ['--ds', '{{ds}}', '--idle-minutes', '30'],
    inputs: [events.output],
    requiredColumns: [
      { name: 'anonymous_id', type: schemas.clickEvents.findColumn('anonymous_id')!.type },
      { name: 'event_time', type: schemas.clickEvents.findColumn('event_time')!.type },
    ],
    output: { schema: schemas.sessions, estimatedSize: Size.gibibytes(700) },
    expectedDuration: Duration.minutes(90),
  });

  const sessionsChecked = new QualityCheck(workflow, 'SessionsQuality', {
    input: sessions.output,
    rules: [
      CheckRule.notNull(['session_id', 'anonymous_id', 'started_at']),
      CheckRule.unique(['session_id']),
      CheckRule.freshness('ended_at', Duration.hours(26)),
    ],
  });

  const engagement = new SparkTask(workflow, 'Engagement', {
    description: 'Sessions, page views and active minutes per known customer.',
    script: 's3://acme-jobs/clickstream/engagement.py',
    inputs: [sessionsChecked.output],
    requiredColumns: [{ name: 'customer_id', type: schemas.sessions.findColumn('customer_id')!.type }],
    output: { schema: schemas.engagement, estimatedSize: Size.gibibytes(4) },
  });

  const adSpend = new ApiSource(workflow, 'AdSpend', {
    description: "Yesterday's spend per campaign from the ad network.",
    baseUrl: 'https://ads.example.net/api/v3',
    path: '/reports/spend',
    query: { date: '{{ds}}', granularity: 'campaign' },
    auth: Secret.fromAirflowConnection('ad_network'),
    pagination: Pagination.cursor({ cursorParam: 'after', nextCursorPath: 'paging.next' }),
    maxRequestsPerSecond: 1,
    schema: schemas.adSpend,
    estimatedSize: Size.mebibytes(20),
  });

  const attribution = new SparkTask(workflow, 'Attribution', {
    description: 'Sessions and spend per campaign: cost per session.',
    script: 's3://acme-jobs/clickstream/attribution.py',
    inputs: [sessionsChecked.output, adSpend.output],
    requiredColumns: [{ name: 'campaign_id', type: schemas.adSpend.findColumn('campaign_id')!.type }],
    output: { schema: schemas.attribution, estimatedSize: Size.mebibytes(50) },
  });

  const loadSessions = new WarehouseSink(workflow, 'LoadSessions', {
    input: sessions.output,
    table: 'analytics.sessions',
    dateColumn: 'ds',
    writeMode: WriteMode.overwritePartition(),
  });

  const loadEngagement = new WarehouseSink(workflow, 'LoadEngagement', {
    input: engagement.output,
    table: 'analytics.customer_engagement',
    dateColumn: 'ds',
    writeMode: WriteMode.overwritePartition(),
  });

  const loadAttribution = new WarehouseSink(workflow, 'LoadAttribution', {
    input: attribution.output,
    table: 'marts.campaign_attribution',
    dateColumn: 'ds',
    writeMode: WriteMode.overwritePartition(),
  });

  new EventSink(workflow, 'ClickstreamReady', {
    inputs: [engagement.output, attribution.output],
    bus: EventBus.eventBridge('data-platform'),
    source: 'com.acme.data.clickstream',
    detailType: 'ClickstreamDayLoaded',
  }).addDependency(loadSessions, loadEngagement, loadAttribution);

  return workflow;
}
