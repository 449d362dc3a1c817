"""Commerce: the OLTP orders table (12 TiB, read incrementally), customers (snapshot export) and
products, enriched with daily FX rates on Spark, audited, merged into Redshift and announced."""
from aws_cdk import Duration, Size
from constructs import Construct
from tributary import (
    ApiSource, CheckRule, Column, DatabaseEngine, DatabaseSource, DatasetOptions, EventBus, EventSink,
    IngestMode, NodeDefaults, PartitionedRead, QualityCheck, Schedule, Secret, SparkTask, SqlTask,
    StepFunctionsOrchestration, WarehouseConnection, WarehouseSink, Workflow, WriteMode,
)

from . import schemas


def commerce_workflow(scope: Construct) -> Workflow:
    workflow = Workflow(scope, "Commerce",
        schedule=Schedule.daily(hour=2),
        start_date="2026-01-01",
        owner="data-platform@acme.example",
        description="Orders, customers and products from the OLTP database, in USD, loaded to the warehouse.",
        defaults=NodeDefaults(retries=2, retry_delay=Duration.minutes(10), timeout=Duration.hours(4)),
        tags={"domain": "commerce", "tier": "gold"},
        lake_location="s3://acme-lake/commerce",
        warehouse=WarehouseConnection(
            database="analytics", workgroup_name="etl", secret=Secret.from_secrets_manager("prod/redshift/etl"),
        ),
    )
    StepFunctionsOrchestration(scope, "CommerceOrchestration", workflow=workflow)

    orders = DatabaseSource(workflow, "Orders",
        description="The day's new and updated orders from the orders table.",
        engine=DatabaseEngine.POSTGRES,
        connection=Secret.from_secrets_manager("prod/orders-db/reader"),
        table="public.orders",
        ingest=IngestMode.incremental(cursor_column="updated_at", lookback=Duration.hours(2)),
        partitioned_read=PartitionedRead(column="order_id", num_partitions=64),
        table_size=Size.tebibytes(12),
        estimated_size=Size.gibibytes(180),
        schema=schemas.ORDERS,
    )

    customers = DatabaseSource(workflow, "Customers",
        description="A consistent snapshot of the customers table, exported from a clone.",
        engine=DatabaseEngine.POSTGRES,
        connection=Secret.from_secrets_manager("prod/orders-db/reader"),
        table="public.customers",
        ingest=IngestMode.snapshot_export(),
        estimated_size=Size.gibibytes(600),
        schema=schemas.CUSTOMERS,
    )

    products = DatabaseSource(workflow, "Products",
        description="The product catalogue: small, read in full.",
        engine=DatabaseEngine.MYSQL,
        connection=Secret.from_secrets_manager("prod/catalog-db/reader"),
        table="catalog.products",
        ingest=IngestMode.full_table(),
        estimated_size=Size.gibibytes(2),
        schema=schemas.PRODUCTS,
    )

    fx_rates = ApiSource(workflow, "FxRates",
        description="Daily reference exchange rates.",
        base_url="https://api.fxrates.example.com/v1",
        path="/rates/{{ds}}",
        query={"base": "USD"},
        auth=Secret.from_secrets_manager("prod/fxrates/api-key"),
        max_requests_per_second=2,
        schema=schemas.FX_RATES,
        estimated_size=Size.kibibytes(64),
    )

    enriched = SparkTask(workflow, "EnrichOrders",
        description="Join orders with customers and products and convert amounts to USD.",
        script="s3://acme-jobs/commerce/enrich_orders.py",
        inputs=[orders.output, customers.output, products.output, fx_rates.output],
        required_columns=[
            Column(name="order_id", type=schemas.ORDERS.find_column("order_id").type),
            Column(name="customer_id", type=schemas.ORDERS.find_column("customer_id").type),
            Column(name="amount", type=schemas.ORDERS.find_column("amount").type),
            Column(name="rate_to_usd", type=schemas.FX_RATES.find_column("rate_to_usd").type),
        ],
        output=DatasetOptions(schema=schemas.ENRICHED_ORDERS, estimated_size=Size.gibibytes(150)),
        expected_duration=Duration.minutes(40),
    )

    checked = QualityCheck(workflow, "EnrichedOrdersQuality",
        description="No order without a key or an amount; one row per order; at least the usual volume.",
        input=enriched.output,
        rules=[
            CheckRule.not_null(["order_id", "customer_id", "amount_usd"]),
            CheckRule.unique(["order_id"]),
            CheckRule.row_count_at_least(100_000),
        ],
    )

    load_orders = WarehouseSink(workflow, "LoadOrders",
        description="Upsert the enriched orders into analytics.orders.",
        input=enriched.output,
        table="analytics.orders",
        write_mode=WriteMode.merge(["order_id"]),
    )

    revenue = SqlTask(workflow, "DailyRevenue",
        description="Revenue by country and category of the orders placed on the day.",
        inputs=[checked.output],
        table="marts.daily_revenue",
        date_column="ds",
        sql="\n".join([
            "DELETE FROM marts.daily_revenue WHERE ds = '{{ds}}';",
            "INSERT INTO marts.daily_revenue",
            "SELECT DATE '{{ds}}', country, category, SUM(amount_usd), COUNT(*) FROM analytics.orders",
            "WHERE created_at::date = '{{ds}}' GROUP BY country, category;",
        ]),
        required_columns=[
            Column(name="amount_usd", type=schemas.ENRICHED_ORDERS.find_column("amount_usd").type),
            Column(name="created_at", type=schemas.ENRICHED_ORDERS.find_column("created_at").type),
        ],
        schema=schemas.DAILY_REVENUE,
    )
    # The mart reads analytics.orders, which LoadOrders writes: data flows through the warehouse.
    revenue.add_dependency(load_orders)

    EventSink(workflow, "CommerceReady",
        description="Tell downstream consumers that the day of orders and revenue is in the warehouse.",
        inputs=[revenue.output],
        bus=EventBus.event_bridge("data-platform"),
        source="com.acme.data.commerce",
        detail_type="CommerceDayLoaded",
    ).add_dependency(load_orders)

    return workflow
