import { spawnSync } from 'child_process';
import * as fc from 'fast-check';
import { PyDate, PyTimedelta, PyValue, pyIdentifiers, pyKeywords, pyLiteral, pyString } from '../../../lib/targets/airflow/python-literal';
import { pythonEnv } from '../../support/python';

const PYTHON = pythonEnv().python;

/** Evaluate Python expressions in the venv's Python, one process: `ast.literal_eval` unless `withDatetime`. */
function evaluate(expressions: string[], withDatetime = false): unknown[] {
  const script = [
    'import ast, datetime, json, sys',
    'out = []',
    'for line in json.load(sys.stdin):',
    withDatetime
      ? '    v = eval(compile(ast.parse(line, mode="eval"), "<literal>", "eval"), {"__builtins__": {}, "datetime": datetime})'
      : '    v = ast.literal_eval(line)',
    '    out.append(v if not isinstance(v, (datetime.timedelta, datetime.datetime)) else repr(v))',
    'json.dump(out, sys.stdout)',
  ].join('\n');
  const run = spawnSync(PYTHON, ['-c', script], { input: JSON.stringify(expressions), encoding: 'utf-8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

const HOSTILE = [
  '', "'", '"', "'''", '"""', '\\', '\\\'', 'a\\', '\n', '\r\n', '\t', '\u0000', '\\N{BULLET}', '\\x41', '\\u0041',
  "'); import os; os.system('x') #", '"""); __import__("os") #', 'é', '中文', '😀', '\ud800', '\udfff', '\u2028', '\u007f', '\u0085',
  '{{ x }}', '{% raw %}', 'f"{x}"', '\x1b[31m',
];

test('pyString writes printable ASCII between quotes, escaping quotes, backslashes and every other character', () => {
  // THEN
  expect(pyString("it's")).toBe('"it\'s"');
  expect(pyString('say "hi"')).toBe("'say \"hi\"'");
  expect(pyString('both \' and "')).toBe("'both \\' and \"'");
  expect(pyString('a\\b\n\r\t\u0000é中😀')).toBe("'a\\\\b\\n\\r\\t\\x00\\xe9\\u4e2d\\U0001f600'");
  for (const text of HOSTILE) expect(/^['"][\x20-\x7e]*['"]$/.test(pyString(text))).toBe(true);
});

test('every string, hostile or random, reads back in Python as exactly the same string', () => {
  // GIVEN the hostile strings and 300 random ones of any code units (lone surrogates included)
  const random = fc.sample(fc.string({ unit: 'binary', maxLength: 30 }), { numRuns: 300, seed: 7 });
  const texts = [...HOSTILE, HOSTILE.join(''), ...random];

  // WHEN
  const back = evaluate(texts.map(pyString));

  // THEN
  expect(back).toEqual(texts);
});

test('nested values, long strings over several lines included, read back in Python as the same data', () => {
  // GIVEN
  const value: PyValue = {
    [HOSTILE.join('')]: [1, -2, 0.5, 1e-7, 123456789012, true, false, null, { k: HOSTILE }],
    long: 'x'.repeat(150),
    lines: 'SELECT 1\nFROM t\n-- end\n',
    'key with \'"': { nested: ['a\nb', HOSTILE.join('\n')] },
  };

  // WHEN
  const text = pyLiteral(value, 4);

  // THEN
  expect(text.split('\n').length).toBeGreaterThan(3);
  expect(evaluate([text])).toEqual([value]);
});

test('dict keys are written in sorted order, whatever order they were given in', () => {
  // THEN
  expect(pyLiteral({ b: 1, a: 2, C: 3 })).toBe("{'C': 3, 'a': 2, 'b': 1}");
});

test('timedeltas and dates are datetime expressions, and nothing else is', () => {
  // WHEN
  const texts = [pyLiteral(new PyTimedelta(300)), pyLiteral(new PyDate('2026-03-01'))];

  // THEN
  expect(texts).toEqual(['datetime.timedelta(seconds=300)', 'datetime.datetime(2026, 3, 1, tzinfo=datetime.timezone.utc)']);
  expect(evaluate(texts, true)).toEqual(['datetime.timedelta(seconds=300)', 'datetime.datetime(2026, 3, 1, 0, 0, tzinfo=datetime.timezone.utc)']);
  expect(() => new PyTimedelta(1.5)).toThrow(/whole/);
  expect(() => new PyDate('2026-3-1')).toThrow(/YYYY-MM-DD/);
  expect(() => pyLiteral(Number.NaN)).toThrow(/no Python literal/);
});

test('keyword arguments are one a line and refuse names that are not identifiers', () => {
  // THEN
  expect(pyKeywords([['task_id', 'a'], ['retries', 2]], 8)).toBe("        task_id='a',\n        retries=2,\n");
  expect(() => pyKeywords([['x=1)\nimport os #', 1]], 0)).toThrow(/not a Python keyword argument name/);
});

test('task ids become distinct Python identifiers that are never keywords or names already taken', () => {
  // WHEN
  const names = pyIdentifiers(['orders', 'orders.export', 'orders_export', 'class', '1st', 'load-orders', 'DAG'], ['DAG', 'datetime']);

  // THEN
  expect([...names.values()]).toEqual(['orders', 'orders_export', 'orders_export_2', 'task_class', 'task_1st', 'load_orders', 'DAG_2']);
});
