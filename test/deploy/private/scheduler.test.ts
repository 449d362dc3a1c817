import { schedulerCronExpression } from '../../../lib/deploy/private/scheduler';

test('a daily cron gets a year field and ? for the unrestricted day of the week', () => {
  // THEN
  expect(schedulerCronExpression('30 3 * * *')).toBe('cron(30 3 * * ? *)');
});

test('a day-of-week cron gets ? for the day of the month and EventBridge day numbers (Sunday = 1)', () => {
  // THEN
  expect(schedulerCronExpression('0 2 * * 1-5')).toBe('cron(0 2 ? * 2-6 *)');
  expect(schedulerCronExpression('0 2 * * 0,6')).toBe('cron(0 2 ? * 1,7 *)');
});

test('day and month names pass through in upper case', () => {
  // THEN
  expect(schedulerCronExpression('0 2 * jan-mar mon')).toBe('cron(0 2 ? JAN-MAR MON *)');
});

test('a day-of-month cron keeps its day and gets ? for the day of the week', () => {
  // THEN
  expect(schedulerCronExpression('0 4 1 * *')).toBe('cron(0 4 1 * ? *)');
});
