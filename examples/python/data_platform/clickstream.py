"""Clickstream: 10 TiB of application logs a day, sessionized and aggregated on Spark, joined
with ad spend from a third-party API, and loaded to the warehouse."""
from aws_cdk import Duration, Size
from constructs import Construct
from tributary import (
    ApiSource, CheckRule, Column, DataFormat, DatasetOptions, EventBus, EventSink, LogSource, NodeDefaults,
    Pagination, QualityCheck, Schedule, Secret, SparkTask, StepFunctionsOrchestration, WarehouseConnection,
    WarehouseSink, Workflow, WriteMode,
)

from . import schemas


def clickstream_workflow(scope: Construct) -> Workflow:
    workflow = Workflow(scope, "Clickstream",
        schedule=Schedule.daily(hour=3, minute=30),
        start_date="2026-01-01",
        owner="growth-data@acme.example",
        description="Web and app events turned into sessions, engagement and campaign attribution.",
        defaults=NodeDefaults(retries=3, timeout=Duration.hours(6)),
        tags={"domain": "growth", "tier": "gold"},
        lake_location="s3://acme-lake/clickstream",
        warehouse=WarehouseConnection(database="analytics", workgroup_name="etl"),
    )
    StepFunctionsOrchestration(scope, "ClickstreamOrchestration", workflow=workflow)

    events = LogSource(workflow, "ClickstreamLogs",
        description="The day's web and app events, written by the collectors.",
        location="s3://acme-logs/clickstream/dt={{ds}}/",
        format=DataFormat.JSON_LINES,
        arrival_timeout=Duration.hours(4),
        estimated_size=Size.tebibytes(10),
        schema=schemas.CLICK_EVENTS,
    )

    sessions = SparkTask(workflow, "Sessionize",
        description="Group events into sessions of at most 30 idle minutes.",
        script="s3://acme-jobs/clickstream/sessionize.py",
        arguments=["--ds", "{{ds}}", "--idle-minutes", "30"],
        inputs=[events.output],
        required_columns=[
            Column(name="anonymous_id", type=schemas.CLICK_EVENTS.find_column("anonymous_id").type),
            Column(name="event_time", type=schemas.CLICK_EVENTS.find_column("event_time").type),
        ],
        output=DatasetOptions(schema=schemas.SESSIONS, estimated_size=Size.gibibytes(700)),
        expected_duration=Duration.minutes(90),
    )

    sessions_checked = QualityCheck(workflow, "SessionsQuality",
        input=sessions.output,
        rules=[
            CheckRule.not_null(["session_id", "anonymous_id", "started_at"]),
            CheckRule.unique(["session_id"]),
            CheckRule.freshness("ended_at", Duration.hours(26)),
        ],
    )

    engagement = SparkTask(workflow, "Engagement",
        description="Sessions, page views and active minutes per known customer.",
        script="s3://acme-jobs/clickstream/engagement.py",
        inputs=[sessions_checked.output],
        required_columns=[Column(name="customer_id", type=schemas.SESSIONS.find_column("customer_id").type)],
        output=DatasetOptions(schema=schemas.ENGAGEMENT, estimated_size=Size.gibibytes(4)),
    )

    ad_spend = ApiSource(workflow, "AdSpend",
        description="Yesterday's spend per campaign from the ad network.",
        base_url="https://ads.example.net/api/v3",
        path="/reports/spend",
        query={"date": "{{ds}}", "granularity": "campaign"},
        auth=Secret.from_airflow_connection("ad_network"),
        pagination=Pagination.cursor(cursor_param="after", next_cursor_path="paging.next"),
        max_requests_per_second=1,
        schema=schemas.AD_SPEND,
        estimated_size=Size.mebibytes(20),
    )

    attribution = SparkTask(workflow, "Attribution",
        description="Sessions and spend per campaign: cost per session.",
        script="s3://acme-jobs/clickstream/attribution.py",
        inputs=[sessions_checked.output, ad_spend.output],
        required_columns=[Column(name="campaign_id", type=schemas.AD_SPEND.find_column("campaign_id").type)],
        output=DatasetOptions(schema=schemas.ATTRIBUTION, estimated_size=Size.mebibytes(50)),
    )

    load_sessions = WarehouseSink(workflow, "LoadSessions",
        input=sessions.output,
        table="analytics.sessions",
        date_column="ds",
        write_mode=WriteMode.overwrite_partition(),
    )

    load_engagement = WarehouseSink(workflow, "LoadEngagement",
        input=engagement.output,
        table="analytics.customer_engagement",
        date_column="ds",
        write_mode=WriteMode.overwrite_partition(),
    )

    load_attribution = WarehouseSink(workflow, "LoadAttribution",
        input=attribution.output,
        table="marts.campaign_attribution",
        date_column="ds",
        write_mode=WriteMode.overwrite_partition(),
    )

    EventSink(workflow, "ClickstreamReady",
        inputs=[engagement.output, attribution.output],
        bus=EventBus.event_bridge("data-platform"),
        source="com.acme.data.clickstream",
        detail_type="ClickstreamDayLoaded",
    ).add_dependency(load_sessions, load_engagement, load_attribution)

    return workflow
