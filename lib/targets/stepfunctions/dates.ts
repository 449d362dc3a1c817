/**
 * The states that check the execution input's `ds` and derive `ds_nodash`, `next_ds` and `prev_ds`
 * from it. JSONPath intrinsics have no date arithmetic, so the derivation looks the parts up in
 * static tables (years 1900–2199, month lengths, leap years) with `States.ArrayGetItem`,
 * `States.ArrayContains` and `States.MathAdd`, and picks month and year ends with Choice states.
 */

/** First and last years a `ds` may have. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2199;

/** Error of the Fail state reached when the input has no valid `ds`. */
export const INVALID_DS_ERROR = 'Tributary.InvalidDs';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The lookup tables the derivation reads. */
export function dateTables(): Record<string, unknown[]> {
  const years: string[] = [];
  const offsets: number[] = [];
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) {
    years.push(String(y));
    offsets.push(isLeap(y) ? 13 : 0);
  }
  const common = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  const leap = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return {
    years,
    // offset into `lengths` for the year: 0 for a common year, 13 for a leap year
    offsets,
    // December of the previous year, then January to December; twice: common, leap
    lengths: [31, ...common, 31, ...leap],
    months: Array.from({ length: 12 }, (_, i) => pad(i + 1)),
    days: Array.from({ length: 31 }, (_, i) => pad(i + 1)),
  };
}

/** The tables as one string each: words split on spaces, numbers as JSON arrays. */
function encodedTables(): Record<string, string> {
  const t = dateTables();
  return {
    years: t.years.join(' '),
    offsets: JSON.stringify(t.offsets),
    lengths: JSON.stringify(t.lengths),
    months: t.months.join(' '),
    days: t.days.join(' '),
  };
}

const INVALID = 'ds is not a date';
const COPY = { 'ds.$': '$.ds', 't.$': '$.t', 'year.$': '$.year', 'month.$': '$.month', 'day.$': '$.day' };
const NUMBERS = { ...COPY, 'y.$': '$.y', 'm.$': '$.m', 'd.$': '$.d' };
const OFFSET = 'States.ArrayGetItem($.t.offsets, States.MathAdd($.y, -' + FIRST_YEAR + '))';

/**
 * The branch (StartAt and States) that turns `{"ds": "YYYY-MM-DD", …}` into
 * `{"ds", "ds_nodash", "next_ds", "prev_ds"}`, or fails with `Tributary.InvalidDs`.
 * Its state names are fixed and contain spaces, so they never collide with node ids.
 */
export function logicalDatesBranch(): { StartAt: string; States: Record<string, unknown> } {
  return {
    StartAt: 'Check ds',
    States: {
      'Check ds': {
        Type: 'Choice',
        Choices: [{ And: [{ Variable: '$.ds', IsPresent: true }, { Variable: '$.ds', IsString: true }], Next: 'Split ds' }],
        Default: INVALID,
      },
      'Split ds': {
        Type: 'Pass',
        // the tables are written as one line each and decoded in the next state, to keep the definition short
        Parameters: { 'ds.$': '$.ds', 'parts.$': "States.StringSplit($.ds, '-')", 'count.$': "States.ArrayLength(States.StringSplit($.ds, '-'))", t: encodedTables() },
        Next: 'Three ds parts',
      },
      // items are read only once there are three of them: ArrayGetItem past the end is an error
      'Three ds parts': {
        Type: 'Choice',
        Choices: [{ Variable: '$.count', NumericEquals: 3, Next: 'Read ds parts' }],
        Default: INVALID,
      },
      'Read ds parts': {
        Type: 'Pass',
        Parameters: {
          'ds.$': '$.ds',
          t: {
            'years.$': "States.StringSplit($.t.years, ' ')",
            'offsets.$': 'States.StringToJson($.t.offsets)',
            'lengths.$': 'States.StringToJson($.t.lengths)',
            'months.$': "States.StringSplit($.t.months, ' ')",
            'days.$': "States.StringSplit($.t.days, ' ')",
          },
          'year.$': 'States.ArrayGetItem($.parts, 0)',
          'month.$': 'States.ArrayGetItem($.parts, 1)',
          'day.$': 'States.ArrayGetItem($.parts, 2)',
        },
        Next: 'Look up ds parts',
      },
      'Look up ds parts': {
        Type: 'Pass',
        Parameters: {
          ...COPY,
          'yearOk.$': 'States.ArrayContains($.t.years, $.year)',
          'monthOk.$': 'States.ArrayContains($.t.months, $.month)',
          'dayOk.$': 'States.ArrayContains($.t.days, $.day)',
        },
        Next: 'Known ds parts',
      },
      'Known ds parts': {
        Type: 'Choice',
        Choices: [
          {
            And: [
              { Variable: '$.yearOk', BooleanEquals: true },
              { Variable: '$.monthOk', BooleanEquals: true },
              { Variable: '$.dayOk', BooleanEquals: true },
            ],
            Next: 'Number ds parts',
          },
        ],
        Default: INVALID,
      },
      // "08" is not a JSON number, "108" is: month and day are read with a leading 1, then shifted to 0-based
      'Number ds parts': {
        Type: 'Pass',
        Parameters: {
          ...COPY,
          'y.$': 'States.StringToJson($.year)',
          'm.$': "States.MathAdd(States.StringToJson(States.Format('1{}', $.month)), -101)",
          'd.$': "States.MathAdd(States.StringToJson(States.Format('1{}', $.day)), -101)",
        },
        Next: 'Month lengths',
      },
      'Month lengths': {
        Type: 'Pass',
        Parameters: {
          ...NUMBERS,
          'length.$': `States.ArrayGetItem($.t.lengths, States.MathAdd(States.MathAdd(${OFFSET}, $.m), 1))`,
          'previousLength.$': `States.ArrayGetItem($.t.lengths, States.MathAdd(${OFFSET}, $.m))`,
          'dayAfter.$': 'States.MathAdd($.d, 1)',
          'dayBefore.$': 'States.MathAdd($.d, -1)',
          'monthAfter.$': 'States.MathAdd($.m, 1)',
          'monthBefore.$': 'States.MathAdd($.m, -1)',
        },
        Next: 'Day in month',
      },
      'Day in month': {
        Type: 'Choice',
        Choices: [{ Variable: '$.d', NumericLessThanPath: '$.length', Next: 'Next day' }],
        Default: INVALID,
      },
      'Next day': {
        Type: 'Choice',
        Choices: [
          { Variable: '$.dayAfter', NumericLessThanPath: '$.length', Next: 'Next day in month' },
          { Variable: '$.m', NumericLessThan: 11, Next: 'Next day in next month' },
        ],
        Default: 'Next day in next year',
      },
      'Next day in month': {
        Type: 'Pass',
        Parameters: { 'ds.$': "States.Format('{}-{}-{}', $.year, $.month, States.ArrayGetItem($.t.days, $.dayAfter))" },
        ResultPath: '$.next',
        Next: 'Previous day',
      },
      'Next day in next month': {
        Type: 'Pass',
        Parameters: { 'ds.$': "States.Format('{}-{}-01', $.year, States.ArrayGetItem($.t.months, $.monthAfter))" },
        ResultPath: '$.next',
        Next: 'Previous day',
      },
      'Next day in next year': {
        Type: 'Pass',
        Parameters: { 'ds.$': "States.Format('{}-01-01', States.MathAdd($.y, 1))" },
        ResultPath: '$.next',
        Next: 'Previous day',
      },
      'Previous day': {
        Type: 'Choice',
        Choices: [
          { Variable: '$.d', NumericGreaterThan: 0, Next: 'Previous day in month' },
          { Variable: '$.m', NumericGreaterThan: 0, Next: 'Previous day in previous month' },
        ],
        Default: 'Previous day in previous year',
      },
      'Previous day in month': {
        Type: 'Pass',
        Parameters: { 'ds.$': "States.Format('{}-{}-{}', $.year, $.month, States.ArrayGetItem($.t.days, $.dayBefore))" },
        ResultPath: '$.previous',
        Next: 'Logical dates of ds',
      },
      'Previous day in previous month': {
        Type: 'Pass',
        Parameters: {
          'ds.$': "States.Format('{}-{}-{}', $.year, States.ArrayGetItem($.t.months, $.monthBefore), States.ArrayGetItem($.t.days, States.MathAdd($.previousLength, -1)))",
        },
        ResultPath: '$.previous',
        Next: 'Logical dates of ds',
      },
      'Previous day in previous year': {
        Type: 'Pass',
        Parameters: { 'ds.$': "States.Format('{}-12-31', States.MathAdd($.y, -1))" },
        ResultPath: '$.previous',
        Next: 'Logical dates of ds',
      },
      'Logical dates of ds': {
        Type: 'Pass',
        Parameters: {
          'ds.$': '$.ds',
          'ds_nodash.$': "States.Format('{}{}{}', $.year, $.month, $.day)",
          'next_ds.$': '$.next.ds',
          'prev_ds.$': '$.previous.ds',
        },
        End: true,
      },
      [INVALID]: {
        Type: 'Fail',
        Error: INVALID_DS_ERROR,
        Cause: `The execution input must give ds, a date YYYY-MM-DD from ${FIRST_YEAR}-01-01 to ${LAST_YEAR}-12-31 (or scheduledTime, for the day before it).`,
      },
    },
  };
}

/** Worst-case history events of the logical-dates Parallel: its own 4 plus 2 per state entered (at most 14 of them). */
export const LOGICAL_DATES_EVENTS = 4 + 2 * 14;
