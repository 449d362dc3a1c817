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
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}
