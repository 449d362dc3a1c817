/**
 * User values as they appear in messages: escaped so that they cannot forge log lines or reorder
 * text (control and bidi characters), shortened so that a huge value gives a short message, and
 * described by kind when they are not strings (never `undefined`, `NaN` or `[object Object]`).
 */

/** Longest user value quoted in a message, in characters. */
export const MAX_QUOTED = 60;
/** Longest run of non-space characters a message keeps; longer runs are shortened. */
const MAX_WORD = 120;

/** C0/C1 controls, the line and paragraph separators, and the bidi and invisible format characters. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

/** `text` with every unsafe character written as a visible escape (`\n`, `\u202e`). */
export function escapeUnsafe(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    switch (ch) {
      case '\n': return '\\n';
      case '\r': return '\\r';
      case '\t': return '\\t';
      default: return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
}

/** `text`, cut to `max` characters with the total length stated when it is longer. Never splits a surrogate pair. */
export function shorten(text: string, max: number = MAX_QUOTED): string {
  if (text.length <= max) return text;
  let head = text.slice(0, max);
  if (/[\ud800-\udbff]$/.test(head)) head = head.slice(0, -1);
  return `${head}… (${text.length} characters)`;
}

/** A user string in single quotes, escaped and shortened: `'orders\n…'`. */
export function quote(text: string, max: number = MAX_QUOTED): string {
  // Escape after shortening so that a long run of controls still gives a short message.
  const cut = text.length > max ? shorten(text, max) : text;
  return `'${escapeUnsafe(cut).replace(/'/g, "\\'")}'`;
}

/** Any value, as a message may name it: strings quoted, numbers written out, objects by kind. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string': return value.length === 0 ? "an empty string ''" : `the string ${quote(value)}`;
    case 'number':
      if (Number.isNaN(value)) return 'an invalid number';
      if (!Number.isFinite(value)) return value > 0 ? 'an infinite number' : 'a negative infinite number';
      return `the number ${value}`;
    case 'boolean': return `the boolean ${value}`;
    case 'bigint': return 'a bigint';
    case 'symbol': return 'a symbol';
    case 'function': return 'a function';
  }
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  const name = constructorName(value as object);
  if (name && name !== 'Object') return `a ${shorten(escapeUnsafe(name), 40)}`;
  const keys = Object.keys(value as object);
  if (keys.length === 0) return 'an empty object';
  const shown = keys.slice(0, 4).map((k) => quote(k, 30)).join(', ');
  return `an object with key${keys.length === 1 ? '' : 's'} ${shown}${keys.length > 4 ? `, … (${keys.length} keys)` : ''}`;
}

function constructorName(value: object): string | undefined {
  try {
    const proto = Object.getPrototypeOf(value);
    if (proto === null) return undefined;
    const name = proto.constructor?.name;
    return typeof name === 'string' && name.length > 0 ? name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A message made safe as a whole: unsafe characters escaped, every run of more than 120
 * non-space characters shortened. Applied to every message, fix and path Tributary reports.
 */
export function safeText(text: string): string {
  const escaped = escapeUnsafe(String(text));
  if (escaped.length <= MAX_WORD) return escaped;
  return escaped
    .replace(/[^ ]{121,}/g, (word) => `${word.slice(0, 48)}…(${word.length} characters)…${word.slice(-24)}`)
    .replace(/ {41,}/g, (spaces) => ` …(${spaces.length} spaces)… `);
}

/** `text` without trailing `/` characters, in linear time (a `/\/+$/` regex is quadratic on long runs of `/`). */
export function trimTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 47) end--;
  return text.slice(0, end);
}
