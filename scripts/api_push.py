"""Tributary's generic job of an ApiSink: push one day's records to an HTTP API in batches.

Run as ``api_push.py --ds <YYYY-MM-DD> --node <JSON>`` (an EMR Serverless job run; see
scripts/README.md). The node's properties are those of graph.json: ``url``, ``method``, ``auth``
(a secret reference), ``batchSize``, ``maxRequestsPerSecond`` and ``idempotencyKey`` (a column).

Each request's body is ``{"records": [{"idempotencyKey": <key>, "record": <row>}, ...]}``; a batch
of one record also carries its key as the ``Idempotency-Key`` header. Records are sent in the
order of their keys, so a rerun sends the same batches with the same keys and the API can drop
what it already has.
"""

import json
import sys
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple

import tributary_jobs as tj

# Exit codes: 0 every batch accepted, 1 a batch finally failed (or the input could not be
# read), 2 the node document cannot be pushed (no idempotency key, no input).
EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2


def batch_body(batch: List[Tuple[str, str]]) -> bytes:
    """The request body of a batch of ``(key, record JSON)`` pairs (the JSON texts are kept as is,
    so decimals keep every digit)."""
    items = ",".join('{"idempotencyKey":%s,"record":%s}' % (json.dumps(key, ensure_ascii=False), record) for key, record in batch)
    return ('{"records":[%s]}' % items).encode("utf-8")


def batches(records: Iterable[Tuple[str, str]], size: int) -> Iterator[List[Tuple[str, str]]]:
    """Split ``(key, record JSON)`` pairs into lists of at most ``size``."""
    batch: List[Tuple[str, str]] = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def push(records: Iterable[Tuple[str, str]], properties: Dict[str, Any], client: "tj.HttpClient", log=print) -> int:
    """Send every batch; returns the number of records pushed. A batch that finally fails raises
    ``tj.HttpError`` (earlier batches stay pushed: their keys make the rerun safe)."""
    method = properties.get("method", "POST")
    url = properties["url"]
    pushed = 0
    for number, batch in enumerate(batches(records, int(properties.get("batchSize", 500))), start=1):
        headers = {"Content-Type": "application/json"}
        if len(batch) == 1:
            headers["Idempotency-Key"] = batch[0][0]
        try:
            client.request(method, url, body=batch_body(batch), headers=headers)
        except tj.HttpError as exc:
            raise tj.HttpError("batch %d (%d records, after %d pushed) failed: %s" % (number, len(batch), pushed, exc), exc.status) from None
        pushed += len(batch)
    return pushed


def main(argv: Optional[List[str]] = None) -> int:
    """Push the day's records; see the module docstring for the exit codes."""
    args = tj.parse_args(argv, description=__doc__.splitlines()[0])
    node, ds = args.node, args.ds
    label = "%s.%s" % (node["workflow"], node["node"])
    properties = node["properties"]
    if not properties.get("idempotencyKey"):
        print("%s: FAILED: the ApiSink has no idempotencyKey, so a retried push could duplicate records" % label, file=sys.stderr)
        return EXIT_INVALID
    if len(node.get("inputs") or []) != 1:
        print("%s: FAILED: an ApiSink pushes exactly one input dataset" % label, file=sys.stderr)
        return EXIT_INVALID
    try:
        headers = tj.secret_auth_headers(properties.get("auth"))
    except Exception as exc:  # noqa: BLE001 - the message names the secret, never its value
        print("%s: FAILED: %s" % (label, exc), file=sys.stderr)
        return EXIT_FAILED
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("tributary %s" % label).getOrCreate()
    spark.conf.set("spark.sql.session.timeZone", "UTC")
    try:
        keyed = tj.keyed_json_rows(spark, node["inputs"][0], ds, properties["idempotencyKey"])
    except ValueError as exc:
        print("%s: FAILED: nothing was pushed: %s" % (label, exc), file=sys.stderr)
        return EXIT_FAILED
    log = lambda m: print("%s: %s" % (label, m), flush=True)  # noqa: E731
    client = tj.HttpClient(properties.get("maxRequestsPerSecond", 5), headers=headers, log=log)
    records = ((row["key"], row["json"]) for row in keyed.toLocalIterator())
    try:
        pushed = push(records, properties, client, log=log)
    except tj.HttpError as exc:
        print("%s: FAILED: %s" % (label, exc), file=sys.stderr, flush=True)
        return EXIT_FAILED
    log("pushed %d records in %d requests" % (pushed, client.requests))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
