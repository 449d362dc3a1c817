/**
 * Construction-time checks that need more than one prop's spec (see props.ts for the rest).
 * Each throws a TributaryError through `fail` with the node's path and source line.
 */
export type { Fail } from './props';
import type { Fail } from './props';
import { quote, trimTrailingSlashes } from './text';

/** A daily location must name the logical date. */
export function requireDsTemplate(fail: Fail, name: string, location: string | undefined): void {
  if (location === undefined) return;
  if (!location.includes('{{ds}}')) {
    fail('TRB105', `${name} ${quote(location)} does not contain {{ds}}, so every run would read or write the same place`,
      `put the logical date in it, for example ${quote(trimTrailingSlashes(location) + '/dt={{ds}}/', 80)}`);
  }
}

