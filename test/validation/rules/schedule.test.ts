import { DiagnosticSeverity, Schedule, Workflow } from '../../../lib';
import { validSchedule, validStartDate } from '../../../lib/validation/rules/schedule';
import { atLine, newStack, newWorkflow, thisLine, workflowProps } from '../../util';

const FILE = 'test/validation/rules/schedule.test.ts';
const SCHEDULE_FIX = "use Schedule.daily({ hour: 2 }) or a five-field cron such as Schedule.cron('0 2 * * *')";

function problemsOf(schedule: Schedule): string[] {
  return validSchedule(newWorkflow({ schedule }).toGraph()).map((d) => d.message);
}

// TRB011: schedule

test('a cron expression without five fields is refused at the workflow, where it was created', () => {
  // GIVEN
  const line = thisLine() + 1;
  const workflow = new Workflow(newStack(), 'Pipeline', workflowProps({ schedule: Schedule.cron('0 2 * *') }));

  // WHEN
  const diagnostics = validSchedule(workflow.toGraph());

  // THEN
  expect(diagnostics).toEqual([{
    code: 'TRB011',
    severity: DiagnosticSeverity.ERROR,
    path: 'Test/Pipeline',
    location: atLine(FILE, line),
    message: "schedule is invalid: '0 2 * *' has 4 fields; a cron expression has 5: minute hour day-of-month month day-of-week",
    fix: SCHEDULE_FIX,
  }]);
});

test('an hour outside 0-23 in a cron expression is refused with the field and the range', () => {
  expect(problemsOf(Schedule.cron('0 24 * * *'))).toEqual(["schedule is invalid: hour field '24': 24 is outside 0-23"]);
});

test('each invalid field is its own diagnostic, so all are reported at once', () => {
  expect(problemsOf(Schedule.cron('60 2 * 13 *'))).toEqual([
    "schedule is invalid: minute field '60': 60 is outside 0-59",
    "schedule is invalid: month field '13': 13 is outside 1-12",
  ]);
});

test.each([
  ['x 2 * * *', "minute field 'x': 'x' is not a number"],
  ['0 2 * JUNE *', "month field 'JUNE': 'JUNE' is not a number or a name"],
  ['0 2 10-5 * *', "day-of-month field '10-5': range '10-5' runs backwards"],
  ['0 2 */0 * *', "day-of-month field '*/0': step '0' is not a positive integer"],
  ['0 2 1-2-3 * *', "day-of-month field '1-2-3': '1-2-3' is not a value or a range"],
  ['0 2 */2/3 * *', "day-of-month field '*/2/3': '*/2/3' has more than one '/'"],
])('the malformed field in %p is named', (expression, problem) => {
  expect(problemsOf(Schedule.cron(expression))).toEqual([`schedule is invalid: ${problem}`]);
});

test('a schedule that runs more than once an hour is refused: the workflow is daily', () => {
  expect(problemsOf(Schedule.cron('*/15 2 * * *'))).toEqual([
    "schedule is invalid: minute field '*/15' runs the workflow more than once an hour; a daily batch workflow runs at one fixed minute",
  ]);
});

test.each(['0 * * * *', '0 */6 * * *', '0 2,14 * * *', '30 1-3 * * *'])('a schedule that runs more than once a day (%p) is refused', (expression) => {
  const hour = expression.split(' ')[1];
  expect(problemsOf(Schedule.cron(expression))).toEqual([
    `schedule is invalid: hour field '${hour}' runs the workflow more than once a day; a daily batch workflow runs at one fixed hour`,
  ]);
});

test('day-of-month and day-of-week may not both be restricted, which EventBridge cannot express', () => {
  expect(problemsOf(Schedule.cron('0 2 1 * MON'))).toEqual([
    "schedule is invalid: day-of-month '1' and day-of-week 'MON' are both restricted; EventBridge cannot combine them, so keep one of them '*'",
  ]);
});

test('a schedule with several problems of shape gets all of them at once', () => {
  expect(problemsOf(Schedule.cron('*/5 * 1 * MON'))).toEqual([
    "schedule is invalid: day-of-month '1' and day-of-week 'MON' are both restricted; EventBridge cannot combine them, so keep one of them '*'",
    "schedule is invalid: minute field '*/5' runs the workflow more than once an hour; a daily batch workflow runs at one fixed minute",
    "schedule is invalid: hour field '*' runs the workflow more than once a day; a daily batch workflow runs at one fixed hour",
  ]);
});

test.each([
  Schedule.daily(),
  Schedule.daily({ hour: 23, minute: 59 }),
  Schedule.cron('30 3 * * MON-FRI'),
  Schedule.cron('  0   5 1 *  * '),
  Schedule.cron('15 4 * jan,jul *'),
])('a once-a-day schedule is valid (%#)', (schedule) => {
  expect(problemsOf(schedule)).toEqual([]);
});

// TRB012: start date

test('a start date that is not a calendar day is refused at the workflow, where it was created', () => {
  // GIVEN
  const line = thisLine() + 1;
  const workflow = new Workflow(newStack(), 'Pipeline', workflowProps({ startDate: '2026-02-30' }));

  // WHEN
  const diagnostics = validStartDate(workflow.toGraph());

  // THEN
  expect(diagnostics).toEqual([{
    code: 'TRB012',
    severity: DiagnosticSeverity.ERROR,
    path: 'Test/Pipeline',
    location: atLine(FILE, line),
    message: "startDate '2026-02-30' is not a calendar date written YYYY-MM-DD",
    fix: "write the first logical date as 'YYYY-MM-DD', for example '2026-01-01'",
  }]);
});

test.each(['2026-1-1', '01/01/2026', '2026-13-01', '2025-02-29', '2026-01-01T00:00:00Z', ''])('start date %p is refused', (startDate) => {
  expect(validStartDate(newWorkflow({ startDate }).toGraph()).map((d) => d.code)).toEqual(['TRB012']);
});

test.each(['2026-01-01', '2024-02-29', '1999-12-31'])('start date %p is valid', (startDate) => {
  expect(validStartDate(newWorkflow({ startDate }).toGraph())).toEqual([]);
});
