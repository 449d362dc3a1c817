/** Byte-wise string order, the same on every machine and locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Canonical JSON: keys sorted at every level, two-space indentation, a final newline.
 * Every JSON artifact goes through here, so that the same input gives the same bytes.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), undefined, 2) + '\n';
}

/**
 * The canonical JSON of `value` as `canonicalJson` writes it (`pretty`) and, when asked, without
 * whitespace (`compact()`, also ending with a newline), both from one sorted copy.
 */
export function canonicalJsonForms(value: unknown): { readonly pretty: string; compact(): string } {
  const sorted = sortKeys(value);
  return { pretty: JSON.stringify(sorted, undefined, 2) + '\n', compact: () => JSON.stringify(sorted) + '\n' };
}

/** A deep copy of `value` with object keys in sorted order and `undefined` fields dropped. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    const keys = Object.keys(value);
    // keys often come sorted already: sorting them again would only allocate
    if (!isSorted(keys)) keys.sort();
    for (const key of keys) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** Whether `keys` are in the order `sort()` gives them. */
function isSorted(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (!(keys[i - 1] < keys[i])) return false;
  return true;
}
