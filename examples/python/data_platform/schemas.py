"""Column schemas of the reference platform's datasets."""
from tributary import Column, ColumnType, Schema


ORDERS = Schema.of([
    Column(name="order_id", type=ColumnType.BIGINT, nullable=False),
    Column(name="customer_id", type=ColumnType.BIGINT, nullable=False),
    Column(name="product_id", type=ColumnType.BIGINT, nullable=False),
    Column(name="amount", type=ColumnType.decimal(18, 2), nullable=False),
    Column(name="currency", type=ColumnType.STRING, nullable=False),
    Column(name="status", type=ColumnType.STRING, nullable=False),
    Column(name="created_at", type=ColumnType.TIMESTAMP, nullable=False),
    Column(name="updated_at", type=ColumnType.TIMESTAMP, nullable=False),
])

CUSTOMERS = Schema.of([
    Column(name="customer_id", type=ColumnType.BIGINT, nullable=False),
    Column(name="email_hash", type=ColumnType.STRING),
    Column(name="country", type=ColumnType.STRING),
    Column(name="segment", type=ColumnType.STRING),
    Column(name="created_at", type=ColumnType.TIMESTAMP, nullable=False),
])

PRODUCTS = Schema.of([
    Column(name="product_id", type=ColumnType.BIGINT, nullable=False),
    Column(name="category", type=ColumnType.STRING),
    Column(name="list_price", type=ColumnType.decimal(18, 2)),
])

FX_RATES = Schema.of([
    Column(name="currency", type=ColumnType.STRING, nullable=False),
    Column(name="rate_to_usd", type=ColumnType.decimal(18, 8), nullable=False),
    Column(name="as_of", type=ColumnType.DATE, nullable=False),
])

ENRICHED_ORDERS = Schema.of([
    Column(name="order_id", type=ColumnType.BIGINT, nullable=False),
    Column(name="customer_id", type=ColumnType.BIGINT, nullable=False),
    Column(name="country", type=ColumnType.STRING),
    Column(name="segment", type=ColumnType.STRING),
    Column(name="category", type=ColumnType.STRING),
    Column(name="amount_usd", type=ColumnType.decimal(18, 2), nullable=False),
    Column(name="status", type=ColumnType.STRING, nullable=False),
    Column(name="created_at", type=ColumnType.TIMESTAMP, nullable=False),
    Column(name="updated_at", type=ColumnType.TIMESTAMP, nullable=False),
])

DAILY_REVENUE = Schema.of([
    Column(name="ds", type=ColumnType.DATE, nullable=False),
    Column(name="country", type=ColumnType.STRING),
    Column(name="category", type=ColumnType.STRING),
    Column(name="revenue_usd", type=ColumnType.decimal(18, 2), nullable=False),
    Column(name="orders", type=ColumnType.BIGINT, nullable=False),
])

CLICK_EVENTS = Schema.of([
    Column(name="event_id", type=ColumnType.STRING, nullable=False),
    Column(name="anonymous_id", type=ColumnType.STRING, nullable=False),
    Column(name="customer_id", type=ColumnType.BIGINT),
    Column(name="event_type", type=ColumnType.STRING, nullable=False),
    Column(name="url", type=ColumnType.STRING),
    Column(name="campaign_id", type=ColumnType.STRING),
    Column(name="event_time", type=ColumnType.TIMESTAMP, nullable=False),
])

SESSIONS = Schema.of([
    Column(name="ds", type=ColumnType.DATE, nullable=False),
    Column(name="session_id", type=ColumnType.STRING, nullable=False),
    Column(name="anonymous_id", type=ColumnType.STRING, nullable=False),
    Column(name="customer_id", type=ColumnType.BIGINT),
    Column(name="campaign_id", type=ColumnType.STRING),
    Column(name="started_at", type=ColumnType.TIMESTAMP, nullable=False),
    Column(name="ended_at", type=ColumnType.TIMESTAMP, nullable=False),
    Column(name="page_views", type=ColumnType.INT, nullable=False),
])

ENGAGEMENT = Schema.of([
    Column(name="ds", type=ColumnType.DATE, nullable=False),
    Column(name="customer_id", type=ColumnType.BIGINT, nullable=False),
    Column(name="sessions", type=ColumnType.INT, nullable=False),
    Column(name="page_views", type=ColumnType.BIGINT, nullable=False),
    Column(name="minutes_active", type=ColumnType.DOUBLE, nullable=False),
])

AD_SPEND = Schema.of([
    Column(name="campaign_id", type=ColumnType.STRING, nullable=False),
    Column(name="spend_usd", type=ColumnType.decimal(18, 2), nullable=False),
    Column(name="impressions", type=ColumnType.BIGINT),
    Column(name="clicks", type=ColumnType.BIGINT),
])

ATTRIBUTION = Schema.of([
    Column(name="ds", type=ColumnType.DATE, nullable=False),
    Column(name="campaign_id", type=ColumnType.STRING, nullable=False),
    Column(name="sessions", type=ColumnType.BIGINT, nullable=False),
    Column(name="spend_usd", type=ColumnType.decimal(18, 2), nullable=False),
    Column(name="cost_per_session_usd", type=ColumnType.decimal(18, 4)),
])

CRM_ACCOUNTS = Schema.of([
    Column(name="account_id", type=ColumnType.STRING, nullable=False),
    Column(name="customer_id", type=ColumnType.BIGINT),
    Column(name="owner_email_hash", type=ColumnType.STRING),
    Column(name="lifecycle_stage", type=ColumnType.STRING),
    Column(name="updated_at", type=ColumnType.TIMESTAMP, nullable=False),
])

SUPPORT_TICKETS = Schema.of([
    Column(name="ticket_id", type=ColumnType.STRING, nullable=False),
    Column(name="account_id", type=ColumnType.STRING, nullable=False),
    Column(name="priority", type=ColumnType.STRING),
    Column(name="opened_at", type=ColumnType.TIMESTAMP, nullable=False),
    Column(name="solved_at", type=ColumnType.TIMESTAMP),
])

SUBSCRIPTIONS = Schema.of([
    Column(name="subscription_id", type=ColumnType.BIGINT, nullable=False),
    Column(name="customer_id", type=ColumnType.BIGINT, nullable=False),
    Column(name="plan", type=ColumnType.STRING, nullable=False),
    Column(name="mrr_usd", type=ColumnType.decimal(18, 2), nullable=False),
    Column(name="updated_at", type=ColumnType.TIMESTAMP, nullable=False),
])

CUSTOMER_PROFILES = Schema.of([
    Column(name="customer_id", type=ColumnType.BIGINT, nullable=False),
    Column(name="account_id", type=ColumnType.STRING),
    Column(name="plan", type=ColumnType.STRING),
    Column(name="mrr_usd", type=ColumnType.decimal(18, 2)),
    Column(name="open_tickets", type=ColumnType.INT, nullable=False),
    Column(name="updated_at", type=ColumnType.TIMESTAMP, nullable=False),
])

CHURN_SCORES = Schema.of([
    Column(name="customer_id", type=ColumnType.BIGINT, nullable=False),
    Column(name="account_id", type=ColumnType.STRING, nullable=False),
    Column(name="churn_score", type=ColumnType.DOUBLE, nullable=False),
    Column(name="scored_on", type=ColumnType.DATE, nullable=False),
])
