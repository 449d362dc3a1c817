"""Read one day's partition of a log dataset with its declared format and schema.

A LogSource lands files under a ``{{ds}}`` location; its consumers read only that day's
partition, never the whole log. This script is that read as a job::

    read_log_partition.py --ds 2026-03-01 --node '{"inputs": [<log dataset>], "output": <dataset>, ...}'

It reads the ``ds`` partition of the first input in the input's declared format (``jsonl``,
``csv`` with a header, ``parquet``) with the declared schema (rows that do not parse fail the
job), and writes it as the output dataset's ``ds`` partition in the output's format and schema.
Spark scripts of SparkTasks can do the same read with ``tributary_jobs.read_dataset``.
"""

import sys

import tributary_jobs as tj


def main(argv=None):
    args = tj.parse_args(argv, description=__doc__.splitlines()[0])
    node = args.node
    if not node["inputs"] or node["output"] is None:
        raise SystemExit("read_log_partition.py needs one input dataset and an output dataset")
    log = node["inputs"][0]
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("%s.%s" % (node["workflow"], node["node"])).getOrCreate()
    day = tj.read_dataset(spark, log, args.ds)
    path = tj.write_dataset(day, node["output"], args.ds)
    print("read_log_partition: wrote %s" % path)
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
