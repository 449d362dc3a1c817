import { cronProblems } from '../../../lib/core/private/cron';

test.each([
  '0 2 * * *',
  '59 23 * * *',
  '30 4 1 * *',
  '0 6 * * MON-FRI',
  '0 6 * * 1-5',
  '0 6 * * sun',
  '0 0 1,15 * *',
  '0 0 * JAN,JUL *',
  '0 3 * 1-12/3 *',
  '0 2 28 * *',
])('%p is a valid schedule', (expression) => {
  // THEN
  expect(cronProblems(expression)).toEqual([]);
});

test.each([
  ['0 2 * *', 4],
  ['0 2 * * * *', 6],
  ['', 0],
])('%p is refused for having %p fields', (expression, count) => {
  // WHEN
  const problems = cronProblems(expression);

  // THEN
  expect(problems).toEqual([`'${expression}' has ${count} fields; a cron expression has 5: minute hour day-of-month month day-of-week`]);
});

test('extra spaces between fields do not count as fields', () => {
  // THEN
  expect(cronProblems('0  2 * *  *')).toEqual([]);
});

test.each([
  ['60 2 * * *', "minute field '60': 60 is outside 0-59"],
  ['0 24 * * *', "hour field '24': 24 is outside 0-23"],
  ['0 2 0 * *', "day-of-month field '0': 0 is outside 1-31"],
  ['0 2 32 * *', "day-of-month field '32': 32 is outside 1-31"],
  ['0 2 * 13 *', "month field '13': 13 is outside 1-12"],
  ['0 2 * 0 *', "month field '0': 0 is outside 1-12"],
  ['0 2 * * 7', "day-of-week field '7': 7 is outside 0-6"],
])('%p is refused for an out-of-range value', (expression, problem) => {
  // THEN
  expect(cronProblems(expression)).toEqual([problem]);
});

test.each([
  ['0 2 10-5 * *', "day-of-month field '10-5': range '10-5' runs backwards"],
  ['0 20-4 * * *', "hour field '20-4': range '20-4' runs backwards"],
  ['0 2 * * FRI-MON', "day-of-week field 'FRI-MON': range 'FRI-MON' runs backwards"],
])('%p is refused for a backwards range', (expression, problem) => {
  // THEN
  expect(cronProblems(expression)).toEqual([problem]);
});

test.each([
  ['0 x * * *', "hour field 'x': 'x' is not a number"],
  ['0 2 * FOO *', "month field 'FOO': 'FOO' is not a number or a name"],
  ['0 2 * * MONDAY', "day-of-week field 'MONDAY': 'MONDAY' is not a number or a name"],
  ['0 -1 * * *', "hour field '-1': '' is not a number"],
  ['0 1-2-3 * * *', "hour field '1-2-3': '1-2-3' is not a value or a range"],
  ['0 */0 * * *', "hour field '*/0': step '0' is not a positive integer"],
  ['0 */2/3 * * *', "hour field '*/2/3': '*/2/3' has more than one '/'"],
  ['0 1,,2 * * *', "hour field '1,,2': '' is not a number"],
])('%p is refused for a malformed field', (expression, problem) => {
  // THEN
  expect(cronProblems(expression)).toEqual([problem]);
});

test('every malformed field is reported, not only the first', () => {
  // THEN
  expect(cronProblems('60 24 * * *')).toEqual([
    "minute field '60': 60 is outside 0-59",
    "hour field '24': 24 is outside 0-23",
  ]);
});

test('restricting both day-of-month and day-of-week is refused', () => {
  // THEN
  expect(cronProblems('0 2 1 * MON')).toEqual([
    "day-of-month '1' and day-of-week 'MON' are both restricted; EventBridge cannot combine them, so keep one of them '*'",
  ]);
});

test.each(['*', '*/15', '0,30', '0-5', '5/30'])('minute field %p is refused for running more than once an hour', (minute) => {
  // THEN
  expect(cronProblems(`${minute} 2 * * *`)).toEqual([
    `minute field '${minute}' runs the workflow more than once an hour; a daily batch workflow runs at one fixed minute`,
  ]);
});

test('month and day names are case-insensitive and map to their numbers', () => {
  // THEN a range from JAN (1) to DEC (12) and from SUN (0) to SAT (6) is forwards
  expect(cronProblems('0 2 * jan-dec *')).toEqual([]);
  expect(cronProblems('0 2 * * Sun-Sat')).toEqual([]);
  // and DEC-JAN runs backwards
  expect(cronProblems('0 2 * DEC-JAN *')).toEqual(["month field 'DEC-JAN': range 'DEC-JAN' runs backwards"]);
});

test.each(['*', '*/6', '2,14', '1-3'])('hour field %p is refused for running more than once a day', (hour) => {
  // THEN
  expect(cronProblems(`0 ${hour} * * *`)).toEqual([
    `hour field '${hour}' runs the workflow more than once a day; a daily batch workflow runs at one fixed hour`,
  ]);
});
