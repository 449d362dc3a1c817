"""Shared helpers of Tributary's generic job scripts.

Every generic script is started as ``<script> --ds <YYYY-MM-DD> --node <JSON>`` where the JSON is
``{"workflow", "node", "properties", "inputs", "output"}`` (the node as in graph.json, its input
datasets and its output dataset). This module parses those arguments, resolves the logical-date
placeholders, turns a declared schema into a Spark ``StructType``, reads and writes one day's
partition of a dataset, and reads secrets from AWS Secrets Manager.

The EMR job specs pass this file with ``--py-files`` (``spark.submit.pyFiles``), so scripts import
it as ``import tributary_jobs``. PySpark is imported lazily: the argument and date helpers work
without it (single-worker scripts and unit tests use them too).
"""

import argparse
import datetime
import json
import os
import re

# Secret stores as written in graph.json (`{"store": ..., "reference": ...}`).
SECRETS_MANAGER = "secretsmanager"
AIRFLOW_CONNECTION = "airflow_connection"
# The default prefix of Airflow's Secrets Manager backend: one secret serves both orchestrators.
AIRFLOW_CONNECTIONS_PREFIX = "airflow/connections/"
# For local runs only (tests, a laptop): a JSON file mapping secret names to their string values.
# Never set on EMR, where secrets are read from Secrets Manager.
LOCAL_SECRETS_ENV = "TRIBUTARY_LOCAL_SECRETS_FILE"

_PLACEHOLDER = re.compile(r"\{\{\s*(ds|ds_nodash|next_ds|prev_ds)\s*\}\}")


# ---------------------------------------------------------------------------------------------
# Arguments
# ---------------------------------------------------------------------------------------------

def parse_args(argv=None, description=None, extra=None):
    """Parse ``--ds`` and ``--node`` (plus any ``extra(parser)`` arguments).

    Returns an ``argparse.Namespace`` whose ``ds`` is the validated logical date (a string) and
    whose ``node`` is the decoded node document (a dict with ``workflow``, ``node``,
    ``properties``, ``inputs`` and ``output``).
    """
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--ds", required=True, help="logical date, YYYY-MM-DD")
    parser.add_argument("--node", required=True, help="the node document, compact JSON")
    if extra is not None:
        extra(parser)
    args = parser.parse_args(argv)
    parse_ds(args.ds)
    try:
        node = json.loads(args.node)
    except ValueError as exc:
        parser.error("--node is not valid JSON: %s" % exc)
    if not isinstance(node, dict):
        parser.error("--node must be a JSON object")
    for key in ("workflow", "node", "properties", "inputs", "output"):
        if key not in node:
            parser.error("--node has no %r field" % key)
    args.node = node
    return args


# ---------------------------------------------------------------------------------------------
# Logical dates
# ---------------------------------------------------------------------------------------------

def parse_ds(ds):
    """The logical date ``YYYY-MM-DD`` as a ``datetime.date``; raises ``ValueError`` otherwise."""
    if not isinstance(ds, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", ds):
        raise ValueError("logical date %r is not YYYY-MM-DD" % (ds,))
    return datetime.date.fromisoformat(ds)


def date_values(ds):
    """The values of ``{{ds}}``, ``{{ds_nodash}}``, ``{{next_ds}}`` and ``{{prev_ds}}`` for ``ds``."""
    day = parse_ds(ds)
    one = datetime.timedelta(days=1)
    return {
        "ds": day.isoformat(),
        "ds_nodash": day.strftime("%Y%m%d"),
        "next_ds": (day + one).isoformat(),
        "prev_ds": (day - one).isoformat(),
    }


def resolve(value, ds):
    """Replace the logical-date placeholders in a string, or recursively in lists and dicts."""
    values = date_values(ds)
    return _resolve(value, values)


def _resolve(value, values):
    if isinstance(value, str):
        return _PLACEHOLDER.sub(lambda m: values[m.group(1)], value)
    if isinstance(value, list):
        return [_resolve(v, values) for v in value]
    if isinstance(value, dict):
        return {k: _resolve(v, values) for k, v in value.items()}
    return value


def day_window(ds, lookback_seconds=0):
    """``(start, end)`` of the logical day as ``'YYYY-MM-DD HH:MM:SS'`` strings: start moved back
    by ``lookback_seconds``, end exclusive (the next day's midnight)."""
    day = parse_ds(ds)
    start = datetime.datetime.combine(day, datetime.time()) - datetime.timedelta(seconds=lookback_seconds or 0)
    end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
    return start.strftime("%Y-%m-%d %H:%M:%S"), end.strftime("%Y-%m-%d %H:%M:%S")


# ---------------------------------------------------------------------------------------------
# Datasets and schemas
# ---------------------------------------------------------------------------------------------

def dataset_location(dataset, ds):
    """The location of one day's partition of a dataset (its template resolved for ``ds``)."""
    return resolve(dataset["location"], ds)


def spark_type(type_name):
    """The Spark SQL type of a Tributary column type (``bigint``, ``decimal(18,2)``, ``json``...)."""
    from pyspark.sql import types as T

    simple = {
        "string": T.StringType(),
        "boolean": T.BooleanType(),
        "int": T.IntegerType(),
        "bigint": T.LongType(),
        "double": T.DoubleType(),
        "date": T.DateType(),
        "timestamp": T.TimestampType(),
        # JSON documents travel as their text.
        "json": T.StringType(),
    }
    if type_name in simple:
        return simple[type_name]
    match = re.fullmatch(r"decimal\((\d+),(\d+)\)", type_name)
    if match:
        return T.DecimalType(int(match.group(1)), int(match.group(2)))
    raise ValueError("unknown column type %r" % (type_name,))


def schema_struct(columns):
    """A Spark ``StructType`` from a dataset's declared columns (``[{name, type, nullable}]``)."""
    from pyspark.sql import types as T

    return T.StructType([T.StructField(c["name"], spark_type(c["type"]), bool(c.get("nullable", True))) for c in columns])


def dataset_schema(dataset):
    """The declared schema of a dataset as a ``StructType``, or None when it declares no columns."""
    columns = dataset.get("columns")
    return schema_struct(columns) if columns else None


def conform(df, columns):
    """Select the declared columns of ``df`` in declared order, cast to their declared types.

    Raises ``ValueError`` naming the missing columns when ``df`` lacks any (matched
    case-insensitively, as the model compares column names).
    """
    from pyspark.sql import functions as F

    by_lower = {c.lower(): c for c in df.columns}
    missing = [c["name"] for c in columns if c["name"].lower() not in by_lower]
    if missing:
        raise ValueError("missing declared columns: %s (found: %s)" % (", ".join(missing), ", ".join(df.columns)))
    return df.select([F.col(by_lower[c["name"].lower()]).cast(spark_type(c["type"])).alias(c["name"]) for c in columns])


def read_dataset(spark, dataset, ds, location=None):
    """Read one day's partition of a dataset, by its declared format and with its declared schema.

    Only the ``ds`` partition is read (the location template resolved for ``ds``), never the whole
    dataset. ``location`` overrides the resolved location (for example the previous day's).
    Supported formats: ``parquet``, ``jsonl``, ``csv`` (with a header line).
    """
    path = location if location is not None else dataset_location(dataset, ds)
    fmt = dataset.get("format", "parquet")
    schema = dataset_schema(dataset)
    reader = spark.read
    if schema is not None:
        reader = reader.schema(schema)
    if fmt == "parquet":
        return reader.parquet(path)
    if fmt == "jsonl":
        return reader.option("mode", "FAILFAST").json(path)
    if fmt == "csv":
        return reader.option("header", "true").option("mode", "FAILFAST").csv(path)
    raise ValueError("dataset %r has format %r, which a Spark job cannot read from files" % (dataset.get("id"), fmt))


def write_dataset(df, dataset, ds):
    """Write ``df`` as one day's partition of a dataset (replacing it: reruns are idempotent)."""
    path = dataset_location(dataset, ds)
    fmt = dataset.get("format", "parquet")
    columns = dataset.get("columns")
    if columns:
        df = conform(df, columns)
    writer = df.write.mode("overwrite")
    if fmt == "parquet":
        writer.parquet(path)
    elif fmt == "jsonl":
        writer.json(path)
    elif fmt == "csv":
        writer.option("header", "true").csv(path)
    else:
        raise ValueError("dataset %r has format %r, which a Spark job cannot write as files" % (dataset.get("id"), fmt))
    return path


# ---------------------------------------------------------------------------------------------
# Secrets
# ---------------------------------------------------------------------------------------------

def secret_name(secret):
    """The Secrets Manager name of a secret reference ``{"store", "reference"}``.

    A Secrets Manager secret is read by its name; an Airflow connection ``x`` is read as
    ``airflow/connections/x`` (the default prefix of Airflow's Secrets Manager backend).
    """
    store = secret.get("store")
    reference = secret.get("reference")
    if not reference:
        raise ValueError("secret reference has no name: %r" % (secret,))
    if store == SECRETS_MANAGER:
        return reference
    if store == AIRFLOW_CONNECTION:
        return AIRFLOW_CONNECTIONS_PREFIX + reference
    raise ValueError("unknown secret store %r" % (store,))


def read_secret(secret, client=None):
    """The string value of a secret reference, read from AWS Secrets Manager by name.

    When the environment variable ``TRIBUTARY_LOCAL_SECRETS_FILE`` names a JSON file (local runs
    only), the value is read from that file's ``{name: value}`` map instead.
    """
    name = secret_name(secret)
    local = os.environ.get(LOCAL_SECRETS_ENV)
    if local:
        with open(local, encoding="utf-8") as handle:
            values = json.load(handle)
        if name not in values:
            raise KeyError("secret %r is not in %s" % (name, local))
        value = values[name]
        return value if isinstance(value, str) else json.dumps(value)
    if client is None:
        import boto3

        client = boto3.client("secretsmanager")
    return client.get_secret_value(SecretId=name)["SecretString"]


def read_secret_json(secret, client=None):
    """A secret whose value is a JSON object (RDS credentials, an Airflow connection), decoded."""
    return json.loads(read_secret(secret, client))
