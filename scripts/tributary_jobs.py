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


# =============================================================================================
# HTTP: rate limit, retries and authentication of the API scripts (api_ingest.py, api_push.py)
# =============================================================================================
# Standard library only (urllib), so that the scripts need nothing beyond the EMR image's Python.

import base64
import email.utils
import time
import urllib.error
import urllib.parse
import urllib.request

# Statuses retried: too many requests, and every server error.
RETRYABLE_STATUSES = frozenset([429]) | frozenset(range(500, 600))
# Attempts of one request, the first included, before the job fails.
DEFAULT_MAX_ATTEMPTS = 6
# Wait before the first retry when the server sends no Retry-After; doubles after each attempt.
DEFAULT_BACKOFF_SECONDS = 1.0
# Longest single wait, whether from the backoff or from a Retry-After header.
MAX_RETRY_WAIT_SECONDS = 120.0
# Timeout of one request (connect and each read), in seconds.
REQUEST_TIMEOUT_SECONDS = 60.0


class HttpError(Exception):
    """A request that finally failed: a non-retryable status, or retries exhausted."""

    def __init__(self, message, status=None):
        super().__init__(message)
        self.status = status


class HttpResponse:
    """A completed response: status, headers (case-insensitive) and body bytes."""

    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        """The body decoded as JSON."""
        return json.loads(self.body.decode("utf-8")) if self.body else None


class RateLimiter:
    """Spaces request starts at least ``1 / max_per_second`` apart, so that any one-second window
    holds at most ``max_per_second`` requests (retries included)."""

    def __init__(self, max_per_second, clock=time.monotonic, sleep=time.sleep):
        if not max_per_second or max_per_second <= 0:
            raise ValueError("maxRequestsPerSecond must be positive, not %r" % (max_per_second,))
        self.interval = 1.0 / float(max_per_second)
        self._clock = clock
        self._sleep = sleep
        self._next = None

    def acquire(self):
        """Wait until the next request may start."""
        now = self._clock()
        if self._next is not None and now < self._next:
            self._sleep(self._next - now)
            now = self._next
        self._next = now + self.interval


def retry_after_seconds(value, now=None):
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date), or None."""
    if value is None:
        return None
    value = value.strip()
    if re.fullmatch(r"\d+(\.\d+)?", value):
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


def auth_headers(secret_value):
    """The request headers that a credentials secret's JSON value stands for.

    - ``{"token": T}`` → ``Authorization: Bearer T``
    - ``{"username": U, "password": P}`` (or Airflow's ``{"login": U, "password": P}``) →
      ``Authorization: Basic base64(U:P)``
    - ``{"header": H, "value": V}`` → ``H: V`` (an API key header such as ``X-Api-Key``)

    Raises ``ValueError`` (never showing the value) for anything else.
    """
    if isinstance(secret_value, str):
        try:
            secret_value = json.loads(secret_value)
        except ValueError:
            raise ValueError("the secret's value is not JSON; store {\"token\": ...}, {\"username\": ..., \"password\": ...} or {\"header\": ..., \"value\": ...}") from None
    if not isinstance(secret_value, dict):
        raise ValueError("the secret's value is not a JSON object")
    if isinstance(secret_value.get("token"), str) and secret_value["token"]:
        return {"Authorization": "Bearer " + secret_value["token"]}
    user = secret_value.get("username", secret_value.get("login"))
    if isinstance(user, str) and isinstance(secret_value.get("password"), str):
        raw = ("%s:%s" % (user, secret_value["password"])).encode("utf-8")
        return {"Authorization": "Basic " + base64.b64encode(raw).decode("ascii")}
    header, value = secret_value.get("header"), secret_value.get("value")
    if isinstance(header, str) and re.fullmatch(r"[A-Za-z0-9!#$%&'*+.^_`|~-]+", header) and isinstance(value, str):
        if "\r" in value or "\n" in value:
            raise ValueError("the secret's header value contains a line break")
        return {header: value}
    raise ValueError("the secret has none of the fields token, username/password (or login/password), header/value (fields present: %s)" % ", ".join(sorted(secret_value)))


def secret_auth_headers(secret):
    """Headers for a node's ``auth`` secret reference (None → no headers)."""
    if not secret:
        return {}
    try:
        return auth_headers(read_secret(secret))
    except ValueError as exc:
        raise ValueError("secret %r: %s" % (secret_name(secret), exc)) from None


class _SameOriginRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only within the request's origin: urllib would otherwise send the
    credentials headers to whatever host the redirect names."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        old, new = urllib.parse.urlsplit(req.full_url), urllib.parse.urlsplit(urllib.parse.urljoin(req.full_url, newurl))
        if (old.scheme, old.hostname, old.port) != (new.scheme, new.hostname, new.port):
            raise HttpError("%s %s was redirected to another origin (%s): not followed, credentials are not sent there" % (req.get_method(), _redact(req.full_url), new.netloc), code)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class HttpClient:
    """Sends requests at most ``max_per_second`` per second, retrying 429 and 5xx responses and
    connection errors with exponential backoff (``Retry-After`` honoured), up to ``max_attempts``."""

    def __init__(self, max_per_second, headers=None, max_attempts=DEFAULT_MAX_ATTEMPTS,
                 backoff_seconds=DEFAULT_BACKOFF_SECONDS, timeout=REQUEST_TIMEOUT_SECONDS,
                 log=print, sleep=time.sleep):
        self.limiter = RateLimiter(max_per_second, sleep=sleep)
        self.headers = dict(headers or {})
        self.max_attempts = max(1, int(max_attempts))
        self.backoff_seconds = float(backoff_seconds)
        self.timeout = timeout
        self.requests = 0
        self._log = log
        self._sleep = sleep
        self._opener = urllib.request.build_opener(_SameOriginRedirects())

    def request(self, method, url, body=None, headers=None):
        """Send one request (retried as needed) and return its ``HttpResponse`` (2xx).

        Raises ``HttpError`` on a 4xx other than 429, on a redirect to another origin, or when
        every attempt failed.
        """
        all_headers = {"Accept": "application/json", "User-Agent": "tributary-job"}
        all_headers.update(self.headers)
        all_headers.update(headers or {})
        wait = self.backoff_seconds
        for attempt in range(1, self.max_attempts + 1):
            self.limiter.acquire()
            self.requests += 1
            retry_after, status = None, None
            try:
                req = urllib.request.Request(url, data=body, method=method, headers=all_headers)
                with self._opener.open(req, timeout=self.timeout) as resp:
                    return HttpResponse(resp.status, resp.headers, resp.read())
            except urllib.error.HTTPError as exc:
                status = exc.code
                try:
                    exc.read()
                except OSError:
                    pass
                if status not in RETRYABLE_STATUSES:
                    raise HttpError("%s %s failed: HTTP %d (not retried)" % (method, _redact(url), status), status) from None
                retry_after = retry_after_seconds(exc.headers.get("Retry-After"))
                reason = "HTTP %d" % status
            except (urllib.error.URLError, OSError) as exc:
                reason = str(getattr(exc, "reason", exc))
            if attempt == self.max_attempts:
                raise HttpError("%s %s failed: %s after %d attempts" % (method, _redact(url), reason, attempt), status)
            delay = min(MAX_RETRY_WAIT_SECONDS, retry_after if retry_after is not None else wait)
            self._log("retrying %s %s in %.1f s (attempt %d of %d): %s" % (method, _redact(url), delay, attempt + 1, self.max_attempts, reason))
            self._sleep(delay)
            wait *= 2
        raise AssertionError("unreachable")


def _redact(url):
    """The URL without its query string (query values may identify customers)."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


# ---------------------------------------------------------------------------------------------
# Landing folders next to a dataset (same rule as lib/targets/emr/jobs.ts `landingLocation`)
# ---------------------------------------------------------------------------------------------

EXPORT_FOLDER = "_export"
CHANGES_FOLDER = "_changes"


def location_template(location, ds):
    """The ``{{ds}}`` template of a location, also when an orchestrator already resolved it.

    Orchestrators may render the placeholders inside ``--node`` (Airflow renders templated
    arguments as a whole), so a location may arrive as ``s3://lake/t/ds=2026-03-01/``. Knowing
    ``ds``, the date is turned back into ``{{ds}}`` (and its no-dash form into ``{{ds_nodash}}``),
    so that other days (the previous state of a CDC merge) and landing folders can be derived.
    """
    if "{{" in location:
        return location
    values = date_values(ds)
    return location.replace(values["ds"], "{{ds}}").replace(values["ds_nodash"], "{{ds_nodash}}")


def landing_location(dataset, folder, ds=None):
    """The location template where files for a dataset land before a job reads them: the
    dataset's template with ``folder`` inserted before its first path segment that holds a
    placeholder. ``s3://lake/orders/ds={{ds}}/`` with ``_export`` gives
    ``s3://lake/orders/_export/ds={{ds}}/``: snapshot exports land in ``_export``, change files of
    a CDC stream in ``_changes``. With ``ds``, a location already resolved for ``ds`` is accepted
    (see ``location_template``)."""
    template = dataset["location"] if ds is None else location_template(dataset["location"], ds)
    at = template.find("{{")
    cut = template.rfind("/", 0, at) + 1 if at >= 0 else len(template.rstrip("/")) + 1
    prefix, rest = template[:cut], template[cut:]
    if not prefix.endswith("/"):
        prefix += "/"
    return prefix + folder + "/" + rest


def path_exists(spark, path):
    """Whether a path (any Hadoop file system: s3://, file:) exists."""
    jvm = spark.sparkContext._jvm
    hadoop_path = jvm.org.apache.hadoop.fs.Path(path)
    fs = hadoop_path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    return fs.exists(hadoop_path)


# =============================================================================================
# Keyed records of the push and publish scripts (api_push.py, publish_events.py)
# =============================================================================================

def keyed_json_rows(spark, dataset, ds, key):
    """One day's partition of a dataset as a DataFrame of ``(key, json)``, ordered by key.

    ``key`` names the idempotency column (matched without case); ``json`` is the whole row as
    JSON, written by Spark itself (ISO dates, timestamps in the session time zone, exact
    decimals). Raises ``ValueError`` when the column is missing or a record has no key.
    """
    from pyspark.sql import functions as F

    df = read_dataset(spark, dataset, ds)
    by_lower = {c.lower(): c for c in df.columns}
    if key.lower() not in by_lower:
        raise ValueError("dataset %r has no column %r (its columns: %s)" % (dataset.get("id"), key, ", ".join(df.columns)))
    keyed = df.select(
        F.col("`%s`" % by_lower[key.lower()]).cast("string").alias("key"),
        F.to_json(F.struct(*[F.col("`%s`" % c) for c in df.columns])).alias("json"),
    ).cache()
    missing = keyed.filter(F.col("key").isNull() | (F.col("key") == "")).count()
    if missing:
        raise ValueError("%d records of %r have no value in the key column %r" % (missing, dataset.get("id"), key))
    return keyed.orderBy("key")
