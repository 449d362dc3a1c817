"""The reference platform, tested as a Python user would: synthesize the app once, snapshot the
artifacts a reviewer reads, and check how wrong values are refused: wrong types at the call, by the
bindings; values of the right type that Tributary refuses, with its coded errors."""
import pathlib
import subprocess
import sys

import pytest
from aws_cdk import App, Duration, Stack
from tributary import (
    CheckRule, CheckSeverity, Column, ColumnType, DataFormat, LogSource, QualityCheck, Schedule, Schema, SparkTask, Workflow,
)

from data_platform import DataPlatformStack

APP = pathlib.Path(__file__).resolve().parent.parent / "app.py"
WORKFLOWS = ["commerce", "clickstream", "customer360"]


@pytest.fixture(scope="module")
def outdir(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """The cloud assembly of `python app.py <outdir>`, synthesized once for the module."""
    out = tmp_path_factory.mktemp("cdk.out")
    subprocess.run([sys.executable, str(APP), str(out)], check=True, capture_output=True)
    return out


def test_the_platform_has_three_workflows_in_declaration_order(tmp_path: pathlib.Path) -> None:
    # GIVEN an app, WHEN the platform stack is built
    stack = DataPlatformStack(App(outdir=str(tmp_path)), "DataPlatform")

    # THEN its workflows are the three of the reference platform, in order
    assert [w.node.id for w in stack.workflows] == ["Commerce", "Clickstream", "Customer360"]


def test_every_workflow_writes_the_artifacts_of_every_target(outdir: pathlib.Path, snapshot) -> None:
    # GIVEN the synthesized app, WHEN its tributary/ folder is listed
    files = sorted(str(p.relative_to(outdir / "tributary")) for p in (outdir / "tributary").rglob("*") if p.is_file())

    # THEN the graph, EMR, Step Functions and Airflow artifacts of each workflow are there
    assert "\n".join(files) == snapshot


@pytest.mark.parametrize("workflow", WORKFLOWS)
@pytest.mark.parametrize("artifact", ["graph.json", "graph.mmd"])
def test_the_graph_of_each_workflow_is_unchanged(outdir: pathlib.Path, snapshot, workflow: str, artifact: str) -> None:
    # GIVEN the synthesized app, WHEN a workflow's graph is read
    text = (outdir / "tributary" / workflow / artifact).read_text(encoding="utf-8")

    # THEN it is the reviewed one
    assert text == snapshot


@pytest.fixture
def workflow(tmp_path: pathlib.Path) -> Workflow:
    """An empty daily workflow in a stack of its own."""
    return Workflow(Stack(App(outdir=str(tmp_path)), "Test"), "Pipeline", schedule=Schedule.daily(hour=2), start_date="2026-01-01",
                    owner="team@example.com", lake_location="s3://lake/pipeline")


# Wrong types are refused at the call by the bindings' own checks (jsii's runtime type checking),
# naming the Python argument; nothing reaches the construct tree.
@pytest.mark.parametrize("wrong, argument", [
    ({"arrival_timeout": "4 hours"}, "arrival_timeout"),  # a string where a Duration goes
    ({"format": "json_lines"}, "format"),  # a string where a DataFormat member goes
    ({"location": None}, "location"),  # a required prop given as None
])
def test_a_wrong_type_is_refused_at_the_call_naming_the_argument(workflow: Workflow, wrong: dict, argument: str) -> None:
    # GIVEN the props of a log source, one of them of the wrong type
    props = {"location": "s3://logs/clicks/dt={{ds}}/", "format": DataFormat.JSON_LINES, **wrong}

    # WHEN it is created, THEN a TypeError names the argument, and the workflow has no node
    with pytest.raises(TypeError, match=rf"argument {argument}\b"):
        LogSource(workflow, "Clicks", **props)
    assert workflow.node.children == []


def test_a_required_prop_left_out_is_refused_by_python_itself(workflow: Workflow) -> None:
    # GIVEN a log source without its location, WHEN it is created, THEN Python names the missing argument
    with pytest.raises(TypeError, match=r"missing 1 required keyword-only argument: 'location'"):
        LogSource(workflow, "Clicks", format=DataFormat.JSON_LINES)


def test_a_string_that_is_not_a_member_of_the_enum_is_refused_and_the_member_is_accepted(workflow: Workflow) -> None:
    # GIVEN a source, and a check whose severity is the string "ERROR" (CheckSeverity.ERROR's value is "error")
    clicks = LogSource(workflow, "Clicks", location="s3://logs/clicks/dt={{ds}}/", format=DataFormat.JSON_LINES)

    # WHEN the check is created, THEN it is refused
    with pytest.raises(TypeError, match=r"argument severity\b.*tributary\.CheckSeverity"):
        QualityCheck(workflow, "Check", input=clicks.output, rules=[CheckRule.row_count_at_least(1)], severity="ERROR")

    # AND the enum's member itself is accepted
    QualityCheck(workflow, "Checked", input=clicks.output, rules=[CheckRule.row_count_at_least(1)],
                 severity=CheckSeverity.ERROR)


# Values of the right type that Tributary refuses reach Python as its coded errors, with the
# construct path and the fix.
@pytest.mark.parametrize("code, props, message", [
    ("TRB101", {"retries": 20}, "retries is 20"),
    ("TRB104", {"script": "enrich.py"}, "script 'enrich.py' is not an s3:// URI"),
])
def test_a_wrong_value_is_refused_with_tributarys_coded_error(workflow: Workflow, code: str, props: dict, message: str) -> None:
    # GIVEN a source, and a Spark task with one wrong value
    clicks = LogSource(workflow, "Clicks", location="s3://logs/clicks/dt={{ds}}/", format=DataFormat.JSON_LINES)
    task_props = {"script": "s3://jobs/enrich.py", "inputs": [clicks.output], **props}

    # WHEN it is created, THEN the error carries the code, the construct path, the problem and the fix
    with pytest.raises(RuntimeError) as raised:
        SparkTask(workflow, "Enrich", **task_props)
    assert code in str(raised.value)
    assert "[Test/Pipeline/Enrich]" in str(raised.value)
    assert message in str(raised.value)
    assert "fix:" in str(raised.value)


def test_a_daily_location_without_ds_is_refused_with_trb105(workflow: Workflow) -> None:
    # GIVEN a log source whose location is the same every day, WHEN it is created, THEN TRB105 says so
    with pytest.raises(RuntimeError, match=r"TRB105 \[Test/Pipeline/Clicks\].*does not contain \{\{ds\}\}"):
        LogSource(workflow, "Clicks", location="s3://logs/clicks/", format=DataFormat.JSON_LINES)


def test_a_node_outside_a_workflow_is_refused_with_trb100(tmp_path: pathlib.Path) -> None:
    # GIVEN a stack, WHEN a node is created in it rather than in a workflow, THEN TRB100 says so
    with pytest.raises(RuntimeError, match=r"TRB100 .*LogSource 'Clicks' is not inside a Workflow"):
        LogSource(Stack(App(outdir=str(tmp_path)), "Test"), "Clicks", location="s3://logs/clicks/dt={{ds}}/", format=DataFormat.JSON_LINES)


def test_an_id_taken_by_a_sibling_is_refused_with_trb123(workflow: Workflow) -> None:
    # GIVEN a source named Clicks, WHEN a second node gets the same id, THEN TRB123 says so
    LogSource(workflow, "Clicks", location="s3://logs/clicks/dt={{ds}}/", format=DataFormat.JSON_LINES)
    with pytest.raises(RuntimeError, match=r"TRB123 \[Test/Pipeline/Clicks\].*'Clicks' is already the id of another construct"):
        LogSource(workflow, "Clicks", location="s3://logs/views/dt={{ds}}/", format=DataFormat.JSON_LINES)


def test_a_column_named_twice_is_refused_with_trb125() -> None:
    # GIVEN two columns whose names differ only in case, WHEN they make a schema, THEN TRB125 says so
    with pytest.raises(RuntimeError, match=r"TRB125 .*column 'Amount' appears twice"):
        Schema.of([Column(name="amount", type=ColumnType.DOUBLE), Column(name="Amount", type=ColumnType.DOUBLE)])


def test_a_duration_where_a_duration_goes_is_accepted(workflow: Workflow) -> None:
    # GIVEN the same source with a Duration, WHEN it is created, THEN it joins the workflow
    LogSource(workflow, "Clicks", location="s3://logs/clicks/dt={{ds}}/", format=DataFormat.JSON_LINES,
              arrival_timeout=Duration.hours(4))
    assert [n.node.id for n in workflow.node.children] == ["Clicks"]
