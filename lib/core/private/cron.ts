const FIELDS: ReadonlyArray<{ name: string; min: number; max: number; names?: readonly string[] }> = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day-of-week', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

/**
 * The problems with a five-field cron expression, empty when it is valid for every target
 * (Airflow, EventBridge Scheduler). Each problem is one sentence.
 */
export function cronProblems(expression: string): string[] {
  const fields = expression.split(' ').filter((f) => f.length > 0);
  if (fields.length !== 5) {
    return [`'${expression}' has ${fields.length} fields; a cron expression has 5: minute hour day-of-month month day-of-week`];
  }
  const problems: string[] = [];
  fields.forEach((field, i) => {
    const spec = FIELDS[i];
    for (const part of field.split(',')) {
      const problem = partProblem(part, spec);
      if (problem) problems.push(`${spec.name} field '${field}': ${problem}`);
    }
  });
  if (problems.length > 0) return problems;
  if (fields[2] !== '*' && fields[4] !== '*') {
    problems.push(`day-of-month '${fields[2]}' and day-of-week '${fields[4]}' are both restricted; EventBridge cannot combine them, so keep one of them '*'`);
  }
  if (/[*/,-]/.test(fields[0])) {
    problems.push(`minute field '${fields[0]}' runs the workflow more than once an hour; a daily batch workflow runs at one fixed minute`);
  }
  if (/[*/,-]/.test(fields[1])) {
    problems.push(`hour field '${fields[1]}' runs the workflow more than once a day; a daily batch workflow runs at one fixed hour`);
  }
  return problems;
}

function partProblem(part: string, spec: { min: number; max: number; names?: readonly string[] }): string | undefined {
  const [range, step, ...rest] = part.split('/');
  if (rest.length > 0) return `'${part}' has more than one '/'`;
  if (step !== undefined && !/^[1-9][0-9]*$/.test(step)) return `step '${step}' is not a positive integer`;
  if (range === '*') return undefined;
  const bounds = range.split('-');
  if (bounds.length > 2) return `'${range}' is not a value or a range`;
  const values: number[] = [];
  for (const bound of bounds) {
    const value = parseValue(bound, spec.names);
    if (value === undefined) return `'${bound}' is not a number${spec.names ? ' or a name' : ''}`;
    if (value < spec.min || value > spec.max) return `${value} is outside ${spec.min}-${spec.max}`;
    values.push(value);
  }
  if (values.length === 2 && values[0] > values[1]) return `range '${range}' runs backwards`;
  return undefined;
}

function parseValue(text: string, names?: readonly string[]): number | undefined {
  if (/^[0-9]+$/.test(text)) return Number(text);
  const index = names?.indexOf(text.toUpperCase()) ?? -1;
  return index >= 0 ? index + (names!.length === 12 ? 1 : 0) : undefined;
}
