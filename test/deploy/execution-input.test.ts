import { SCHEDULED_EXECUTION_INPUT, SCHEDULED_TIME_FIELD } from '../../lib/deploy/execution-input';

test('the scheduled execution input is JSON whose one field carries the scheduled time of EventBridge Scheduler', () => {
  // THEN
  expect(JSON.parse(SCHEDULED_EXECUTION_INPUT)).toEqual({ [SCHEDULED_TIME_FIELD]: '<aws.scheduler.scheduled-time>' });
});
