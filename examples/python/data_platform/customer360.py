"""Customer 360: CRM accounts and support tickets from third-party APIs with subscriptions from
the billing database, built into profiles, scored for churn, and pushed back to the CRM."""
from aws_cdk import Duration, Size
from constructs import Construct
from tributary import (
    ApiSink, ApiSource, CheckRule, Column, DatabaseEngine, DatabaseSource, DatasetOptions, EventBus,
    EventPayload, EventSink, IngestMode, Pagination, QualityCheck, Schedule, Secret, SparkResources,
    SparkTask, SqlTask, StepFunctionsOrchestration, WarehouseConnection, WarehouseSink, Workflow, WriteMode,
)

from . import schemas


def customer360_workflow(scope: Construct) -> Workflow:
    workflow = Workflow(scope, "Customer360",
        schedule=Schedule.cron("0 5 * * *"),
        start_date="2026-03-01",
        owner="crm-data@acme.example",
        description="One profile per customer, a churn score, and the score pushed to the CRM.",
        tags={"domain": "customer", "tier": "silver"},
        lake_location="s3://acme-lake/customer360",
        warehouse=WarehouseConnection(database="analytics", workgroup_name="etl"),
    )
    StepFunctionsOrchestration(scope, "Customer360Orchestration", workflow=workflow)

    accounts = ApiSource(workflow, "CrmAccounts",
        description="Accounts changed during the day, from the CRM.",
        base_url="https://crm.example.com/api/v2",
        path="/accounts",
        # A closed window, so that a backfill of a past date reads the same records as the original run.
        query={"updated_since": "{{ds}}", "updated_before": "{{next_ds}}"},
        auth=Secret.from_secrets_manager("prod/crm/api"),
        pagination=Pagination.cursor(cursor_param="cursor", next_cursor_path="meta.next_cursor"),
        max_requests_per_second=10,
        schema=schemas.CRM_ACCOUNTS,
        estimated_size=Size.mebibytes(300),
    )

    tickets = ApiSource(workflow, "SupportTickets",
        description="Tickets opened or updated during the day, from the help desk.",
        base_url="https://helpdesk.example.org/api",
        path="/tickets/search",
        query={"updated": "{{ds}}"},
        auth=Secret.from_airflow_connection("helpdesk_api"),
        pagination=Pagination.page(page_param="page", page_size_param="per_page", page_size=100),
        max_requests_per_second=3,
        schema=schemas.SUPPORT_TICKETS,
        estimated_size=Size.mebibytes(80),
    )

    subscriptions = DatabaseSource(workflow, "Subscriptions",
        description="Subscription changes from the billing database, compacted from the CDC stream.",
        engine=DatabaseEngine.MYSQL,
        connection=Secret.from_secrets_manager("prod/billing-db/reader"),
        table="billing.subscriptions",
        ingest=IngestMode.change_data_capture(),
        table_size=Size.gibibytes(900),
        estimated_size=Size.gibibytes(6),
        schema=schemas.SUBSCRIPTIONS,
    )

    profiles = SparkTask(workflow, "BuildProfiles",
        description="One row per customer with CRM account, plan, MRR and open tickets.",
        script="s3://acme-jobs/customer360/build_profiles.py",
        inputs=[accounts.output, tickets.output, subscriptions.output],
        required_columns=[
            Column(name="account_id", type=schemas.CRM_ACCOUNTS.find_column("account_id").type),
            Column(name="customer_id", type=schemas.SUBSCRIPTIONS.find_column("customer_id").type),
            Column(name="mrr_usd", type=schemas.SUBSCRIPTIONS.find_column("mrr_usd").type),
        ],
        output=DatasetOptions(schema=schemas.CUSTOMER_PROFILES, estimated_size=Size.gibibytes(3)),
        resources=SparkResources(executor_cpu=4, executor_memory=Size.gibibytes(16), max_executors=20),
    )

    profiles_checked = QualityCheck(workflow, "ProfilesQuality",
        input=profiles.output,
        rules=[
            CheckRule.unique(["customer_id"]),
            CheckRule.not_null(["customer_id"]),
            CheckRule.custom_sql("mrr_not_negative", "SELECT customer_id FROM {{table}} WHERE mrr_usd < 0"),
        ],
    )

    load_profiles = WarehouseSink(workflow, "LoadProfiles",
        input=profiles.output,
        table="analytics.customer_profiles",
        write_mode=WriteMode.merge(["customer_id"]),
    )

    churn = SqlTask(workflow, "ChurnScores",
        description="Score churn risk from plan, MRR trend and open tickets.",
        inputs=[profiles_checked.output],
        table="marts.churn_scores",
        date_column="scored_on",
        sql="\n".join([
            "DELETE FROM marts.churn_scores WHERE scored_on = '{{ds}}';",
            "INSERT INTO marts.churn_scores",
            "SELECT customer_id, account_id, marts.churn_model(plan, mrr_usd, open_tickets), DATE '{{ds}}'",
            "FROM analytics.customer_profiles WHERE account_id IS NOT NULL;",
        ]),
        required_columns=[
            Column(name="open_tickets", type=schemas.CUSTOMER_PROFILES.find_column("open_tickets").type),
        ],
        schema=schemas.CHURN_SCORES,
        estimated_size=Size.mebibytes(200),
        timeout=Duration.hours(1),
    )
    churn.add_dependency(load_profiles)

    scores_checked = QualityCheck(workflow, "ChurnScoresQuality",
        input=churn.output,
        rules=[CheckRule.not_null(["account_id", "churn_score"]), CheckRule.row_count_at_least(1000)],
    )

    # The push job reads files in the lake, not warehouse tables (TRB064): the checked day's scores are unloaded first.
    scores_unloaded = SparkTask(workflow, "UnloadChurnScores",
        description="The day's checked churn scores, unloaded from the warehouse to the lake for the CRM push.",
        script="s3://acme-jobs/customer360/unload_churn_scores.py",
        arguments=["--ds", "{{ds}}"],
        inputs=[scores_checked.output],
        output=DatasetOptions(schema=schemas.CHURN_SCORES, estimated_size=Size.mebibytes(200)),
    )

    ApiSink(workflow, "PushScoresToCrm",
        description="Write each account's churn score to the CRM.",
        input=scores_unloaded.output,
        url="https://crm.example.com/api/v2/accounts/batch",
        auth=Secret.from_secrets_manager("prod/crm/api"),
        batch_size=200,
        max_requests_per_second=5,
        idempotency_key="account_id",
    )

    EventSink(workflow, "ProfileUpdates",
        description="One event per changed profile, for the customer-facing services.",
        inputs=[profiles_checked.output],
        bus=EventBus.kafka(topic="customer-profiles.v1", connection=Secret.from_secrets_manager("prod/msk/producer")),
        source="com.acme.data.customer360",
        detail_type="CustomerProfileUpdated",
        payload=EventPayload.records("customer_id"),
    )

    return workflow
