/**
 * The execution input the daily schedule (EventBridge Scheduler) passes to a workflow's root state
 * machine: `{"scheduledTime": "<aws.scheduler.scheduled-time>"}`, which Scheduler replaces with the
 * run's scheduled time in UTC, ISO 8601 (`2026-01-02T02:00:00Z`).
 *
 * Scheduler's input templating has no date arithmetic, so the root machine derives the logical
 * date itself: when the input has no `ds`, `ds` is the UTC calendar date of `scheduledTime` minus
 * one day (a daily run at 2026-01-02T02:00Z processes ds 2026-01-01, as in Airflow). A manual run
 * or a backfill passes `{"ds": "YYYY-MM-DD"}` instead, and that `ds` is used as given.
 */
export const SCHEDULED_EXECUTION_INPUT = '{"scheduledTime":"<aws.scheduler.scheduled-time>"}';

/** The execution input field that carries the scheduled time. */
export const SCHEDULED_TIME_FIELD = 'scheduledTime';
