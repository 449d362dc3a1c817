"""Test helper: run a job script as spark-submit's entry point, then read back what it wrote.

Usage (as the spark-submit application):
``run_and_read.py <output dir> <setup script or -> <job script> <job args...>``.
The setup script, when given, runs first in the same driver (it writes the job's input files with
Spark, for example Parquet change records). Then the job runs as its own ``__main__`` with its own
arguments and the Spark settings spark-submit was given. Then this helper reads the Parquet files at
``<output dir>`` and prints ``RESULT{"schema": [[name, type, nullable]], "rows": [{column: str}]}``.
One spark-submit per test scenario, instead of more to prepare inputs and read the output.
"""
import json
import runpy
import sys

output, setup, script, args = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
if setup != "-":
    runpy.run_path(setup, run_name="__main__")
sys.argv = [script] + args
runpy.run_path(script, run_name="__main__")

from pyspark.sql import SparkSession  # noqa: E402

spark = SparkSession.builder.getOrCreate()
df = spark.read.parquet(output)
schema = [[f.name, f.dataType.simpleString(), f.nullable] for f in df.schema.fields]
rows = [{k: str(v) for k, v in r.asDict().items()} for r in df.collect()]
print("RESULT" + json.dumps({"schema": schema, "rows": rows}))
spark.stop()
