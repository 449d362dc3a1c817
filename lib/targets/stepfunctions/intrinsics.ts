/**
 * Turning model values into JSONPath payload templates: strings with logical-date placeholders
 * (`{{ds}}`, `{{ds_nodash}}`, `{{next_ds}}`, `{{prev_ds}}`) become `States.Format` calls on the
 * state's input, which always carries those four dates.
 */

/** Which `${Name}` placeholders are the definition's own (left for the deploy-time substitution). */
export interface KnownPlaceholders {
  has(name: string): boolean;
}

/** The logical dates every state's input carries, and the JSONPath of each. */
export const DATE_PATHS: Readonly<Record<string, string>> = {
  ds: '$.ds',
  ds_nodash: '$.ds_nodash',
  next_ds: '$.next_ds',
  prev_ds: '$.prev_ds',
};

const DATE_PLACEHOLDER = /\{\{\s*(ds|ds_nodash|next_ds|prev_ds)\s*\}\}/g;
const DEFINITION_PLACEHOLDER = /\$\{[A-Za-z0-9_]+\}/g;

/** Whether a string needs `States.Format`: it has a date placeholder, or text that would look like a `${Name}` substitution. */
export function needsFormat(text: string, knownPlaceholders: KnownPlaceholders): boolean {
  // both kinds of placeholder have a '{': most strings have none
  if (!text.includes('{')) return false;
  if (/\{\{\s*(ds|ds_nodash|next_ds|prev_ds)\s*\}\}/.test(text)) return true;
  return unknownDollarBraces(text, knownPlaceholders);
}

function unknownDollarBraces(text: string, known: KnownPlaceholders): boolean {
  if (!text.includes('${')) return false;
  const ours = (text.match(DEFINITION_PLACEHOLDER) ?? []).filter((m) => known.has(m.slice(2, -1))).length;
  return text.split('${').length - 1 > ours;
}

/** A string literal for an intrinsic function: `'…'` with `'`, `{`, `}` and `\` escaped. */
export function intrinsicLiteral(text: string): string {
  return "'" + text.replace(/[\\'{}]/g, (c) => '\\' + c) + "'";
}

/**
 * The `States.Format(…)` expression that builds `text` with its date placeholders filled from the
 * state's input. Our own `${Name}` definition placeholders are passed as separate arguments, so
 * that the deploy-time substitution still finds them; any other text is escaped.
 */
export function formatExpression(text: string, knownPlaceholders: KnownPlaceholders): string {
  const whole = /^\{\{(ds|ds_nodash|next_ds|prev_ds)\}\}$/.exec(text);
  if (whole) return DATE_PATHS[whole[1]];
  const args: string[] = [];
  let template = '';
  const token = /\{\{\s*(ds|ds_nodash|next_ds|prev_ds)\s*\}\}|\$\{([A-Za-z0-9_]+)\}/g;
  let last = 0;
  for (const m of text.matchAll(token)) {
    const known = m[2] === undefined || knownPlaceholders.has(m[2]);
    if (!known) continue;
    template += escapeTemplate(text.slice(last, m.index));
    template += '{}';
    // our placeholder stays unescaped so that the deploy-time substitution finds it; its value (an id, ARN or S3 URI) has no quote or brace
    args.push(m[1] !== undefined ? DATE_PATHS[m[1]] : `'${m[0]}'`);
    last = m.index! + m[0].length;
  }
  template += escapeTemplate(text.slice(last));
  return `States.Format(${["'" + template + "'", ...args].join(', ')})`;
}

function escapeTemplate(text: string): string {
  return text.replace(/[\\'{}]/g, (c) => '\\' + c);
}

/** An intrinsic-function argument for a primitive JSON value. */
function primitiveArgument(value: unknown, known: KnownPlaceholders): string {
  if (typeof value === 'string') return needsFormat(value, known) ? formatExpression(value, known) : intrinsicLiteral(value);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  throw new Error(`cannot pass ${typeof value} to an intrinsic function`);
}

/** Whether a value (deeply) contains a string that needs `States.Format`. */
function containsFormat(value: unknown, known: KnownPlaceholders): boolean {
  if (typeof value === 'string') return needsFormat(value, known);
  if (Array.isArray(value)) return value.some((v) => containsFormat(v, known));
  if (value !== null && typeof value === 'object') return Object.values(value).some((v) => containsFormat(v, known));
  return false;
}

/**
 * A JSONPath payload template (`Parameters`) for a plain JSON object: every string that holds a
 * date placeholder becomes a `"Key.$": "States.Format(…)"` field, arrays of such strings become
 * `States.Array(…)`, objects inside arrays are templated in place.
 */
export function payloadTemplate(value: Record<string, unknown>, known: KnownPlaceholders): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    if (typeof v === 'string' && needsFormat(v, known)) out[key + '.$'] = formatExpression(v, known);
    else if (Array.isArray(v) && containsFormat(v, known)) {
      if (v.every((item) => item === null || typeof item !== 'object')) out[key + '.$'] = `States.Array(${v.map((item) => primitiveArgument(item, known)).join(', ')})`;
      else out[key] = v.map((item) => templateItem(item, known));
    } else if (v !== null && typeof v === 'object' && !Array.isArray(v)) out[key] = payloadTemplate(v as Record<string, unknown>, known);
    else out[key] = v;
  }
  return out;
}

function templateItem(item: unknown, known: KnownPlaceholders): unknown {
  if (item !== null && typeof item === 'object' && !Array.isArray(item)) return payloadTemplate(item as Record<string, unknown>, known);
  if (containsFormat(item, known)) throw new Error('a list that mixes objects with dated strings cannot be templated');
  return item;
}

/** Every `${Name}` placeholder name in a text, sorted and unique. */
export function placeholderNames(text: string): string[] {
  return [...new Set([...text.matchAll(DEFINITION_PLACEHOLDER)].map((m) => m[0].slice(2, -1)))].sort();
}

/** Date placeholders a string uses, for messages. */
export function datePlaceholders(text: string): string[] {
  return [...text.matchAll(DATE_PLACEHOLDER)].map((m) => m[1]);
}
