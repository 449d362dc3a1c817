/**
 * The EventBridge Scheduler form of a five-field cron expression (`minute hour day-of-month month
 * day-of-week`, UTC, already checked by TRB011): `cron(minute hour day-of-month month day-of-week year)`,
 * with `?` in whichever day field is unrestricted and days of the week numbered 1 (Sunday) to 7
 * instead of 0 to 6.
 */
export function schedulerCronExpression(cron: string): string {
  const [minute, hour, dayOfMonth, month, dayOfWeek] = cron.trim().split(/\s+/);
  const weekdays = dayOfWeek === '*' ? '?' : shiftWeekdays(dayOfWeek);
  const days = dayOfWeek !== '*' && dayOfMonth === '*' ? '?' : dayOfMonth;
  return `cron(${minute} ${hour} ${days} ${month.toUpperCase()} ${weekdays} *)`;
}

/** Day-of-week numbers from cron's 0–6 (Sunday = 0) to EventBridge's 1–7 (Sunday = 1); names and steps stay. */
function shiftWeekdays(field: string): string {
  return field.split(',').map((part) => {
    const [range, step] = part.split('/');
    const shifted = range === '*' ? range : range.split('-').map((v) => (/^[0-9]+$/.test(v) ? String(Number(v) + 1) : v.toUpperCase())).join('-');
    return step === undefined ? shifted : `${shifted}/${step}`;
  }).join(',');
}
