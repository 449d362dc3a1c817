import { Duration, Size } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import { schemas } from './schemas';
import {
  ApiSink, ApiSource, CheckRule, DatabaseEngine, DatabaseSource, EventBus, EventPayload, EventSink, IngestMode,
  Pagination, QualityCheck, Schedule, Secret, SparkTask, SqlTask, StepFunctionsOrchestration, WarehouseSink, Workflow, WriteMode,
} from '../../lib';

/**
 * Customer 360: CRM accounts and support tickets from third-party APIs with subscriptions from
 * the billing database, built into profiles, scored for churn, and pushed back to the CRM.
 */
export function customer360Workflow(scope: Construct): Workflow {
  const workflow = new Workflow(scope, 'Customer360', {
    schedule: Schedule.cron('0 5 * * *'),
    startDate: '2026-03-01',
    owner: 'crm-data@acme.example',
    description: 'One profile per customer, a churn score, and the score pushed to the CRM.',
    tags: { domain: 'customer', tier: 'silver' },
    lakeLocation: 's3://acme-lake/customer360',
    warehouse: { database: 'analytics', workgroupName: 'etl' },
  });
  new StepFunctionsOrchestration(scope, 'Customer360Orchestration', { workflow });

  const accounts = new ApiSource(workflow, 'CrmAccounts', {
    description: 'Accounts changed during the day, from the CRM.',
    baseUrl: 'https://crm.example.com/api/v2',
    path: '/accounts',
    // A closed window, so that a backfill of a past date reads the same records as the original run.
    query: { updated_since: '{{ds}}', updated_before: '{{next_ds}}' },
    auth: Secret.fromSecretsManager('prod/crm/api'),
    pagination: Pagination.cursor({ cursorParam: 'cursor', nextCursorPath: 'meta.next_cursor' }),
    maxRequestsPerSecond: 10,
    schema: schemas.crmAccounts,
    estimatedSize: Size.mebibytes(300),
  });

  const tickets = new ApiSource(workflow, 'SupportTickets', {
    description: 'Tickets opened or updated during the day, from the help desk.',
    baseUrl: 'https://helpdesk.example.org/api',
    path: '/tickets/search',
    query: { updated: '{{ds}}' },
    auth: Secret.fromAirflowConnection('helpdesk_api'),
    pagination: Pagination.page({ pageParam: 'page', pageSizeParam: 'per_page', pageSize: 100 }),
    maxRequestsPerSecond: 3,
    schema: schemas.supportTickets,
    estimatedSize: Size.mebibytes(80),
  });

  const subscriptions = new DatabaseSource(workflow, 'Subscriptions', {
    description: 'Subscription changes from the billing database, compacted from the CDC stream.',
    engine: DatabaseEngine.MYSQL,
    connection: Secret.fromSecretsManager('prod/billing-db/reader'),
    table: 'billing.subscriptions',
    ingest: IngestMode.changeDataCapture(),
    tableSize: Size.gibibytes(900),
    estimatedSize: Size.gibibytes(6),
    schema: schemas.subscriptions,
  });

  const profiles = new SparkTask(workflow, 'BuildProfiles', {
    description: 'One row per customer with CRM account, plan, MRR and open tickets.',
    script: 's3://acme-jobs/customer360/build_profiles.py',
    inputs: [accounts.output, tickets.output, subscriptions.output],
    requiredColumns: [
      { name: 'account_id', type: schemas.crmAccounts.findColumn('account_id')!.type },
      { name: 'customer_id', type: schemas.subscriptions.findColumn('customer_id')!.type },
      { name: 'mrr_usd', type: schemas.subscriptions.findColumn('mrr_usd')!.type },
    ],
    output: { schema: schemas.customerProfiles, estimatedSize: Size.gibibytes(3) },
    resources: { executorCpu: 4, executorMemory: Size.gibibytes(16), maxExecutors: 20 },
  });

  const profilesChecked = new QualityCheck(workflow, 'ProfilesQuality', {
    input: profiles.output,
    rules: [
      CheckRule.unique(['customer_id']),
      CheckRule.notNull(['customer_id']),
      CheckRule.customSql('mrr_not_negative', 'SELECT customer_id FROM {{table}} WHERE mrr_usd < 0'),
    ],
  });

  const loadProfiles = new WarehouseSink(workflow, 'LoadProfiles', {
    input: profiles.output,
    table: 'analytics.customer_profiles',
    writeMode: WriteMode.merge(['customer_id']),
  });

  const churn = new SqlTask(workflow, 'ChurnScores', {
    description: 'Score churn risk from plan, MRR trend and open tickets.',
    inputs: [profilesChecked.output],
    table: 'marts.churn_scores',
    dateColumn: 'scored_on',
    sql: [
      "DELETE FROM marts.churn_scores WHERE scored_on = '{{ds}}';",
      'INSERT INTO marts.churn_scores',
      "SELECT customer_id, account_id, marts.churn_model(plan, mrr_usd, open_tickets), DATE '{{ds}}'",
      'FROM analytics.customer_profiles WHERE account_id IS NOT NULL;',
    ].join('\n'),
    requiredColumns: [{ name: 'open_tickets', type: schemas.customerProfiles.findColumn('open_tickets')!.type }],
    schema: schemas.churnScores,
    estimatedSize: Size.mebibytes(200),
    timeout: Duration.hours(1),
  });
  churn.addDependency(loadProfiles);

  const scoresChecked = new QualityCheck(workflow, 'ChurnScoresQuality', {
    input: churn.output,
    rules: [CheckRule.notNull(['account_id', 'churn_score']), CheckRule.rowCountAtLeast(1000)],
  });

  // The push job reads files in the lake, not warehouse tables (TRB064): the checked day's scores are unloaded first.
  const scoresUnloaded = new SparkTask(workflow, 'UnloadChurnScores', {
    description: "The day's checked churn scores, unloaded from the warehouse to the lake for the CRM push.",
    script: 's3://acme-jobs/customer360/unload_churn_scores.py',
    arguments: ['--ds', '{{ds}}'],
    inputs: [scoresChecked.output],
    output: { schema: schemas.churnScores, estimatedSize: Size.mebibytes(200) },
  });

  new ApiSink(workflow, 'PushScoresToCrm', {
    description: "Write each account's churn score to the CRM.",
    input: scoresUnloaded.output,
    url: 'https://crm.example.com/api/v2/accounts/batch',
    auth: Secret.fromSecretsManager('prod/crm/api'),
    batchSize: 200,
    maxRequestsPerSecond: 5,
    idempotencyKey: 'account_id',
  });

  new EventSink(workflow, 'ProfileUpdates', {
    description: 'One event per changed profile, for the customer-facing services.',
    inputs: [profilesChecked.output],
    bus: EventBus.kafka({ topic: 'customer-profiles.v1', connection: Secret.fromSecretsManager('prod/msk/producer') }),
    source: 'com.acme.data.customer360',
    detailType: 'CustomerProfileUpdated',
    payload: EventPayload.records('customer_id'),
  });

  return workflow;
}
