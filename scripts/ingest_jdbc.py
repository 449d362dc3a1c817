"""Incremental (or full-table) JDBC ingest of a DatabaseSource into one day's partition.

Started by the EMR job spec of a DatabaseSource whose ingest mode is ``incremental`` or
``full_table``::

    ingest_jdbc.py --ds 2026-03-01 --node '{"workflow": ..., "properties": ..., "output": ...}'

- ``incremental``: reads only the rows whose cursor column falls in the logical day, moved back by
  the ingest's lookback: ``cursor >= ds 00:00:00 - lookback AND cursor < next_ds 00:00:00``. The
  bounds are written as ``'YYYY-MM-DD HH:MM:SS'`` literals, which PostgreSQL and MySQL compare with
  timestamp columns (and SQLite with its text timestamps).
- ``full_table``: reads the whole table (Tributary refuses this from 1 TiB, TRB009).
- ``partitionedRead``: the read is split on its column into ``numPartitions`` JDBC queries, which
  is also the most connections opened on the database. Missing bounds are read first with
  ``SELECT MIN(col), MAX(col)`` over the same day's rows.

The connection comes from the node's secret (Secrets Manager; an Airflow connection ``x`` is read
as ``airflow/connections/x``): an RDS secret ``{engine, host, port, username, password, dbname}``,
an Airflow connection (JSON with ``conn_type``/``login`` or a URI), or a JSON object with a ``url``
(a JDBC URL) and optional ``driver``, ``username``, ``password``.

The rows are written as the output dataset's ``ds`` partition, with the declared schema (columns
selected in declared order and cast to their types).
"""

import json
import sys
from urllib.parse import unquote, urlparse

import tributary_jobs as tj

DRIVERS = {"postgres": "org.postgresql.Driver", "mysql": "com.mysql.cj.jdbc.Driver", "sqlite": "org.sqlite.JDBC"}
URL_SCHEMES = {"postgres": "postgresql", "mysql": "mysql"}
DEFAULT_PORTS = {"postgres": 5432, "mysql": 3306}
# JDBC rows fetched per round trip (drivers default to as few as 10).
FETCH_SIZE = "10000"


def connection_options(engine, secret_text):
    """JDBC ``url``, ``driver``, ``user`` and ``password`` from a secret's value."""
    try:
        secret = json.loads(secret_text)
    except ValueError:
        secret = None
    if secret is None:
        # An Airflow connection URI: postgresql://user:password@host:5432/dbname
        uri = urlparse(secret_text)
        secret = {"host": uri.hostname, "port": uri.port, "username": unquote(uri.username or ""),
                  "password": unquote(uri.password or ""), "dbname": uri.path.lstrip("/")}
    if "url" in secret:
        url = secret["url"]
        driver = secret.get("driver") or _driver_of_url(url, engine)
    else:
        host = secret.get("host")
        port = secret.get("port") or DEFAULT_PORTS[engine]
        dbname = secret.get("dbname") or secret.get("schema") or ""
        url = "jdbc:%s://%s:%s/%s" % (URL_SCHEMES[engine], host, port, dbname)
        driver = DRIVERS[engine]
    options = {"url": url, "driver": driver}
    user = secret.get("username") or secret.get("login") or secret.get("user")
    if user:
        options["user"] = user
    if secret.get("password"):
        options["password"] = secret["password"]
    return options


def _driver_of_url(url, engine):
    for name, driver in DRIVERS.items():
        if url.startswith("jdbc:%s:" % (URL_SCHEMES.get(name, name),)):
            return driver
    return DRIVERS[engine]


def quote_identifier(name, engine):
    """``public.orders`` as ``"public"."orders"`` (MySQL: backticks); refuses quote characters."""
    quote = "`" if engine == "mysql" else '"'
    parts = name.split(".")
    for part in parts:
        if not part or quote in part or '"' in part or "`" in part:
            raise ValueError("identifier %r cannot be quoted safely" % (name,))
    return ".".join(quote + part + quote for part in parts)


def day_predicate(props, ds, engine):
    """The WHERE clause of the day's rows, or None for a full-table read."""
    ingest = props["ingest"]
    if ingest["mode"] == "full_table":
        return None
    if ingest["mode"] != "incremental":
        raise ValueError("ingest_jdbc.py runs incremental and full_table ingests, not %r" % (ingest["mode"],))
    start, end = tj.day_window(ds, ingest.get("lookbackSeconds") or 0)
    cursor = quote_identifier(ingest["cursorColumn"], engine)
    return "%s >= '%s' AND %s < '%s'" % (cursor, start, cursor, end)


def bound_text(value):
    """A partition bound as Spark's JDBC source expects it: a whole number for numeric columns
    (drivers return MIN/MAX of integers as decimals, ``2.000000000000000000``), ``YYYY-MM-DD
    HH:MM:SS`` for timestamps, ``YYYY-MM-DD`` for dates."""
    import datetime
    import decimal

    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, float)):
        return str(int(decimal.Decimal(value).to_integral_value(rounding=decimal.ROUND_FLOOR)))
    return str(value)


def read_day(spark, props, ds, options):
    """The day's rows as a DataFrame, read over JDBC (split when ``partitionedRead`` says so)."""
    engine = props["databaseEngine"]
    table = quote_identifier(props["table"], engine)
    where = day_predicate(props, ds, engine)
    query = "SELECT * FROM %s%s" % (table, " WHERE " + where if where else "")

    def reader():
        r = spark.read.format("jdbc").option("fetchsize", FETCH_SIZE)
        for key, value in options.items():
            r = r.option(key, value)
        return r

    split = props.get("partitionedRead")
    if split and split.get("numPartitions", 1) > 1:
        column = quote_identifier(split["column"], engine)
        lower, upper = split.get("lowerBound"), split.get("upperBound")
        if lower is None or upper is None:
            bounds_query = "SELECT MIN(%s) AS lo, MAX(%s) AS hi FROM %s%s" % (column, column, table, " WHERE " + where if where else "")
            row = reader().option("query", bounds_query).load().collect()[0]
            lower = row["lo"] if lower is None else lower
            upper = row["hi"] if upper is None else upper
        if lower is not None and upper is not None:
            return (reader().option("dbtable", "(%s) tributary_day" % query)
                    .option("partitionColumn", split["column"])
                    .option("lowerBound", bound_text(lower)).option("upperBound", bound_text(upper))
                    .option("numPartitions", str(split["numPartitions"]))
                    .load())
    return reader().option("dbtable", "(%s) tributary_day" % query).load()


def main(argv=None):
    args = tj.parse_args(argv, description=__doc__.splitlines()[0])
    node, props, output = args.node, args.node["properties"], args.node["output"]
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("%s.%s" % (node["workflow"], node["node"])).getOrCreate()
    options = connection_options(props["databaseEngine"], tj.read_secret(props["connection"]))
    day = read_day(spark, props, args.ds, options)
    # One JDBC query (and connection) per partition: at most partitionedRead.numPartitions.
    print("ingest_jdbc: reading %s in %d JDBC partitions" % (props["table"], day.rdd.getNumPartitions()))
    path = tj.write_dataset(day, output, args.ds)
    print("ingest_jdbc: wrote %s" % path)
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
