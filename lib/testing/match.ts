/** Partial matching and nearest names, for the assertions of `WorkflowTemplate`. */

/** Where `actual` first differs from the partial `expected`, as a JSON path and a sentence; undefined when it matches. */
export function firstMismatch(expected: unknown, actual: unknown, at = '$'): { path: string; problem: string } | undefined {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return { path: at, problem: `expected an object, found ${JSON.stringify(actual)}` };
    for (const key of Object.keys(expected).sort()) {
      const child = `${at}.${key}`;
      if (!(key in (actual as object))) return { path: child, problem: `missing; present here: ${Object.keys(actual as object).sort().join(', ') || 'nothing'}` };
      const found = firstMismatch((expected as Record<string, unknown>)[key], (actual as Record<string, unknown>)[key], child);
      if (found) return found;
    }
    return undefined;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return { path: at, problem: `expected an array, found ${JSON.stringify(actual)}` };
    if (actual.length !== expected.length) return { path: at, problem: `expected ${expected.length} items, found ${actual.length}: ${JSON.stringify(actual)}` };
    for (let i = 0; i < expected.length; i++) {
      const found = firstMismatch(expected[i], actual[i], `${at}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  return expected === actual ? undefined : { path: at, problem: `expected ${JSON.stringify(expected)}, found ${JSON.stringify(actual)}` };
}

/** The number of edits between two strings (Levenshtein). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

/** `$.a.b[2]` (or `a.b[2]`) as keys and indices. */
export function parsePath(jsonPath: string): Array<string | number> {
  const out: Array<string | number> = [];
  const re = /\.([^.[\]]+)|\[(\d+)\]|\["([^"]+)"\]|^([^.[\]$]+)/g;
  const text = jsonPath.startsWith('$') ? jsonPath.slice(1) : jsonPath;
  let match: RegExpExecArray | null;
  while ((match = re.exec(text)) !== null) out.push(match[2] !== undefined ? Number(match[2]) : (match[1] ?? match[3] ?? match[4]));
  return out;
}

