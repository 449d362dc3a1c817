"""Convert a database snapshot export (RDS/Aurora export to S3) into one day's partition.

A DatabaseSource with ``IngestMode.snapshotExport()`` runs in two steps: the orchestrator starts
an RDS/Aurora export task of the table (``ExportOnly`` the table) to the dataset's ``_export``
landing folder (``tributary_jobs.landing_location(output, "_export")`` resolved for the day, the
same rule as ``landingLocation`` in lib/targets/emr/jobs.ts) and waits for it; then this job::

    convert_export.py --ds 2026-03-01 --node '{"properties": ..., "output": ...}'

reads the exported Parquet files (RDS writes them under
``<prefix>/<export id>/<database>/<schema.table>/<partition>/part-*.parquet``, so every
``.parquet`` file below the landing folder is read) and writes them as the output dataset's
``ds`` partition with the declared schema (columns in declared order, cast to declared types).
The export is a consistent snapshot of a clone: the live database is never scanned.
"""

import sys

import tributary_jobs as tj


def main(argv=None):
    args = tj.parse_args(argv, description=__doc__.splitlines()[0])
    node, output = args.node, args.node["output"]
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("%s.%s" % (node["workflow"], node["node"])).getOrCreate()
    exported = tj.resolve(tj.landing_location(output, tj.EXPORT_FOLDER, args.ds), args.ds)
    table = (spark.read.option("recursiveFileLookup", "true").option("pathGlobFilter", "*.parquet")
             .parquet(exported))
    path = tj.write_dataset(table, output, args.ds)
    print("convert_export: wrote %s from %s" % (path, exported))
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
