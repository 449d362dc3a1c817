import { createHash } from 'crypto';

/** Longest state name Step Functions accepts. */
export const MAX_STATE_NAME = 80;

/**
 * The name of a helper state of a node: `<node id> <suffix>`. When that is longer than 80
 * characters, the id is cut and a hash of the whole id keeps the name unique.
 */
export function helperName(id: string, suffix: string): string {
  const name = `${id} ${suffix}`;
  if (name.length <= MAX_STATE_NAME) return name;
  const hash = createHash('sha256').update(id).digest('hex').slice(0, 8);
  return `${id.slice(0, MAX_STATE_NAME - suffix.length - 11)}~${hash} ${suffix}`;
}
