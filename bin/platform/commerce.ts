import { Duration, Size } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import { schemas } from './schemas';
import {
  ApiSource, CheckRule, DatabaseEngine, DatabaseSource, EventBus, EventSink, IngestMode, QualityCheck,
  Schedule, Secret, SparkTask, SqlTask, StepFunctionsOrchestration, WarehouseSink, Workflow, WriteMode,
} from '../../lib';

/**
 * Commerce: the OLTP orders table (12 TiB, read incrementally), customers (snapshot export) and
 * products, enriched with daily FX rates on Spark, audited, merged into Redshift and announced.
 */
export function commerceWorkflow(scope: Construct): Workflow {
  const workflow = new Workflow(scope, 'Commerce', {
    schedule: Schedule.daily({ hour: 2 }),
    startDate: '2026-01-01',
    owner: 'data-platform@acme.example',
    description: 'Orders, customers and products from the OLTP database, in USD, loaded to the warehouse.',
    defaults: { retries: 2, retryDelay: Duration.minutes(10), timeout: Duration.hours(4) },
    tags: { domain: 'commerce', tier: 'gold' },
    lakeLocation: 's3://acme-lake/commerce',
    warehouse: { database: 'analytics', workgroupName: 'etl', secret: Secret.fromSecretsManager('prod/redshift/etl') },
  });
  new StepFunctionsOrchestration(scope, 'CommerceOrchestration', { workflow });

  const orders = new DatabaseSource(workflow, 'Orders', {
    description: "The day's new and updated orders from the orders table.",
    engine: DatabaseEngine.POSTGRES,
    connection: Secret.fromSecretsManager('prod/orders-db/reader'),
    table: 'public.orders',
    ingest: IngestMode.incremental({ cursorColumn: 'updated_at', lookback: Duration.hours(2) }),
    partitionedRead: { column: 'order_id', numPartitions: 64 },
    tableSize: Size.tebibytes(12),
    estimatedSize: Size.gibibytes(180),
    schema: schemas.orders,
  });

  const customers = new DatabaseSource(workflow, 'Customers', {
    description: 'A consistent snapshot of the customers table, exported from a clone.',
    engine: DatabaseEngine.POSTGRES,
    connection: Secret.fromSecretsManager('prod/orders-db/reader'),
    table: 'public.customers',
    ingest: IngestMode.snapshotExport(),
    estimatedSize: Size.gibibytes(600),
    schema: schemas.customers,
  });

  const products = new DatabaseSource(workflow, 'Products', {
    description: 'The product catalogue: small, read in full.',
    engine: DatabaseEngine.MYSQL,
    connection: Secret.fromSecretsManager('prod/catalog-db/reader'),
    table: 'catalog.products',
    ingest: IngestMode.fullTable(),
    estimatedSize: Size.gibibytes(2),
    schema: schemas.products,
  });

  const fxRates = new ApiSource(workflow, 'FxRates', {
    description: 'Daily reference exchange rates.',
    baseUrl: 'https://api.fxrates.example.com/v1',
    path: '/rates/{{ds}}',
    query: { base: 'USD' },
    auth: Secret.fromSecretsManager('prod/fxrates/api-key'),
    maxRequestsPerSecond: 2,
    schema: schemas.fxRates,
    estimatedSize: Size.kibibytes(64),
  });

  const enriched = new SparkTask(workflow, 'EnrichOrders', {
    description: 'Join orders with customers and products and convert amounts to USD.',
    script: 's3://acme-jobs/commerce/enrich_orders.py',
    inputs: [orders.output, customers.output, products.output, fxRates.output],
    requiredColumns: [
      { name: 'order_id', type: schemas.orders.findColumn('order_id')!.type },
      { name: 'customer_id', type: schemas.orders.findColumn('customer_id')!.type },
      { name: 'amount', type: schemas.orders.findColumn('amount')!.type },
      { name: 'rate_to_usd', type: schemas.fxRates.findColumn('rate_to_usd')!.type },
    ],
    output: { schema: schemas.enrichedOrders, estimatedSize: Size.gibibytes(150) },
    expectedDuration: Duration.minutes(40),
  });

  const checked = new QualityCheck(workflow, 'EnrichedOrdersQuality', {
    description: 'No order without a key or an amount; one row per order; at least the usual volume.',
    input: enriched.output,
    rules: [
      CheckRule.notNull(['order_id', 'customer_id', 'amount_usd']),
      CheckRule.unique(['order_id']),
      CheckRule.rowCountAtLeast(100_000),
    ],
  });

  const loadOrders = new WarehouseSink(workflow, 'LoadOrders', {
    description: 'Upsert the enriched orders into analytics.orders.',
    input: enriched.output,
    table: 'analytics.orders',
    writeMode: WriteMode.merge(['order_id']),
  });

  const revenue = new SqlTask(workflow, 'DailyRevenue', {
    description: 'Revenue by country and category of the orders placed on the day.',
    inputs: [checked.output],
    table: 'marts.daily_revenue',
    dateColumn: 'ds',
    sql: [
      "DELETE FROM marts.daily_revenue WHERE ds = '{{ds}}';",
      'INSERT INTO marts.daily_revenue',
      "SELECT DATE '{{ds}}', country, category, SUM(amount_usd), COUNT(*) FROM analytics.orders",
      "WHERE created_at::date = '{{ds}}' GROUP BY country, category;",
    ].join('\n'),
    requiredColumns: [
      { name: 'amount_usd', type: schemas.enrichedOrders.findColumn('amount_usd')!.type },
      { name: 'created_at', type: schemas.enrichedOrders.findColumn('created_at')!.type },
    ],
    schema: schemas.dailyRevenue,
  });
  // The mart reads analytics.orders, which LoadOrders writes: data flows through the warehouse.
  revenue.addDependency(loadOrders);

  new EventSink(workflow, 'CommerceReady', {
    description: 'Tell downstream consumers that the day of orders and revenue is in the warehouse.',
    inputs: [revenue.output],
    bus: EventBus.eventBridge('data-platform'),
    source: 'com.acme.data.commerce',
    detailType: 'CommerceDayLoaded',
  }).addDependency(loadOrders);

  return workflow;
}
