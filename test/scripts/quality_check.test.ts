import * as path from 'path';
import { expectExit, JVM_OPTIONS, runPython, runScript, ScriptRun, tempDir } from '../support/scripts';

// Cost: two Spark JVMs (about 8 s each on 2 cores, more when the machine is busy): one python
// process writes the Parquet data and runs the passing and warning cases in one session; one
// spark-submit run of the script shows the error exit.
jest.setTimeout(240_000);

const DS = '2026-11-27';
const lake = tempDir('quality');

const COLUMNS = [
  { name: 'order_id', type: 'bigint', nullable: false },
  { name: 'customer_id', type: 'bigint', nullable: false },
  { name: 'amount_usd', type: 'decimal(18,2)', nullable: false },
  { name: 'updated_at', type: 'timestamp', nullable: false },
];

const RULES = [
  { rule: 'not_null', columns: ['order_id', 'customer_id'] },
  { rule: 'unique', columns: ['order_id'] },
  { rule: 'row_count_at_least', minRows: 5 },
  { rule: 'freshness', column: 'updated_at', maxAgeSeconds: 93600 },
  { rule: 'custom_sql', name: 'amount_not_negative', sql: "SELECT order_id FROM {{table}} WHERE amount_usd < 0 AND to_date(updated_at) <= DATE '{{ds}}'" },
];

function checkNode(dataset: string, severity: string) {
  const audited = { id: 'enrich_orders', format: 'parquet', location: `${path.join(lake, dataset)}/ds={{ds}}/`, columns: COLUMNS };
  return { workflow: 'commerce', node: 'enriched_orders_quality', properties: { severity, rules: RULES }, inputs: [audited], output: audited };
}

// The Parquet data: `good` passes every rule; `bad` breaks each one (a null customer, a
// duplicated order, 4 rows, newest update 3 days old, a negative amount). Another day of `good`
// breaks every rule too, and must not be read.
const WRITE_AND_RUN = `
import datetime, json, os, sys
from decimal import Decimal
from pyspark.sql import SparkSession
import tributary_jobs as tj, quality_check
spark = SparkSession.builder.master("local[1]").config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "1").config("spark.driver.extraJavaOptions", os.environ["JVM_OPTIONS"]).getOrCreate()
spark.conf.set("spark.sql.session.timeZone", "UTC")
lake, columns = os.environ["LAKE"], json.loads(os.environ["FIXTURE_COLUMNS"])
ts = lambda s: datetime.datetime.fromisoformat(s)
good = [(i, 100 + i, Decimal("10.00") * i, ts("2026-11-27T%02d:00:00" % (10 + i))) for i in range(1, 6)]
bad = [(1, 101, Decimal("5.00"), ts("2026-11-24T10:00:00")), (1, 102, Decimal("6.00"), ts("2026-11-24T11:00:00")),
       (3, None, Decimal("-1.00"), ts("2026-11-24T12:00:00")), (4, 104, Decimal("8.00"), ts("2026-11-25T00:00:00"))]
other_day = [(9, None, Decimal("-9.00"), ts("2026-01-01T00:00:00"))] * 2
schema = tj.schema_struct([dict(c, nullable=True) for c in columns])
for name, rows, day in (("good", good, "${DS}"), ("bad", bad, "${DS}"), ("good", other_day, "2026-11-26")):
    spark.createDataFrame(rows, schema).write.mode("overwrite").parquet("%s/%s/ds=%s" % (lake, name, day))
for label in ("good_error", "bad_warning"):
    print("=== %s" % label, flush=True)
    code = quality_check.main(["--ds", "${DS}", "--node", os.environ[label.upper()]])
    print("=== exit %d" % code, flush=True)
`;

let inProcess: ScriptRun;

function section(out: string, label: string): { lines: string[]; exit: number } {
  const part = out.split(`=== ${label}\n`)[1].split('=== exit ')[0];
  const exit = Number(out.split(`=== ${label}\n`)[1].split('=== exit ')[1].split('\n')[0]);
  return { lines: part.split('\n').filter((l) => l.length > 0), exit };
}

beforeAll(async () => {
  inProcess = await runPython(WRITE_AND_RUN, {
    JVM_OPTIONS, LAKE: lake, FIXTURE_COLUMNS: JSON.stringify(COLUMNS), SPARK_LOCAL_IP: '127.0.0.1',
    GOOD_ERROR: JSON.stringify(checkNode('good', 'error')),
    BAD_WARNING: JSON.stringify(checkNode('bad', 'warning')),
  });
  expectExit(inProcess, 0);
});

test('every rule passes on a good day partition and the check exits 0', () => {
  // GIVEN the good partition (and a bad partition of another day beside it)
  // WHEN the check ran with severity error
  const { lines, exit } = section(inProcess.stdout, 'good_error');
  // THEN each rule passed, on the day's five rows only
  expect(exit).toBe(0);
  expect(lines.filter((l) => l.includes(': PASS '))).toEqual([
    'commerce.enriched_orders_quality: PASS not_null(order_id, customer_id): no null values in 5 rows',
    'commerce.enriched_orders_quality: PASS unique(order_id): all 5 rows distinct',
    'commerce.enriched_orders_quality: PASS row_count_at_least(5): 5 rows, at least 5 required',
    'commerce.enriched_orders_quality: PASS freshness(updated_at, 93600s): newest 2026-11-27T15:00:00 is 32400 s before the end of 2026-11-27 (at most 93600 s)',
    'commerce.enriched_orders_quality: PASS custom_sql(amount_not_negative): 0 failing rows',
  ]);
  const result = JSON.parse(lines.find((l) => l.startsWith('RESULT '))!.slice(7));
  expect(result).toMatchObject({ passed: true, severity: 'error', ds: DS, dataset: 'enrich_orders' });
});

test('with severity warning, failed rules are reported and the check still exits 0', () => {
  // GIVEN the bad partition
  // WHEN the check ran with severity warning
  const { lines, exit } = section(inProcess.stdout, 'bad_warning');
  // THEN every rule failed, was reported, and the job succeeded so that the sinks run
  expect(exit).toBe(0);
  expect(lines.filter((l) => l.includes(': FAIL '))).toHaveLength(5);
  expect(lines).toContain('commerce.enriched_orders_quality: WARNING: 5 of 5 rules failed (severity warning: the sinks run)');
});

test('with severity error, each failed rule is reported and the spark-submit job exits 1', async () => {
  // GIVEN the bad partition
  // WHEN the check runs under spark-submit with severity error
  const run = await runScript('quality_check.py', DS, checkNode('bad', 'error'), { spark: true });
  // THEN it exits 1, and names each failure with what was measured
  expectExit(run, 1);
  const out = run.stdout + run.stderr;
  for (const line of [
    'FAIL not_null(order_id, customer_id): null values in customer_id: 1',
    'FAIL unique(order_id): 1 values appear more than once (2 rows)',
    'FAIL row_count_at_least(5): 4 rows, at least 5 required',
    'FAIL freshness(updated_at, 93600s): newest 2026-11-25T00:00:00 is 259200 s before the end of 2026-11-27 (at most 93600 s)',
    'FAIL custom_sql(amount_not_negative): 1 failing rows',
    'FAILED: 5 of 5 rules failed (severity error)',
  ]) {
    expect(out).toContain(line);
  }
});

test('a rule the job does not know is refused with exit 2 before any data is read', async () => {
  // GIVEN a check with an unknown rule and a rule missing its setting
  const node = checkNode('good', 'error');
  node.properties.rules = [{ rule: 'looks_fine' }, { rule: 'row_count_at_least' }] as any;
  // WHEN the job runs
  const run = await runScript('quality_check.py', DS, node);
  // THEN it exits 2 naming both problems
  expectExit(run, 2);
  expect(run.stderr).toContain("rule 1: unknown rule 'looks_fine'; rule 2 (row_count_at_least): no minRows");
});
