"""Tributary's generic job of an ApiSource: one day's records of a paged HTTP API, landed as JSON lines.

Run as ``api_ingest.py --ds <YYYY-MM-DD> --node <JSON>`` (an EMR Serverless job run; see
scripts/README.md). The node's properties are those of graph.json: ``baseUrl``, ``path``,
``query`` (``{{ds}}`` and friends resolved), ``auth`` (a secret reference), ``pagination``
(``none``, ``cursor``, ``page`` or ``link_header``) and ``maxRequestsPerSecond``.

Every page is fetched first (rate-limited, 429/5xx retried); only then is the output partition
replaced, so a failed run leaves the previous partition as it was and a rerun is idempotent.
"""

import json
import re
import sys
import urllib.parse
from typing import Any, Dict, Iterator, List, Optional, Tuple

import tributary_jobs as tj

# Top-level fields that conventionally hold the records of a page, in order of preference.
RECORD_FIELDS = ("data", "records", "results", "items")
# A pagination that never ends is a bug of the API or of the declaration: stop the job.
MAX_PAGES = 100000


def request_url(properties: Dict[str, Any], ds: str, extra: Optional[Dict[str, str]] = None) -> str:
    """``baseUrl + path`` with the query (placeholders resolved) and ``extra`` parameters."""
    base = properties["baseUrl"].rstrip("/")
    path = tj.resolve(properties.get("path", ""), ds)
    if path and not path.startswith("/"):
        path = "/" + path
    query = dict(tj.resolve(properties.get("query") or {}, ds))
    query.update(extra or {})
    url = base + urllib.parse.quote(path, safe="/:@!$&'()*+,;=-._~%")
    return url + ("?" + urllib.parse.urlencode(query) if query else "")


def page_records(body: Any) -> List[Any]:
    """The records of one response body.

    A JSON array is the list of records. An object's records are its one array-valued field,
    or, when it has several, the first of ``data``, ``records``, ``results`` and ``items``; an
    object with no array field is one record. An empty body has none.
    """
    if body is None:
        return []
    if isinstance(body, list):
        return body
    if isinstance(body, dict):
        arrays = [k for k, v in body.items() if isinstance(v, list)]
        if len(arrays) == 1:
            return body[arrays[0]]
        for field in RECORD_FIELDS:
            if isinstance(body.get(field), list):
                return body[field]
        if not arrays:
            return [body]
        raise ValueError("the response has several array fields (%s) and none of %s: cannot tell which holds the records" % (", ".join(sorted(arrays)), ", ".join(RECORD_FIELDS)))
    raise ValueError("the response is a JSON %s, not an array or an object" % type(body).__name__)


def dotted(body: Any, path: str) -> Any:
    """The value at a dotted path (``meta.next_cursor``) of a JSON body, or None."""
    value = body
    for part in path.split("."):
        if isinstance(value, dict) and part in value:
            value = value[part]
        else:
            return None
    return value


def next_link(link_header: Optional[str]) -> Optional[str]:
    """The URL of ``rel="next"`` in a ``Link`` header (RFC 8288), or None."""
    if not link_header:
        return None
    for part in _split_links(link_header):
        match = re.match(r'\s*<([^>]*)>(.*)$', part, re.S)
        if not match:
            continue
        for param in match.group(2).split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "rel" and "next" in value.strip().strip('"').lower().split():
                return match.group(1)
    return None


def _split_links(header: str) -> List[str]:
    """Split a Link header on the commas between links (not those inside ``<…>`` or quotes)."""
    parts, depth, quoted, start = [], False, False, 0
    for i, ch in enumerate(header):
        if ch == "<" and not quoted:
            depth = True
        elif ch == ">" and not quoted:
            depth = False
        elif ch == '"' and not depth:
            quoted = not quoted
        elif ch == "," and not depth and not quoted:
            parts.append(header[start:i])
            start = i + 1
    parts.append(header[start:])
    return parts


def _same_origin(a: str, b: str) -> bool:
    pa, pb = urllib.parse.urlsplit(a), urllib.parse.urlsplit(b)
    return (pa.scheme, pa.hostname, pa.port) == (pb.scheme, pb.hostname, pb.port)


def fetch_pages(properties: Dict[str, Any], ds: str, client: "tj.HttpClient") -> Iterator[Tuple[str, List[Any]]]:
    """Yield ``(url, records)`` for every page of the day, following the declared pagination."""
    pagination = properties.get("pagination") or {"style": "none"}
    style = pagination.get("style", "none")
    if style == "none":
        url = request_url(properties, ds)
        yield url, page_records(client.request("GET", url).json())
    elif style == "cursor":
        cursor, seen = None, set()
        for _ in range(MAX_PAGES):
            extra = {pagination["cursorParam"]: cursor} if cursor is not None else {}
            url = request_url(properties, ds, extra)
            body = client.request("GET", url).json()
            yield url, page_records(body)
            cursor = dotted(body, pagination["nextCursorPath"])
            if cursor is None or cursor == "" or cursor is False:
                return
            cursor = str(cursor)
            if cursor in seen:
                raise ValueError("the API returned cursor %r twice: its pagination does not end" % cursor)
            seen.add(cursor)
        raise ValueError("more than %d pages" % MAX_PAGES)
    elif style == "page":
        size_param = pagination.get("pageSizeParam")
        for page in range(1, MAX_PAGES + 1):
            extra = {pagination["pageParam"]: str(page)}
            if size_param:
                extra[size_param] = str(pagination.get("pageSize", 100))
            url = request_url(properties, ds, extra)
            records = page_records(client.request("GET", url).json())
            if not records:
                return
            yield url, records
        raise ValueError("more than %d pages" % MAX_PAGES)
    elif style == "link_header":
        url, seen = request_url(properties, ds), set()
        for _ in range(MAX_PAGES):
            response = client.request("GET", url)
            yield url, page_records(response.json())
            seen.add(url)
            link = next_link(response.headers.get("Link"))
            if link is None:
                return
            link = urllib.parse.urljoin(url, link)
            if not _same_origin(link, properties["baseUrl"]):
                raise ValueError("the next page's link leaves the API's origin (%s): credentials are not sent there" % urllib.parse.urlsplit(link).netloc)
            if link in seen:
                raise ValueError("the API linked back to a page already read: its pagination does not end")
            url = link
        raise ValueError("more than %d pages" % MAX_PAGES)
    else:
        raise ValueError("unknown pagination style %r" % style)


def fetch_records(node: Dict[str, Any], ds: str, log=print) -> List[str]:
    """Every record of the day, as compact JSON texts, in the order the API returned them."""
    properties = node["properties"]
    headers = tj.secret_auth_headers(properties.get("auth"))
    client = tj.HttpClient(properties.get("maxRequestsPerSecond", 5), headers=headers, log=log)
    lines: List[str] = []
    for _url, records in fetch_pages(properties, ds, client):
        lines.extend(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in records)
    log("fetched %d records in %d requests" % (len(lines), client.requests))
    return lines


def write_records(spark: Any, lines: List[str], output: Dict[str, Any], ds: str) -> str:
    """Replace the output's ``ds`` partition with the records, as JSON lines.

    With declared columns, each record is parsed with the schema (a value that does not fit its
    type fails the job) and a non-nullable column may not be missing or null; the records are
    written with exactly the declared columns. Without, the records are written as received.
    """
    location = tj.dataset_location(output, ds)
    columns = output.get("columns")
    rdd = spark.sparkContext.parallelize(lines, max(1, min(64, len(lines) // 100000 + 1)))
    if not columns:
        from pyspark.sql import Row

        df = spark.createDataFrame(rdd.map(lambda line: Row(value=line)), "value string")
        df.coalesce(1).write.mode("overwrite").text(location)
        return location
    df = spark.read.schema(tj.schema_struct(columns)).option("mode", "FAILFAST").json(rdd).cache()
    required = [c["name"] for c in columns if not c.get("nullable", True)]
    if required:
        from pyspark.sql import functions as F

        counts = df.select([F.sum(F.col(c).isNull().cast("int")).alias(c) for c in required]).first()
        bad = ["%s (%d records)" % (c, counts[c]) for c in required if counts[c]]
        if bad:
            raise ValueError("records without a value in non-nullable columns: %s" % ", ".join(bad))
    return tj.write_dataset(df.coalesce(1), output, ds)


def main(argv: Optional[List[str]] = None) -> int:
    """Fetch the day's records and replace the output partition; 0 on success, 1 on failure."""
    args = tj.parse_args(argv, description=__doc__.splitlines()[0])
    node, ds = args.node, args.ds
    label = "%s.%s" % (node["workflow"], node["node"])
    if not node.get("output"):
        print("%s: the node has no output dataset" % label, file=sys.stderr)
        return 2
    try:
        lines = fetch_records(node, ds, log=lambda m: print("%s: %s" % (label, m), flush=True))
    except Exception as exc:  # noqa: BLE001 - any failure fails the job with one line
        print("%s: FAILED: %s" % (label, exc), file=sys.stderr)
        return 1
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("tributary %s" % label).getOrCreate()
    spark.conf.set("spark.sql.session.timeZone", "UTC")
    try:
        location = write_records(spark, lines, node["output"], ds)
    except ValueError as exc:
        print("%s: FAILED: %s" % (label, exc), file=sys.stderr)
        return 1
    print("%s: wrote %d records to %s" % (label, len(lines), location), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
