import { spawnSync } from 'child_process';
import * as fc from 'fast-check';
import { PyAsset, PyDate, PyTimedelta, PyValue, pyIdentifiers, pyKeywords, pyLiteral, pyString } from '../../../lib/targets/airflow/python-literal';
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

/** The former layout, kept as the definition the faster one must match: each value written on one line first, then broken up if too long. */
const reference = (() => {
  const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
  const keyOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const str = (value: string): string => {
    const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
    let out = quote;
    for (let i = 0; i < value.length; i++) {
      const unit = value.charCodeAt(i);
      const ch = value[i];
      if (ch === '\\') out += '\\\\';
      else if (ch === quote) out += `\\${quote}`;
      else if (ch === '\n') out += '\\n';
      else if (ch === '\r') out += '\\r';
      else if (ch === '\t') out += '\\t';
      else if (unit >= 0x20 && unit < 0x7f) out += ch;
      else if (unit < 0x100) out += `\\x${hex(unit, 2)}`;
      else {
        const point = value.codePointAt(i)!;
        if (point > 0xffff) { out += `\\U${hex(point, 8)}`; i++; } else out += `\\u${hex(point, 4)}`;
      }
    }
    return out + quote;
  };
  const inline = (value: PyValue): string | undefined => {
    if (value === null) return 'None';
    if (typeof value === 'boolean') return value ? 'True' : 'False';
    if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
    if (typeof value === 'string') return value.includes('\n') && value.indexOf('\n') < value.length - 1 ? undefined : str(value);
    if (value instanceof PyTimedelta) return `datetime.timedelta(seconds=${value.seconds})`;
    if (value instanceof PyDate) return `datetime.datetime(${value.year}, ${value.month}, ${value.day}, tzinfo=datetime.timezone.utc)`;
    if (value instanceof PyAsset) {
      const items = value.keywords.map(([k, v]) => { const t = inline(v); return t === undefined ? undefined : `${k}=${t}`; });
      return items.some((i) => i === undefined) ? undefined : `Asset(${items.join(', ')})`;
    }
    if (Array.isArray(value)) {
      const items = value.map(inline);
      return items.some((i) => i === undefined) ? undefined : `[${items.join(', ')}]`;
    }
    const items = Object.keys(value).sort(keyOrder).map((k) => { const v = inline(value[k]); return v === undefined ? undefined : `${str(k)}: ${v}`; });
    return items.some((i) => i === undefined) ? undefined : `{${items.join(', ')}}`;
  };
  const literal = (value: PyValue, indent = 0, column = indent): string => {
    const one = inline(value);
    if (one !== undefined && column + one.length <= 100) return one;
    const pad = ' '.repeat(indent + 4);
    const end = ' '.repeat(indent);
    if (typeof value === 'string') {
      const lines = value.match(/[^\n]*\n|[^\n]+$/g) ?? [value];
      if (lines.length <= 1) return str(value);
      return `(\n${lines.map((line) => pad + str(line)).join('\n')}\n${end})`;
    }
    if (Array.isArray(value)) return `[\n${value.map((v) => `${pad}${literal(v, indent + 4)},`).join('\n')}\n${end}]`;
    if (value instanceof PyAsset) {
      return `Asset(\n${value.keywords.map(([k, v]) => `${pad}${k}=${literal(v, indent + 4, indent + 4 + k.length + 1)},`).join('\n')}\n${end})`;
    }
    if (value !== null && typeof value === 'object' && !(value instanceof PyTimedelta) && !(value instanceof PyDate) && !(value instanceof PyAsset)) {
      const keys = Object.keys(value).sort(keyOrder);
      return `{\n${keys.map((k) => `${pad}${str(k)}: ${literal(value[k], indent + 4, indent + 4 + str(k).length + 2)},`).join('\n')}\n${end}}`;
    }
    return one!;
  };
  return { str, literal };
})();

/** Random values for the layout: short and long strings (some of several lines), numbers, dates, assets, lists and dicts of any width. */
const pyValues: fc.Arbitrary<PyValue> = fc.letrec<{ node: PyValue; leaf: PyValue }>((tie) => ({
  leaf: fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ maxLength: 120 }), fc.constantFrom('', 'a\nb', 'x\n', "it's", 'say "hi"', 'x'.repeat(95)),
    fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null),
    fc.nat(100000).map((s) => new PyTimedelta(s)), fc.constant(new PyDate('2026-03-01')),
    fc.tuple(fc.string({ maxLength: 60 }), fc.string({ maxLength: 80 }), fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 60 }), { maxKeys: 3 }))
      .map(([name, uri, extra]) => new PyAsset(name, uri, extra)),
  ),
  node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 8 }), fc.dictionary(fc.string({ maxLength: 12 }), tie('node'), { maxKeys: 8 })),
})).node;

test('pyLiteral and pyString write the same text as the former one-line-first layout, at any indentation', () => {
  // GIVEN random values at random indentations and columns
  fc.assert(fc.property(pyValues, fc.nat(60), fc.nat(40), (value, indent, extra) => {
    // THEN
    expect(pyLiteral(value, indent, indent + extra)).toBe(reference.literal(value, indent, indent + extra));
  }), { numRuns: 2000 });
  fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => expect(pyString(text)).toBe(reference.str(text))), { numRuns: 2000 });
  for (const text of HOSTILE) expect(pyString(text)).toBe(reference.str(text));
});
