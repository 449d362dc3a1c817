import { checkArgument, checkValue, failAt } from './private/props';

const SCHEDULE_SYMBOL = Symbol.for('tributary.Schedule');

/** Hour and minute of a daily run, in UTC. */
export interface DailyScheduleOptions {
  /**
   * Hour of the day, 0–23, UTC.
   * @default 0
   */
  readonly hour?: number;
  /**
   * Minute of the hour, 0–59.
   * @default 0
   */
  readonly minute?: number;
}

/**
 * When a workflow runs: one five-field cron expression (UTC), shared by every target.
 * It is checked at synth (code TRB011), with the workflow's path.
 */
export class Schedule {
  /** Once a day at `hour:minute` UTC. */
  public static daily(options: DailyScheduleOptions = {}): Schedule {
    checkValue(failAt('Schedule.daily'), 'options', options, {
      kind: 'struct', name: 'DailyScheduleOptions', props: {
        hour: { kind: 'number', integer: true, min: 0, max: 23 },
        minute: { kind: 'number', integer: true, min: 0, max: 59 },
      },
    });
    return new Schedule(`${options.minute ?? 0} ${options.hour ?? 0} * * *`);
  }

  /** A five-field cron expression: `minute hour day-of-month month day-of-week`, UTC. */
  public static cron(expression: string): Schedule {
    checkArgument('Schedule.cron', 'expression', expression, { kind: 'string', nonEmpty: true, maxLength: 200, example: "'0 2 * * *'" });
    return new Schedule(expression.trim().replace(/\s+/g, ' '));
  }

  /** The cron expression, fields separated by single spaces. */
  public readonly expressionString: string;

  private constructor(expression: string) {
    this.expressionString = expression;
    Object.defineProperty(this, SCHEDULE_SYMBOL, { value: true });
  }
}
