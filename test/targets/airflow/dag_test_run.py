"""Run generated DAGs for one logical date with `dag.test()`, offline, with every AWS call stubbed.

Usage: python dag_test_run.py <dags folder> <ds> <output file> <dag id>[:<task id to fail>] ...

Needs AIRFLOW_HOME (a throwaway folder: a SQLite metadata database is created there) and
AIRFLOW__CORE__DAGS_FOLDER set to <dags folder>. The operators' `execute` (and the S3 sensor's
`poke`) are replaced by stubs that record the task's templated fields as Airflow rendered them;
the stub of <task id to fail> raises. Retries are set to 0 so that a failure ends the run.
Writes, for each DAG, the run's state, each task's state and the recorded calls as JSON to <output file>.
"""

import datetime
import json
import os
import sys
import warnings

warnings.simplefilter("ignore")

from airflow.utils import db

db.initdb()

from airflow.dag_processing.dagbag import DagBag
from airflow.providers.amazon.aws.operators.emr import EmrServerlessStartJobOperator
from airflow.providers.amazon.aws.operators.eventbridge import EventBridgePutEventsOperator
from airflow.providers.amazon.aws.operators.rds import RdsStartExportTaskOperator
from airflow.providers.amazon.aws.operators.redshift_data import RedshiftDataOperator
from airflow.providers.amazon.aws.sensors.s3 import S3KeySensor

folder, ds, output = sys.argv[1:4]
runs = [arg.split(":", 1) + [None] if ":" not in arg else arg.split(":", 1) for arg in sys.argv[4:]]
calls = {}
failing = set()


def record(task):
    calls.setdefault(task.dag_id, {})[task.task_id] = {
        f: getattr(task, f) for f in task.template_fields if isinstance(getattr(task, f), (str, list, dict))
    }
    if (task.dag_id, task.task_id) in failing:
        raise RuntimeError(f"stubbed failure of {task.task_id}")


def execute(self, context):
    record(self)


def poke(self, context):
    record(self)
    return True


for cls in (EmrServerlessStartJobOperator, RedshiftDataOperator, EventBridgePutEventsOperator, RdsStartExportTaskOperator):
    cls.execute = execute
S3KeySensor.poke = poke

bag = DagBag(dag_folder=folder, safe_mode=False)
if bag.import_errors:
    raise SystemExit(f"import errors: {bag.import_errors}")
day = datetime.date.fromisoformat(ds)
results = {}
for dag_id, fail in runs:
    if fail:
        failing.add((dag_id, fail))
    dag = bag.dags[dag_id]
    for task in dag.tasks:
        task.retries = 0
    run = dag.test(logical_date=datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc))
    results[dag_id] = {
        "state": str(run.state),
        "states": {ti.task_id: str(ti.state) for ti in run.get_task_instances()},
        "calls": calls.get(dag_id, {}),
    }
with open(output, "w", encoding="utf-8") as out:
    json.dump(results, out, default=str)
