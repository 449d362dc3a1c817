"""Merge a day's change records (CDC) into a table's current state, as one day's partition.

A DatabaseSource with ``IngestMode.changeDataCapture()`` reads no database: a CDC stream (AWS DMS,
Debezium) lands the table's change records as Parquet files in the dataset's ``_changes`` landing
folder (``tributary_jobs.landing_location(output, "_changes")``, for example
``s3://lake/subscriptions/_changes/ds=2026-03-01/``). This job::

    merge_changes.py --ds 2026-03-01 --node '{"properties": ..., "output": ...}'

takes the table's state of the previous day (the output's ``prev_ds`` partition; empty on the
first day), applies the day's changes and writes the new state as the ``ds`` partition:

- a change record has the table's columns plus ``op`` (``I`` insert, ``U`` update, ``D`` delete,
  as DMS writes it; matched case-insensitively) and may have ``change_seq`` (its order in the day;
  without it, the order of the files);
- the key is the ``partitionedRead`` column when set, otherwise the first declared column;
- for each key the last change of the day wins: a delete removes the row, an insert or update
  replaces it.
"""

import sys

import tributary_jobs as tj

OP = "op"
SEQ = "change_seq"


def key_column(props, columns):
    split = props.get("partitionedRead")
    return split["column"] if split else columns[0]["name"]


def merge(spark, previous, changes, columns, key):
    """The new state: ``previous`` with the last change of each key in ``changes`` applied."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    lower = {c.lower(): c for c in changes.columns}
    if OP not in lower:
        raise ValueError("change records have no %r column (found: %s)" % (OP, ", ".join(changes.columns)))
    order = F.col(lower[SEQ]) if SEQ in lower else F.monotonically_increasing_id()
    ranked = (changes.withColumn("_tributary_order", order)
              .withColumn("_tributary_op", F.upper(F.col(lower[OP])))
              .withColumn("_tributary_rank", F.row_number().over(
                  Window.partitionBy(F.col(lower[key.lower()])).orderBy(F.col("_tributary_order").desc()))))
    last = ranked.where(F.col("_tributary_rank") == 1)
    upserts = tj.conform(last.where(F.col("_tributary_op") != "D"), columns)
    changed_keys = tj.conform(last, [c for c in columns if c["name"] == key])
    kept = previous.join(changed_keys, on=key, how="left_anti")
    return kept.unionByName(upserts)


def main(argv=None):
    args = tj.parse_args(argv, description=__doc__.splitlines()[0])
    node, props, output = args.node, args.node["properties"], args.node["output"]
    columns = output.get("columns")
    if not columns:
        raise SystemExit("merge_changes.py needs the table's declared schema (DatabaseSource schema)")
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("%s.%s" % (node["workflow"], node["node"])).getOrCreate()
    dates = tj.date_values(args.ds)
    template = tj.location_template(output["location"], args.ds)
    previous_path = tj.resolve(template, dates["prev_ds"])
    if tj.path_exists(spark, previous_path):
        previous = tj.conform(tj.read_dataset(spark, output, dates["prev_ds"], location=previous_path), columns)
    else:
        previous = spark.createDataFrame([], tj.schema_struct(columns))
    changes_path = tj.resolve(tj.landing_location(output, tj.CHANGES_FOLDER, args.ds), args.ds)
    changes = spark.read.parquet(changes_path)
    state = merge(spark, previous, changes, columns, key_column(props, columns))
    path = tj.write_dataset(state, output, args.ds)
    print("merge_changes: wrote %s" % path)
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
