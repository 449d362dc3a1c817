import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib/core';
import { DataPlatformStack } from '../../../bin/platform';
import { Testing } from '../../../lib';
import { tempDir } from '../../fixtures';
import { pythonEnv } from '../../support/python';

// Integration: Airflow runs the commerce and customer360 DAGs for one date with dag.test(), offline,
// AWS calls stubbed, on a throwaway SQLite database (about 35 s: creating the database takes 10 s).

interface RunResult { state: string; states: Record<string, string>; calls: Record<string, any> }

const work = tempDir('tributary-dag-test-');
let results: Record<string, RunResult>;

beforeAll(() => {
  const stack = new DataPlatformStack(new App({ analyticsReporting: false }), 'DataPlatform');
  const dags = path.join(work, 'dags');
  fs.mkdirSync(dags);
  for (const workflow of stack.workflows.filter((w) => ['commerce', 'customer360'].includes(w.workflowId))) {
    fs.writeFileSync(path.join(dags, `${workflow.workflowId}.py`), Testing.synth(workflow)[`airflow/${workflow.workflowId}.py`]);
  }
  const output = path.join(work, 'result.json');
  const run = spawnSync(pythonEnv().python, [path.join(__dirname, 'dag_test_run.py'), dags, '2026-03-01', output, 'commerce:enriched_orders_quality', 'customer360'], {
    cwd: work,
    encoding: 'utf-8',
    timeout: 170_000,
    env: {
      ...process.env,
      AIRFLOW_HOME: path.join(work, 'home'),
      AIRFLOW__CORE__LOAD_EXAMPLES: 'False',
      AIRFLOW__CORE__DAGS_FOLDER: dags,
      // The Airflow Variables the DAG reads, as Airflow reads them from the environment.
      AIRFLOW_VAR_TRIBUTARY_EMR_APPLICATION_ID: '00abc',
      AIRFLOW_VAR_TRIBUTARY_EMR_JOB_ROLE_ARN: 'arn:aws:iam::123456789012:role/jobs',
      AIRFLOW_VAR_TRIBUTARY_SCRIPTS_LOCATION: 's3://scripts/tributary',
      AIRFLOW_VAR_TRIBUTARY_EMR_LOG_URI: 's3://logs/emr',
      AIRFLOW_VAR_TRIBUTARY_RDS_EXPORT_BUCKET: 'exports',
      AIRFLOW_VAR_TRIBUTARY_RDS_EXPORT_ROLE_ARN: 'arn:aws:iam::123456789012:role/export',
      AIRFLOW_VAR_TRIBUTARY_RDS_EXPORT_KMS_KEY_ID: 'key-1',
      'AIRFLOW_VAR_TRIBUTARY_RDS_EXPORT_SOURCE_ARN.COMMERCE.CUSTOMERS': 'arn:aws:rds:eu-west-1:123456789012:cluster-snapshot:orders',
    },
  });
  if (run.status !== 0) throw new Error(`dag_test_run.py failed (${run.status}):\n${run.stderr.slice(-4000)}`);
  results = JSON.parse(fs.readFileSync(output, 'utf-8'));
}, 180_000);

test('when the quality check fails, the run fails and the load and everything after it never run', () => {
  // GIVEN
  const result = results.commerce;

  // THEN
  expect(result.state).toBe('failed');
  expect(result.states).toEqual({
    'customers.export': 'success', 'customers': 'success', 'fx_rates': 'success', 'orders': 'success', 'products': 'success',
    'enrich_orders': 'success', 'enriched_orders_quality': 'failed',
    'load_orders': 'upstream_failed', 'daily_revenue': 'upstream_failed', 'commerce_ready': 'upstream_failed',
  });
  expect(Object.keys(result.calls)).not.toContain('load_orders');
});

test('the tasks that ran got the logical date and the Airflow Variables filled in by Airflow itself', () => {
  // GIVEN
  const { calls } = results.commerce;

  // THEN
  expect(calls.enrich_orders).toMatchObject({
    application_id: '00abc',
    execution_role_arn: 'arn:aws:iam::123456789012:role/jobs',
    job_driver: { sparkSubmit: { entryPoint: 's3://acme-jobs/commerce/enrich_orders.py', entryPointArguments: ['--ds', '2026-03-01'] } },
    configuration_overrides: { monitoringConfiguration: { s3MonitoringConfiguration: { logUri: 's3://logs/emr/commerce/enrich_orders/' } } },
  });
  expect(calls['customers.export']).toMatchObject({
    export_task_identifier: expect.stringMatching(/^trb-customers-[0-9a-f]{8}-20260301-1$/),
    source_arn: 'arn:aws:rds:eu-west-1:123456789012:cluster-snapshot:orders',
    s3_bucket_name: 'exports',
    s3_prefix: 'commerce/customers/2026-03-01',
  });
  const fx = calls.fx_rates.job_driver.sparkSubmit;
  expect(fx.entryPoint).toBe('s3://scripts/tributary/api_ingest.py');
  expect(JSON.parse(fx.entryPointArguments[3]).properties.path).toBe('/rates/2026-03-01');
});

test("with every task stubbed to succeed, customer360 runs to success; next_ds reaches the job as the day after ds", () => {
  // GIVEN
  const result = results.customer360;

  // THEN
  expect(result.state).toBe('success');
  expect(Object.values(result.states).every((state) => state === 'success')).toBe(true);
  const crm = result.calls.crm_accounts.job_driver.sparkSubmit.entryPointArguments;
  expect(JSON.parse(crm[3]).properties.query).toEqual({ updated_since: '2026-03-01', updated_before: '2026-03-02' });
  expect(result.calls.churn_scores.sql[0]).toBe("DELETE FROM marts.churn_scores WHERE scored_on = '2026-03-01'");
});
