import { Schedule, Testing } from '../../lib';
import { newWorkflow } from '../util';

test('daily defaults to midnight UTC', () => {
  // THEN
  expect(Schedule.daily().expressionString).toBe('0 0 * * *');
});

test('daily puts minute and hour in cron order', () => {
  // THEN
  expect(Schedule.daily({ hour: 2 }).expressionString).toBe('0 2 * * *');
  expect(Schedule.daily({ minute: 30 }).expressionString).toBe('30 0 * * *');
  expect(Schedule.daily({ hour: 23, minute: 45 }).expressionString).toBe('45 23 * * *');
});

test('cron keeps the expression with single spaces between fields', () => {
  // THEN
  expect(Schedule.cron('15 4 * * MON-FRI').expressionString).toBe('15 4 * * MON-FRI');
  expect(Schedule.cron('  15   4 *\t* *\n').expressionString).toBe('15 4 * * *');
});

test('the graph carries the schedule expression', () => {
  // GIVEN
  const workflow = newWorkflow({ schedule: Schedule.daily({ hour: 5, minute: 10 }) });

  // THEN
  expect(Testing.graph(workflow).workflow.schedule).toBe('10 5 * * *');
});

test('a schedule that is not a valid daily cron is reported at synth as TRB011 on the workflow', () => {
  // GIVEN
  const workflow = newWorkflow({ schedule: Schedule.cron('0 24 * * *') });

  // WHEN
  const diagnostics = Testing.diagnostics(workflow).filter((d) => d.code === 'TRB011');

  // THEN
  expect(diagnostics).toHaveLength(1);
  expect(diagnostics[0]).toMatchObject({ severity: 'error', path: 'Test/Pipeline' });
  expect(diagnostics[0].message).toContain('24 is outside 0-23');
});

test('a valid schedule gives no TRB011', () => {
  // GIVEN
  const workflow = newWorkflow({ schedule: Schedule.cron('0 3 * * *') });

  // THEN
  expect(Testing.diagnostics(workflow).map((d) => d.code)).not.toContain('TRB011');
});
