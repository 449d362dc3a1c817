import { Duration } from 'aws-cdk-lib/core';
import { CheckRule, DataFormat, Engine, LogSource, QualityCheck, StepFunctionsTarget, Testing } from '../../../lib';
import { validWorkflow } from '../../util';
import { platformGraphs } from './support';

test('the target is named stepfunctions and finds nothing wrong with the reference workflows', () => {
  // GIVEN
  const target = new StepFunctionsTarget();

  // THEN
  expect(target.name).toBe('stepfunctions');
  for (const graph of Object.values(platformGraphs())) expect(target.validate(graph)).toEqual([]);
});

test('a node that may take more history events than an execution allows is refused with TRB032', () => {
  // GIVEN a log source that looks every minute for a day, three times
  const { workflow } = validWorkflow();
  new LogSource(workflow, 'Clicks', { location: 's3://acme-logs/clicks/dt={{ds}}/', format: DataFormat.JSON_LINES, pollInterval: Duration.minutes(1), arrivalTimeout: Duration.hours(24) });

  // WHEN
  const found = new StepFunctionsTarget().validate(Testing.graph(workflow));

  // THEN
  expect(found.map((d) => [d.code, d.severity, d.path])).toEqual([['TRB032', 'error', `${workflow.node.path}/Clicks`]]);
  expect(found[0].location).toBeDefined();
});

test("a warehouse check of files in object storage is refused by the language's rule (TRB041) before the target's checks run", () => {
  // GIVEN
  const { workflow, orders } = validWorkflow();
  new QualityCheck(workflow, 'OrdersChecked', { input: orders.output, engine: Engine.WAREHOUSE, rules: [CheckRule.notNull(['order_id'])] });

  // WHEN
  const found = Testing.diagnostics(workflow).filter((d) => d.severity === 'error');

  // THEN
  expect(found.map((d) => d.code)).toEqual(['TRB041']);
  expect(() => new StepFunctionsTarget().validate(Testing.graph(workflow))).toThrow(/warehouse/);
});
