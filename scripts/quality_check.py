"""Tributary's generic job of a QualityCheck on Spark: evaluate the rules on one day's partition.

Run as ``quality_check.py --ds <YYYY-MM-DD> --node <JSON>`` (an EMR Serverless job run; see
scripts/README.md). The node's properties are those of graph.json: ``severity`` (``error`` or
``warning``) and ``rules``, each one of ``not_null``, ``unique``, ``row_count_at_least``,
``freshness`` and ``custom_sql``. Only the audited dataset's ``ds`` partition is read.

Prints one ``PASS``/``FAIL`` line per rule and a final ``RESULT <json>`` line. Exits 1 when the
severity is ``error`` and any rule failed, so that the orchestrator fails the task and the sinks
it gates never run; with ``warning`` the failures are reported and the job exits 0.
"""

import datetime
import json
import re
import sys
from typing import Any, Dict, List, Optional

import tributary_jobs as tj

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2
# The name `{{table}}` stands for in custom SQL: a temporary view of the day's partition.
TABLE_VIEW = "tributary_audited"
_TABLE = re.compile(r"\{\{\s*table\s*\}\}")


class RuleResult:
    """The outcome of one rule: its label, whether it passed, and what was measured."""

    def __init__(self, label: str, passed: bool, detail: str, measured: Dict[str, Any]):
        self.label = label
        self.passed = passed
        self.detail = detail
        self.measured = measured

    def as_dict(self) -> Dict[str, Any]:
        return {"rule": self.label, "passed": self.passed, **self.measured}


def rule_label(rule: Dict[str, Any]) -> str:
    """A short readable name of a rule: ``not_null(order_id, customer_id)``."""
    kind = rule.get("rule")
    if kind in ("not_null", "unique"):
        return "%s(%s)" % (kind, ", ".join(rule.get("columns", [])))
    if kind == "row_count_at_least":
        return "row_count_at_least(%s)" % rule.get("minRows")
    if kind == "freshness":
        return "freshness(%s, %ss)" % (rule.get("column"), _number(rule.get("maxAgeSeconds")))
    if kind == "custom_sql":
        return "custom_sql(%s)" % rule.get("name")
    return str(kind)


def _number(x: Any) -> str:
    return str(int(x)) if isinstance(x, (int, float)) and float(x).is_integer() else str(x)


def _column(df: Any, name: str) -> Any:
    """The column of ``df`` named ``name``, compared without case as the model does."""
    from pyspark.sql import functions as F

    by_lower = {c.lower(): c for c in df.columns}
    if name.lower() not in by_lower:
        raise ValueError("the dataset has no column %r (its columns: %s)" % (name, ", ".join(df.columns)))
    return F.col("`%s`" % by_lower[name.lower()])


def validate_rules(rules: List[Dict[str, Any]]) -> List[str]:
    """Problems of the rule list (unknown rules, missing settings); empty when it can run."""
    problems = []
    for i, rule in enumerate(rules):
        kind = rule.get("rule")
        needs = {"not_null": ["columns"], "unique": ["columns"], "row_count_at_least": ["minRows"],
                 "freshness": ["column", "maxAgeSeconds"], "custom_sql": ["name", "sql"]}.get(kind)
        if needs is None:
            problems.append("rule %d: unknown rule %r" % (i + 1, kind))
        else:
            problems.extend("rule %d (%s): no %s" % (i + 1, kind, k) for k in needs if rule.get(k) in (None, "", []))
    return problems


def evaluate(spark: Any, df: Any, rules: List[Dict[str, Any]], ds: str) -> List[RuleResult]:
    """Evaluate every rule on ``df`` (the day's partition), in the order given.

    ``not_null``, ``row_count_at_least`` and ``freshness`` share one aggregation pass over the
    data; each ``unique`` and ``custom_sql`` rule is one more query.
    """
    from pyspark.sql import functions as F

    aggregates = [F.count(F.lit(1)).alias("rows")]
    for i, rule in enumerate(rules):
        if rule["rule"] == "not_null":
            aggregates += [F.sum(_column(df, c).isNull().cast("long")).alias("nn_%d_%d" % (i, j)) for j, c in enumerate(rule["columns"])]
        elif rule["rule"] == "freshness":
            aggregates.append(F.max(_column(df, rule["column"]).cast("timestamp")).alias("fresh_%d" % i))
    totals = df.agg(*aggregates).first()
    rows = totals["rows"]
    end_of_day = datetime.datetime.combine(tj.parse_ds(ds) + datetime.timedelta(days=1), datetime.time())

    results = []
    for i, rule in enumerate(rules):
        label, kind = rule_label(rule), rule["rule"]
        if kind == "not_null":
            nulls = {c: int(totals["nn_%d_%d" % (i, j)] or 0) for j, c in enumerate(rule["columns"])}
            bad = ["%s: %d" % (c, n) for c, n in nulls.items() if n]
            results.append(RuleResult(label, not bad, "null values in %s" % ", ".join(bad) if bad else "no null values in %d rows" % rows, {"nulls": nulls}))
        elif kind == "unique":
            cols = [_column(df, c) for c in rule["columns"]]
            dup = df.groupBy(*cols).count().filter(F.col("count") > 1).agg(F.count(F.lit(1)).alias("values"), F.sum("count").alias("rows")).first()
            values, dup_rows = int(dup["values"] or 0), int(dup["rows"] or 0)
            results.append(RuleResult(label, values == 0, "%d values appear more than once (%d rows)" % (values, dup_rows) if values else "all %d rows distinct" % rows, {"duplicateValues": values, "duplicateRows": dup_rows}))
        elif kind == "row_count_at_least":
            minimum = int(rule["minRows"])
            results.append(RuleResult(label, rows >= minimum, "%d rows, at least %d required" % (rows, minimum), {"rows": rows}))
        elif kind == "freshness":
            newest = totals["fresh_%d" % i]
            max_age = float(rule["maxAgeSeconds"])
            if newest is None:
                results.append(RuleResult(label, False, "no value in %s" % rule["column"], {"newest": None}))
            else:
                # Spark returns naive datetimes in the session time zone, which this job sets to UTC.
                age = (end_of_day - newest.replace(tzinfo=None)).total_seconds()
                results.append(RuleResult(label, age <= max_age, "newest %s is %.0f s before the end of %s (at most %s s)" % (newest.isoformat(), age, ds, _number(max_age)), {"newest": newest.isoformat(), "ageSeconds": age}))
        elif kind == "custom_sql":
            sql = _TABLE.sub(TABLE_VIEW, tj.resolve(rule["sql"], ds))
            failing = spark.sql(sql).count()
            results.append(RuleResult(label, failing == 0, "%d failing rows" % failing, {"failingRows": failing}))
    return results


def main(argv: Optional[List[str]] = None) -> int:
    """Evaluate the rules and report; see the module docstring for the exit codes."""
    args = tj.parse_args(argv, description=__doc__.splitlines()[0])
    node, ds = args.node, args.ds
    label = "%s.%s" % (node["workflow"], node["node"])
    properties = node["properties"]
    severity = properties.get("severity", "error")
    rules = properties.get("rules") or []
    problems = validate_rules(rules) + ([] if severity in ("error", "warning") else ["unknown severity %r" % severity])
    if not rules:
        problems.append("no rules")
    if len(node.get("inputs") or []) != 1:
        problems.append("a QualityCheck audits exactly one input dataset")
    if problems:
        print("%s: FAILED: %s" % (label, "; ".join(problems)), file=sys.stderr)
        return EXIT_INVALID
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("tributary %s" % label).getOrCreate()
    spark.conf.set("spark.sql.session.timeZone", "UTC")
    audited = node["inputs"][0]
    df = tj.read_dataset(spark, audited, ds)
    df.createOrReplaceTempView(TABLE_VIEW)
    results = evaluate(spark, df, rules, ds)
    for r in results:
        print("%s: %s %s: %s" % (label, "PASS" if r.passed else "FAIL", r.label, r.detail), flush=True)
    failed = [r.label for r in results if not r.passed]
    summary = {"dataset": audited.get("id"), "ds": ds, "severity": severity, "passed": not failed, "rules": [r.as_dict() for r in results]}
    print("RESULT %s" % json.dumps(summary, sort_keys=True, separators=(",", ":")), flush=True)
    if failed and severity == "error":
        print("%s: FAILED: %d of %d rules failed (severity error): %s" % (label, len(failed), len(results), ", ".join(failed)), file=sys.stderr, flush=True)
        return EXIT_FAILED
    if failed:
        print("%s: WARNING: %d of %d rules failed (severity warning: the sinks run)" % (label, len(failed), len(results)), flush=True)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
