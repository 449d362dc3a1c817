import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { landingLocation } from '../../lib/targets/emr/jobs';
import { pythonEnv } from '../support/python';

// Cost: one plain python run per test (no Spark): well under a second each.

const SCRIPTS = path.resolve(__dirname, '..', '..', 'scripts');
const env = pythonEnv();

/** Run `code` under the venv's python with scripts/ on the path; returns its stdout as JSON. */
function py(code: string, extraEnv: Record<string, string> = {}): any {
  const run = spawnSync(env.python, ['-c', `import json, tributary_jobs as tj\n${code}`], {
    encoding: 'utf-8', env: { ...process.env, PYTHONPATH: SCRIPTS, ...extraEnv },
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

test('logical-date placeholders resolve from --ds in strings, lists and dicts', () => {
  // THEN
  expect(py(`print(json.dumps(tj.resolve({"a": ["{{ds}}/{{ds_nodash}}", "{{next_ds}}"], "b": "{{prev_ds}}", "n": 1}, "2024-03-01")))`))
    .toEqual({ a: ['2024-03-01/20240301', '2024-03-02'], b: '2024-02-29', n: 1 });
});

test('the day window starts the lookback before midnight and ends at the next midnight', () => {
  // THEN
  expect(py('print(json.dumps(tj.day_window("2026-03-01", 7200)))')).toEqual(['2026-02-28 22:00:00', '2026-03-02 00:00:00']);
  expect(py('print(json.dumps(tj.day_window("2026-03-01")))')).toEqual(['2026-03-01 00:00:00', '2026-03-02 00:00:00']);
});

test('--ds and --node are parsed and checked', () => {
  // THEN
  expect(py(`a = tj.parse_args(["--ds", "2026-03-01", "--node", '{"workflow":"w","node":"n","properties":{},"inputs":[],"output":null}'])
print(json.dumps([a.ds, a.node["node"]]))`)).toEqual(['2026-03-01', 'n']);
  expect(() => py('tj.parse_args(["--ds", "2026-3-1", "--node", "{}"])')).toThrow(/not YYYY-MM-DD/);
  expect(() => py('tj.parse_args(["--ds", "2026-03-01", "--node", "{}"])')).toThrow(/--node has no 'workflow' field/);
});

test('secrets are read by name, an Airflow connection x as airflow/connections/x', () => {
  // GIVEN a local secrets file (local runs only; on EMR, Secrets Manager)
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-secrets-')), 'secrets.json');
  fs.writeFileSync(file, JSON.stringify({ 'airflow/connections/crm': { login: 'u' }, 'prod/db': 'plain' }));

  // THEN
  expect(py(`print(json.dumps([tj.secret_name({"store": "airflow_connection", "reference": "crm"}), tj.secret_name({"store": "secretsmanager", "reference": "prod/db"})]))`))
    .toEqual(['airflow/connections/crm', 'prod/db']);
  expect(py(`print(json.dumps([tj.read_secret_json({"store": "airflow_connection", "reference": "crm"}), tj.read_secret({"store": "secretsmanager", "reference": "prod/db"})]))`,
    { TRIBUTARY_LOCAL_SECRETS_FILE: file })).toEqual([{ login: 'u' }, 'plain']);
});

test('landing folders follow the same rule as the EMR target\'s, also for a location already resolved for the day', () => {
  // GIVEN
  const locations = ['s3://lake/orders/ds={{ds}}/', 's3://lake/orders/{{ds_nodash}}/part/', 's3://lake/orders'];

  // WHEN
  const python = py(`print(json.dumps([tj.landing_location({"location": l}, "_export") for l in ${JSON.stringify(locations)}]))`);

  // THEN
  expect(python).toEqual(locations.map((location) => landingLocation({ location }, '_export')));
  expect(py('print(json.dumps(tj.landing_location({"location": "s3://lake/t/ds=2026-03-01/"}, "_changes", "2026-03-01")))'))
    .toBe('s3://lake/t/_changes/ds={{ds}}/');
  expect(py('print(json.dumps(tj.location_template("s3://lake/t/20260301/x=2026-03-01/", "2026-03-01")))'))
    .toBe('s3://lake/t/{{ds_nodash}}/x={{ds}}/');
});

test('declared column types map to Spark types', () => {
  // THEN
  expect(py(`print(json.dumps(tj.schema_struct([{"name": "a", "type": "decimal(18,2)", "nullable": False}, {"name": "b", "type": "json", "nullable": True},
  {"name": "c", "type": "timestamp"}, {"name": "d", "type": "bigint"}]).simpleString()))`)).toBe('struct<a:decimal(18,2),b:string,c:timestamp,d:bigint>');
  expect(() => py('tj.spark_type("uuid")')).toThrow(/unknown column type 'uuid'/);
});

test('the rate limiter spaces request starts 1/maxRequestsPerSecond apart, on a fake clock, below one request a second too', () => {
  // GIVEN a fake clock that sleeping advances, and requests that arrive in a burst (and one after a pause)
  const starts = (perSecond: number) => py(`
now = [100.0]
def sleep(s): now[0] += s
limiter = tj.RateLimiter(${perSecond}, clock=lambda: now[0], sleep=sleep)
starts = []
for i in range(6):
    if i == 4: now[0] += 10
    limiter.acquire()
    starts.append(round(now[0] - 100.0, 6))
print(json.dumps(starts))`);

  // THEN in a burst each start waits for the one before; after a pause longer than the interval, no wait
  expect(starts(4)).toEqual([0, 0.25, 0.5, 0.75, 10.75, 11]);
  expect(starts(0.5)).toEqual([0, 2, 4, 6, 16, 18]);
});
