"""Load a folder of generated DAG files with Airflow's DagBag and print what Airflow made of them.

Usage: python dagbag_probe.py <dags folder> <ds> <output file>

Writes one JSON document to <output file> (Airflow logs to stdout): the DagBag's import errors, the
warnings raised while loading, and for each DAG its settings and, for each task, its operator,
upstream task ids, retry settings, every templated field as given and as rendered for the logical
date <ds>, the non-templated strings the task carries, and its inlets and outlets. Airflow
Variables render as "<var:NAME>". The test that runs this compares the result with the model.
"""

import datetime
import json
import sys
import warnings

warnings.simplefilter("ignore")

try:
    from airflow.dag_processing.dagbag import DagBag
except ImportError:  # Airflow before 3.2
    from airflow.models.dagbag import DagBag

from airflow.sdk.execution_time import macros


class Variables:
    """`var.value.NAME` and `var.value.get('NAME')` in a template, without a metadata database."""

    def __getattr__(self, name):
        return f"<var:{name}>"

    def get(self, name, default=None):
        return f"<var:{name}>"


class TaskInstance:
    try_number = 1


def seconds(value):
    if value is None:
        return None
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    return float(value)


def plain(value):
    """A templated field's value as JSON data (tuples as lists)."""
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return repr(value)


def asset(value):
    """An inlet or outlet as JSON data: its class and, for an Asset, what Airflow made of it."""
    return {
        "type": type(value).__name__,
        "name": getattr(value, "name", None),
        "uri": getattr(value, "uri", None),
        "group": getattr(value, "group", None),
        "extra": plain(getattr(value, "extra", None)),
    }


def main():
    folder, ds, output = sys.argv[1], sys.argv[2], sys.argv[3]
    with warnings.catch_warnings(record=True) as raised:
        warnings.simplefilter("always")
        bag = DagBag(dag_folder=folder, safe_mode=False)
    loading_warnings = [f"{w.category.__name__}: {w.message}" for w in raised]
    for file_warnings in getattr(bag, "captured_warnings", {}).values():
        loading_warnings.extend(str(w) for w in file_warnings)
    day = datetime.date.fromisoformat(ds)
    context = {
        "ds": ds,
        "ds_nodash": ds.replace("-", ""),
        "macros": macros,
        "var": {"value": Variables()},
        "ti": TaskInstance(),
    }
    dags = {}
    for dag_id, dag in sorted(bag.dags.items()):
        timetable = dag.timetable
        tasks = {}
        for task in dag.tasks:
            fields = {name: plain(getattr(task, name)) for name in task.template_fields if getattr(task, name, None) is not None}
            rendered = {
                name: plain(task.render_template(getattr(task, name), context))
                for name in task.template_fields
                if getattr(task, name, None) is not None
            }
            tasks[task.task_id] = {
                "operator": type(task).__name__,
                "upstream": sorted(task.upstream_task_ids),
                "retries": task.retries,
                "retryDelaySeconds": seconds(task.retry_delay),
                "retryExponentialBackoff": task.retry_exponential_backoff,
                "executionTimeoutSeconds": seconds(task.execution_timeout),
                "owner": task.owner,
                "doc": task.doc,
                "templateFields": fields,
                "rendered": rendered,
                "secretArn": getattr(task, "secret_arn", None),
                "mode": getattr(task, "mode", None),
                "pokeInterval": seconds(getattr(task, "poke_interval", None)),
                "timeout": seconds(getattr(task, "timeout", None)),
                "waiterMaxAttempts": getattr(task, "waiter_max_attempts", None),
                "waiterDelay": getattr(task, "waiter_delay", None),
                "inlets": [asset(a) for a in task.inlets],
                "outlets": [asset(a) for a in task.outlets],
            }
        dags[dag_id] = {
            "fileloc": dag.fileloc,
            "description": dag.description,
            "schedule": getattr(timetable, "expression", None) or getattr(timetable, "_expression", None) or str(timetable),
            "timetable": type(timetable).__name__,
            "startDate": dag.start_date.isoformat() if dag.start_date else None,
            "catchup": dag.catchup,
            "maxActiveRuns": dag.max_active_runs,
            "tags": sorted(dag.tags),
            "tasks": tasks,
        }
    result = {
        "importErrors": {str(k): v for k, v in bag.import_errors.items()},
        "warnings": loading_warnings,
        "dags": dags,
        "day": day.isoformat(),
    }
    with open(output, "w", encoding="utf-8") as out:
        json.dump(result, out)


if __name__ == "__main__":
    main()
