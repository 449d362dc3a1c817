"""Tributary's generic job of an EventSink: publish one day's events to EventBridge or Kafka.

Run as ``publish_events.py --ds <YYYY-MM-DD> --node <JSON>`` (an EMR Serverless job run; see
scripts/README.md). The node's properties are those of graph.json: ``bus`` (``{"broker":
"eventbridge", "busName"}`` or ``{"broker": "kafka", "topic", "connection"}``), ``source``,
``detailType`` and ``payload`` (``{"kind": "completion"}`` or ``{"kind": "records",
"idempotencyKey"}``).

Every event carries an ``eventId`` that a rerun repeats: ``<workflow>.<node>.<ds>`` for the
completion event, the record's idempotency-key value for record events. Consumers drop ids
they have seen.
"""

import json
import re
import sys
import time
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple

import tributary_jobs as tj

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2
# PutEvents quotas: at most 10 entries and 256 KiB per request.
MAX_ENTRIES = 10
MAX_REQUEST_BYTES = 256 * 1024
# Attempts of an entry that PutEvents reports as failed, the first included.
MAX_ENTRY_ATTEMPTS = 6
# The Spark data source that writes to Kafka, and the package that provides it on Spark 3.5.5.
KAFKA_PACKAGE = "org.apache.spark:spark-sql-kafka-0-10_2.12:3.5.5"


# ---------------------------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------------------------

def completion_event(node: Dict[str, Any], ds: str) -> Tuple[str, str]:
    """``(eventId, detail JSON)`` of the completion event: the date and the inputs' locations."""
    event_id = "%s.%s.%s" % (node["workflow"], node["node"], ds)
    detail = {
        "eventId": event_id,
        "workflow": node["workflow"],
        "node": node["node"],
        "ds": ds,
        "datasets": [{"id": d.get("id"), "location": tj.dataset_location(d, ds), "format": d.get("format")} for d in node.get("inputs") or []],
    }
    return event_id, json.dumps(detail, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def record_event(node: Dict[str, Any], ds: str, key: str, record_json: str) -> Tuple[str, str]:
    """``(eventId, detail JSON)`` of one record's event: the key is the event id; the record's
    JSON text is kept as written by Spark."""
    head = json.dumps({"eventId": key, "workflow": node["workflow"], "node": node["node"], "ds": ds}, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return key, head[:-1] + ',"record":' + record_json + "}"


def entry_size(entry: Dict[str, Any]) -> int:
    """The size PutEvents counts for an entry: UTF-8 bytes of Source, DetailType, Detail and each
    Resource, plus 14 bytes for Time when set."""
    size = sum(len(entry.get(k, "").encode("utf-8")) for k in ("Source", "DetailType", "Detail"))
    size += sum(len(r.encode("utf-8")) for r in entry.get("Resources", []))
    return size + (14 if "Time" in entry else 0)


def entry_batches(entries: Iterable[Tuple[str, Dict[str, Any]]]) -> Iterator[List[Tuple[str, Dict[str, Any]]]]:
    """Group ``(eventId, entry)`` pairs into requests of at most 10 entries and 256 KiB.

    Raises ``ValueError`` for an entry that alone exceeds 256 KiB.
    """
    batch: List[Tuple[str, Dict[str, Any]]] = []
    size = 0
    for event_id, entry in entries:
        n = entry_size(entry)
        if n > MAX_REQUEST_BYTES:
            raise ValueError("event %r is %d bytes; PutEvents accepts at most %d" % (event_id, n, MAX_REQUEST_BYTES))
        if batch and (len(batch) >= MAX_ENTRIES or size + n > MAX_REQUEST_BYTES):
            yield batch
            batch, size = [], 0
        batch.append((event_id, entry))
        size += n
    if batch:
        yield batch


def put_events(client: Any, events: Iterable[Tuple[str, str]], node: Dict[str, Any], log=print, sleep=time.sleep) -> int:
    """Publish ``(eventId, detail)`` pairs to the node's EventBridge bus; returns the count.

    Entries that PutEvents reports as failed are sent again (alone with the others that failed),
    with exponential backoff, up to ``MAX_ENTRY_ATTEMPTS`` times; then ``RuntimeError``.
    """
    properties = node["properties"]
    bus = properties["bus"]["busName"]

    def entries():
        for event_id, detail in events:
            yield event_id, {"Source": properties["source"], "DetailType": properties["detailType"], "Detail": detail, "EventBusName": bus}

    published = 0
    for batch in entry_batches(entries()):
        pending = batch
        for attempt in range(1, MAX_ENTRY_ATTEMPTS + 1):
            response = client.put_events(Entries=[entry for _, entry in pending])
            failed = [(item, result) for item, result in zip(pending, response.get("Entries", [])) if result.get("ErrorCode")]
            published += len(pending) - len(failed)
            if not failed:
                break
            codes = sorted({result["ErrorCode"] for _, result in failed})
            if attempt == MAX_ENTRY_ATTEMPTS:
                raise RuntimeError("%d events failed after %d attempts (%s): %s" % (len(failed), attempt, ", ".join(codes), ", ".join(item[0] for item, _ in failed)))
            delay = tj.DEFAULT_BACKOFF_SECONDS * 2 ** (attempt - 1)
            log("retrying %d failed events in %.1f s (%s)" % (len(failed), delay, ", ".join(codes)))
            sleep(delay)
            pending = [item for item, _ in failed]
    return published


# ---------------------------------------------------------------------------------------------
# Kafka, through Spark's Kafka data source
# ---------------------------------------------------------------------------------------------

def _jaas_quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def kafka_options(connection: Dict[str, Any], topic: str) -> Dict[str, str]:
    """Options of Spark's Kafka sink from the connection secret's JSON.

    The secret holds ``bootstrapServers`` and, for an authenticated cluster,
    ``securityProtocol`` (``SASL_SSL``, ``SSL``...), ``saslMechanism`` (``SCRAM-SHA-512``,
    ``SCRAM-SHA-256``, ``PLAIN`` with ``username``/``password``; or ``AWS_MSK_IAM``, which uses
    the job role and needs the aws-msk-iam-auth package). Producers wait for all replicas.
    """
    servers = connection.get("bootstrapServers")
    if not isinstance(servers, str) or not servers:
        raise ValueError("the Kafka connection secret has no bootstrapServers")
    options = {"kafka.bootstrap.servers": servers, "topic": topic, "kafka.acks": "all"}
    protocol = connection.get("securityProtocol")
    if protocol:
        options["kafka.security.protocol"] = str(protocol)
    mechanism = connection.get("saslMechanism")
    if mechanism:
        options["kafka.sasl.mechanism"] = str(mechanism)
        if mechanism == "AWS_MSK_IAM":
            options["kafka.sasl.jaas.config"] = "software.amazon.msk.auth.iam.IAMLoginModule required;"
            options["kafka.sasl.client.callback.handler.class"] = "software.amazon.msk.auth.iam.IAMClientCallbackHandler"
        else:
            module = {"PLAIN": "org.apache.kafka.common.security.plain.PlainLoginModule"}.get(mechanism, "org.apache.kafka.common.security.scram.ScramLoginModule")
            if not isinstance(connection.get("username"), str) or not isinstance(connection.get("password"), str):
                raise ValueError("the Kafka connection secret has saslMechanism %s but no username/password" % mechanism)
            options["kafka.sasl.jaas.config"] = "%s required username=%s password=%s;" % (module, _jaas_quote(connection["username"]), _jaas_quote(connection["password"]))
    return options


def publish_kafka(spark: Any, events: Any, node: Dict[str, Any], options: Dict[str, str]) -> None:
    """Write a DataFrame of ``(key, value)`` event texts to the node's Kafka topic, with the event
    source and detail type as the ``source`` and ``detail-type`` record headers."""
    from pyspark.sql import functions as F

    properties = node["properties"]
    headers = F.array(
        F.struct(F.lit("source").alias("key"), F.lit(properties["source"]).cast("binary").alias("value")),
        F.struct(F.lit("detail-type").alias("key"), F.lit(properties["detailType"]).cast("binary").alias("value")),
    )
    out = events.select(F.col("key").cast("binary").alias("key"), F.col("value").cast("binary").alias("value"), headers.alias("headers"))
    writer = out.write.format("kafka").option("includeHeaders", "true")
    for k, v in options.items():
        writer = writer.option(k, v)
    try:
        writer.save()
    except Exception as exc:  # noqa: BLE001 - say what Kafka said, not which Py4J call failed
        if "Failed to find data source: kafka" in str(exc):
            raise RuntimeError("Spark's Kafka data source is not on the job's classpath: the job needs the package %s (spark.jars.packages)" % KAFKA_PACKAGE) from None
        cause = java_root_cause(exc)
        if cause is None:
            raise
        # Kafka's messages name no credentials; a JAAS password is cut out all the same.
        cause = re.sub(r'password="(?:[^"\\]|\\.)*"', 'password="***"', cause)
        raise RuntimeError("Kafka did not take the events for topic %s: %s" % (options["topic"], cause)) from None


def java_root_cause(exc: BaseException) -> Optional[str]:
    """``<Java class>: <message>`` of the innermost Java exception under a PySpark error (the
    Kafka producer's own error, such as a missing topic's metadata time-out), or None."""
    java = getattr(exc, "java_exception", None) or getattr(exc, "_origin", None)
    if java is None:
        return None
    while java.getCause() is not None:
        java = java.getCause()
    return "%s: %s" % (java.getClass().getName(), java.getMessage())


def kafka_frame(spark: Any, node: Dict[str, Any], ds: str) -> Any:
    """The day's events as a DataFrame of ``(key, value)`` texts: the event id, and the same
    ``Detail`` JSON that EventBridge gets (for records, built in Spark, never on the driver)."""
    from pyspark.sql import functions as F

    payload = node["properties"].get("payload") or {"kind": "completion"}
    if payload.get("kind") == "completion":
        return spark.createDataFrame([completion_event(node, ds)], "key string, value string")
    frame = None
    for dataset in node["inputs"]:
        rows = tj.keyed_json_rows(spark, dataset, ds, payload["idempotencyKey"])
        # The envelope of record_event (its fields in sorted order), with the record's JSON
        # text spliced in as the last field.
        head = F.to_json(F.struct(F.lit(ds).alias("ds"), F.col("key").alias("eventId"), F.lit(node["node"]).alias("node"), F.lit(node["workflow"]).alias("workflow")))
        value = F.concat(F.expr("substring(__head, 1, length(__head) - 1)"), F.lit(',"record":'), F.col("json"), F.lit("}"))
        part = rows.withColumn("__head", head).select(F.col("key"), value.alias("value"))
        frame = part if frame is None else frame.unionAll(part)
    return frame


# ---------------------------------------------------------------------------------------------
# The job
# ---------------------------------------------------------------------------------------------

def main(argv: Optional[List[str]] = None) -> int:
    """Publish the day's events; 0 when all are published, 1 on failure, 2 on an invalid node."""
    args = tj.parse_args(argv, description=__doc__.splitlines()[0])
    node, ds = args.node, args.ds
    label = "%s.%s" % (node["workflow"], node["node"])
    properties = node["properties"]
    broker = (properties.get("bus") or {}).get("broker")
    payload = properties.get("payload") or {"kind": "completion"}
    kind, key = payload.get("kind"), payload.get("idempotencyKey")
    problems = []
    if broker not in ("eventbridge", "kafka"):
        problems.append("unknown broker %r" % broker)
    if kind not in ("completion", "records"):
        problems.append("unknown payload %r" % kind)
    if kind == "records" and not key:
        problems.append("record events need the payload's idempotencyKey column")
    if not node.get("inputs"):
        problems.append("no input datasets")
    if problems:
        print("%s: FAILED: %s" % (label, "; ".join(problems)), file=sys.stderr)
        return EXIT_INVALID
    log = lambda m: print("%s: %s" % (label, m), flush=True)  # noqa: E731

    spark = None
    if kind == "records" or broker == "kafka":
        from pyspark.sql import SparkSession

        spark = SparkSession.builder.appName("tributary %s" % label).getOrCreate()
        spark.conf.set("spark.sql.session.timeZone", "UTC")
    try:
        if broker == "eventbridge":
            import boto3
            from botocore.config import Config

            client = boto3.client("events", config=Config(retries={"mode": "standard", "max_attempts": MAX_ENTRY_ATTEMPTS}))
            if kind == "completion":
                events = [completion_event(node, ds)]
            else:
                events = (record_event(node, ds, row["key"], row["json"])
                          for dataset in node["inputs"]
                          for row in tj.keyed_json_rows(spark, dataset, ds, key).toLocalIterator())
            count = put_events(client, events, node, log=log)
        else:
            options = kafka_options(tj.read_secret_json(properties["bus"]["connection"]), properties["bus"]["topic"])
            frame = kafka_frame(spark, node, ds)
            frame = frame.cache()
            count = frame.count()
            log("publishing %d events to kafka %s" % (count, properties["bus"]["topic"]))
            publish_kafka(spark, frame, node, options)
    except Exception as exc:  # noqa: BLE001 - any failure fails the job with one line, no secret in it
        print("%s: FAILED: %s" % (label, exc), file=sys.stderr, flush=True)
        return EXIT_FAILED
    log("published %d events to %s %s" % (count, broker, properties["bus"].get("busName") or properties["bus"].get("topic")))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
