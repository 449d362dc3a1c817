/**
 * Python literals from plain data: the only way a value reaches a generated DAG file. Every
 * string becomes a single-quoted literal that is pure printable ASCII (quotes, backslashes and
 * every other character escaped), so no input can end the literal or be read as code, and the
 * file's bytes do not depend on an encoding.
 */

/** A `datetime.timedelta` in a generated file. */
export class PyTimedelta {
  constructor(public readonly seconds: number) {
    if (!Number.isInteger(seconds) || seconds < 0) throw new Error(`a timedelta is a whole, non-negative number of seconds, not ${seconds}`);
  }
}

/** A UTC midnight `datetime.datetime` in a generated file, from a `YYYY-MM-DD` date. */
export class PyDate {
  public readonly year: number;
  public readonly month: number;
  public readonly day: number;

  constructor(public readonly isoDate: string) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
    if (!match) throw new Error(`'${isoDate}' is not a YYYY-MM-DD date`);
    [this.year, this.month, this.day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
}

/**
 * An `airflow.sdk.Asset` in a generated file: `Asset(name=..., uri=..., extra=...)`, every
 * argument a literal.
 */
export class PyAsset {
  constructor(public readonly name: string, public readonly uri: string, public readonly extra: { [key: string]: PyValue }) {}

  /** The call's keyword arguments, in the order they are written. */
  public get keywords(): Array<[string, PyValue]> {
    return [['name', this.name], ['uri', this.uri], ['extra', this.extra]];
  }
}

/** A value a generated file can hold: JSON data, timedeltas, dates and assets. */
export type PyValue = string | number | boolean | null | PyTimedelta | PyDate | PyAsset | PyValue[] | { [key: string]: PyValue };

/** Lines longer than this are broken over several lines. */
const WIDTH = 100;

/** Printable ASCII except `'` and `\\`: the text of a string literal that needs no escape. */
const PLAIN = /^[\x20-\x26\x28-\x5b\x5d-\x7e]*$/;

/**
 * `value` as a Python string literal, printable ASCII only. Like Python's `repr`, it is quoted
 * with `'` unless the text has a `'` and no `"`.
 */
export function pyString(value: string): string {
  // Most strings are printable ASCII without quotes or backslashes: written as they are.
  if (PLAIN.test(value)) return `'${value}'`;
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
      // A surrogate pair is one code point in Python; a lone surrogate stays one (\udXXX).
      if (point > 0xffff) {
        out += `\\U${hex(point, 8)}`;
        i++;
      } else {
        out += `\\u${hex(point, 4)}`;
      }
    }
  }
  return out + quote;
}

/**
 * `value` as a Python expression that starts at `column` on a line indented by `indent`
 * spaces: on that line when it fits, otherwise with one item a line, indented 4 more.
 */
export function pyLiteral(value: PyValue, indent = 0, column = indent): string {
  const inline = pyInline(value, WIDTH - column);
  if (inline !== undefined) return inline;
  const pad = ' '.repeat(indent + 4);
  const end = ' '.repeat(indent);
  if (typeof value === 'string') {
    const lines = value.match(/[^\n]*\n|[^\n]+$/g) ?? [value];
    if (lines.length <= 1) return pyString(value);
    return `(\n${lines.map((line) => pad + pyString(line)).join('\n')}\n${end})`;
  }
  if (Array.isArray(value)) {
    return `[\n${value.map((v) => `${pad}${pyLiteral(v, indent + 4)},`).join('\n')}\n${end}]`;
  }
  if (value instanceof PyAsset) return `Asset(\n${pyKeywords(value.keywords, indent + 4)}${end})`;
  if (isRecord(value)) {
    const keys = Object.keys(value).sort(compareKeys);
    return `{\n${keys.map((k) => `${pad}${pyString(k)}: ${pyLiteral(value[k], indent + 4, indent + 4 + pyString(k).length + 2)},`).join('\n')}\n${end}}`;
  }
  // a scalar longer than the line: written on it all the same
  return pyInline(value, Infinity)!;
}

/** Keyword arguments `name=value`, one a line at `indent` spaces, each ending with a comma. */
export function pyKeywords(args: ReadonlyArray<readonly [string, PyValue]>, indent: number): string {
  const pad = ' '.repeat(indent);
  return args.map(([name, value]) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`'${name}' is not a Python keyword argument name`);
    return `${pad}${name}=${pyLiteral(value, indent, indent + name.length + 1)},\n`;
  }).join('');
}

/** The Python keywords and built-in names a generated variable never takes. */
const RESERVED = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'match', 'case', 'type', '_',
]);

/**
 * Python identifiers for ids (`orders`, `load-orders.v2` → `load_orders_v2`): ASCII letters, digits
 * and `_`, never a keyword, never one of `taken`, and distinct from each other.
 */
export function pyIdentifiers(ids: readonly string[], taken: readonly string[]): Map<string, string> {
  const used = new Set(taken);
  const result = new Map<string, string>();
  for (const id of ids) {
    let base = id.replace(/[^A-Za-z0-9_]/g, '_');
    if (base === '' || /^[0-9]/.test(base) || RESERVED.has(base)) base = `task_${base}`;
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
    used.add(name);
    result.set(id, name);
  }
  return result;
}

/**
 * `value` on one line, or undefined when it has none (a string of several lines, or a list or
 * dict holding one) or when its text is longer than `budget`: a list or dict stops as soon as
 * its text outgrows the budget, so that a large value is not written on one line only to be
 * broken up item by item.
 */
function pyInline(value: PyValue, budget: number): string | undefined {
  const text = inlineText(value, budget);
  return text !== undefined && text.length <= budget ? text : undefined;
}

function inlineText(value: PyValue, budget: number): string | undefined {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${value} has no Python literal`);
    // JavaScript prints the shortest text that reads back as the same double; so does Python.
    return Number.isInteger(value) ? value.toFixed(0) : String(value);
  }
  if (typeof value === 'string') return value.includes('\n') && value.indexOf('\n') < value.length - 1 ? undefined : pyString(value);
  if (value instanceof PyTimedelta) return `datetime.timedelta(seconds=${value.seconds})`;
  if (value instanceof PyDate) return `datetime.datetime(${value.year}, ${value.month}, ${value.day}, tzinfo=datetime.timezone.utc)`;
  if (value instanceof PyAsset) {
    let out = 'Asset(';
    for (const [name, v] of value.keywords) {
      const head = `${out.length > 6 ? ', ' : ''}${name}=`;
      const item = pyInline(v, budget - out.length - head.length - 1);
      if (item === undefined) return undefined;
      out += head + item;
    }
    return `${out})`;
  }
  // The closing bracket is counted in the budget of each item.
  if (Array.isArray(value)) {
    let out = '[';
    for (const v of value) {
      const separator = out.length > 1 ? ', ' : '';
      const item = pyInline(v, budget - out.length - separator.length - 1);
      if (item === undefined) return undefined;
      out += separator + item;
    }
    return `${out}]`;
  }
  let out = '{';
  for (const k of Object.keys(value).sort(compareKeys)) {
    const head = `${out.length > 1 ? ', ' : ''}${pyString(k)}: `;
    const item = pyInline(value[k], budget - out.length - head.length - 1);
    if (item === undefined) return undefined;
    out += head + item;
  }
  return `${out}}`;
}

function isRecord(value: PyValue): value is { [key: string]: PyValue } {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    && !(value instanceof PyTimedelta) && !(value instanceof PyDate) && !(value instanceof PyAsset);
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}
