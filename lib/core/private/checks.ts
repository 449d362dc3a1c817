import type { Duration } from 'aws-cdk-lib/core';

/**
 * Construction-time checks shared by the node kinds. Each throws a TributaryError through
 * `fail` with the node's path and source line.
 */
export type Fail = (code: string, problem: string, fix: string) => never;

/** `value` must be a whole number in [min, max]. */
export function requireInteger(fail: Fail, name: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    fail('TRB104', `${name} is ${value}`, `set ${name} to a whole number from ${min} to ${max}`);
  }
}

/** `value` must be a positive number. */
export function requirePositive(fail: Fail, name: string, value: number | undefined): void {
  if (value === undefined) return;
  if (!(value > 0) || !Number.isFinite(value)) fail('TRB104', `${name} is ${value}`, `set ${name} to a number greater than 0`);
}

/** Retries: a whole number from 0 to 10. */
export function requireRetries(fail: Fail, name: string, value: number | undefined): void {
  if (value !== undefined && (!Number.isInteger(value) || value < 0 || value > 10)) {
    fail('TRB101', `${name} is ${value}`, `set ${name} to a whole number from 0 to 10`);
  }
}

/** A duration must be a whole number of seconds: every orchestrator counts in seconds. */
export function requireWholeSeconds(fail: Fail, name: string, duration: Duration | undefined): void {
  if (duration === undefined) return;
  const millis = duration.toMilliseconds({ integral: false });
  if (!Number.isInteger(millis / 1000) || millis < 0) {
    fail('TRB104', `${name} is ${duration.toHumanString()}`, `give ${name} in whole seconds, for example Duration.seconds(${Math.max(1, Math.round(millis / 1000))})`);
  }
}

/** A warehouse table name: `table`, `schema.table` or `database.schema.table`. */
export function requireTableName(fail: Fail, table: string, example: string): void {
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*){0,2}$/.test(table)) {
    fail('TRB104', `table '${table}' is not a table name`, `write it as schema.table, for example '${example}'`);
  }
}

/** An https:// URL with a host. */
export function requireHttpsUrl(fail: Fail, name: string, url: string, fix: string): void {
  if (!/^https:\/\/[^\s/]+/.test(url)) fail('TRB104', `${name} '${url}' is not an https:// URL`, fix);
}

/** A daily location must name the logical date. */
export function requireDsTemplate(fail: Fail, name: string, location: string | undefined): void {
  if (location === undefined) return;
  if (!location.includes('{{ds}}')) {
    fail('TRB105', `${name} '${location}' does not contain {{ds}}, so every run would read or write the same place`,
      `put the logical date in it, for example '${location.replace(/\/?$/, '/dt={{ds}}/')}'`);
  }
}

/** A list that must not be empty. */
export function requireNonEmpty(fail: Fail, name: string, values: readonly unknown[] | undefined, example: string): void {
  if (!values || values.length === 0) fail('TRB106', `${name} is empty`, `give at least one, for example ${example}`);
}

