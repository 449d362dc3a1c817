import { SizeRoundingBehavior, Token } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import { describeValue, quote } from './text';
import { TributaryError } from '../errors';
import { captureSourceLocation } from '../../private/source-location';

/**
 * The one way Tributary checks what a caller passes: a small declarative spec per props
 * interface (beside the interface, in the construct's file), checked by the one engine below
 * before the construct joins the tree.
 *
 * Why a spec and not the `.jsii` assembly: the assembly exists only after `npm run build`, while
 * the constructors run from TypeScript sources too (tests, ts-node apps); and it records types but
 * not what makes a value meaningful (ranges, shapes, whole seconds). The spec names every prop of
 * its interface with its type, whether it is required and its range; `test/core/private/props.test.ts`
 * reads the interfaces with the TypeScript compiler and fails when a spec and its interface differ,
 * so the TypeScript types stay the single source of the props' names, optionality and kinds.
 */

/** Throws a coded TributaryError: `problem` names the prop and the value, `fix` says what to pass. */
export type Fail = (code: string, problem: string, fix: string) => never;

interface Common {
  /** The prop must be given (not `undefined` or `null`). */
  readonly required?: boolean;
  /** What to pass, for the fix: `'analytics.orders'`, `Duration.minutes(5)`. */
  readonly example?: string;
  /** The fix when the value has the wrong shape, when the default (`give <prop> as …`) is not the best advice. */
  readonly fix?: string;
  /** Code of a value out of range or of the wrong shape, when it is not TRB104 (retries keep TRB101). */
  readonly rangeCode?: string;
}

/** What one prop must be. */
export type Check = Common & (
  | { readonly kind: 'string'; readonly pattern?: RegExp; readonly shape?: string; readonly nonEmpty?: boolean; readonly maxLength?: number }
  | { readonly kind: 'number'; readonly integer?: boolean; readonly min?: number; readonly max?: number; readonly above?: number }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'duration'; readonly minSeconds?: number }
  | { readonly kind: 'size'; readonly positive?: boolean }
  | { readonly kind: 'enum'; readonly name: string; readonly values: Record<string, string> }
  | { readonly kind: 'brand'; readonly name: string; readonly brand: string }
  | { readonly kind: 'array'; readonly of: Check; readonly minLength?: number }
  | { readonly kind: 'record'; readonly of: Check }
  | { readonly kind: 'struct'; readonly name: string; readonly props: Spec }
  | { readonly kind: 'target' }
  | { readonly kind: 'any' }
);

/** The checks of every prop of one props interface, by prop name. */
export type Spec = { readonly [prop: string]: Check };

/** Check `value` (the props object, or a single argument) against `check`; `name` is how messages call it. */
export function checkValue(fail: Fail, name: string, value: unknown, check: Check): void {
  if (value === undefined || value === null) {
    if (check.required) {
      fail('TRB120', `${name} is required, but ${value === null ? 'null was given' : 'it is missing'}`, `give ${name}: ${expectation(check)}`);
    }
    if (value === null) fail('TRB121', `${name} is null`, `leave ${name} out, or give ${expectation(check)}`);
    return;
  }
  const wrongType = (): never => fail('TRB121', `${name} must be ${expectation(check)}, but is ${describeValue(value)}`, `give ${name} as ${expectation(check)}`);
  switch (check.kind) {
    case 'any': return;
    case 'string': {
      if (typeof value !== 'string') wrongType();
      const text = value as string;
      if (Token.isUnresolved(text)) unresolvedToken(fail, name, text);
      if (check.nonEmpty && text.trim().length === 0) fail('TRB106', `${name} is empty`, check.fix ?? `give ${name}: ${expectation(check)}`);
      if (check.maxLength !== undefined && text.length > check.maxLength) {
        fail('TRB104', `${name} is ${text.length} characters long; at most ${check.maxLength} are allowed`, `shorten ${name} to ${check.maxLength} characters or fewer`);
      }
      if (check.pattern && !check.pattern.test(text)) {
        fail(check.rangeCode ?? 'TRB104', `${name} ${quote(text)} is not ${check.shape ?? 'well formed'}`, check.fix ?? `give ${name} as ${expectation(check)}`);
      }
      return;
    }
    case 'number': {
      if (typeof value !== 'number') wrongType();
      checkNumber(fail, name, value as number, check);
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') wrongType();
      return;
    case 'duration': return checkDuration(fail, name, value, check);
    case 'size': return checkSize(fail, name, value, check);
    case 'enum': {
      const members = Object.keys(check.values).filter((k) => !/^\d+$/.test(k));
      if (!members.some((k) => check.values[k] === value)) {
        const near = typeof value === 'string' ? members.find((k) => check.values[k].toLowerCase() === value.toLowerCase() || k.toLowerCase() === value.toLowerCase()) : undefined;
        fail('TRB122', `${name} is ${describeValue(value)}, which is not a ${check.name}`
          + (near ? `; did you mean ${check.name}.${near}?` : ''),
        `use one of ${members.map((k) => `${check.name}.${k}`).join(', ')}`);
      }
      return;
    }
    case 'brand':
      if (typeof value !== 'object' || !(Symbol.for(check.brand) in (value as object))) {
        fail(check.rangeCode ?? 'TRB121', `${name} must be ${expectation(check)}, but is ${describeValue(value)}`, check.fix ?? `give ${name} as ${expectation(check)}`);
      }
      return;
    case 'array': {
      if (!Array.isArray(value)) wrongType();
      const items = value as unknown[];
      if (check.minLength !== undefined && items.length < check.minLength) {
        fail('TRB106', `${name} is empty`, `give at least ${check.minLength === 1 ? 'one' : check.minLength}, for example ${check.example ?? expectation(check.of)}`);
      }
      items.forEach((item, i) => checkValue(fail, `${name}[${i}]`, item, { ...check.of, required: true }));
      return;
    }
    case 'record': {
      if (typeof value !== 'object' || Array.isArray(value) || isBranded(value as object)) wrongType();
      for (const key of Object.keys(value as object).sort()) {
        if (Token.isUnresolved(key)) unresolvedToken(fail, `a key of ${name}`, key);
        checkValue(fail, `${name}[${quote(key, 40)}]`, (value as Record<string, unknown>)[key], { ...check.of, required: true });
      }
      return;
    }
    case 'struct': {
      if (typeof value !== 'object' || Array.isArray(value) || isBranded(value as object)) wrongType();
      checkProps(fail, value as Record<string, unknown>, check.props, `${name}.`);
      return;
    }
    case 'target': {
      const target = value as { name?: unknown; render?: unknown };
      if (typeof value !== 'object' || typeof target.render !== 'function') wrongType();
      checkValue(fail, `${name}.name`, target.name, { kind: 'string', required: true, nonEmpty: true });
      return;
    }
  }
}

/** Check every prop of `props` against `spec`; `prefix` names the enclosing prop (`output.`). */
export function checkProps(fail: Fail, props: Record<string, unknown>, spec: Spec, prefix = ''): void {
  for (const prop of Object.keys(spec)) checkValue(fail, `${prefix}${prop}`, props[prop], spec[prop]);
}

/** The props object itself: absent is `{}` when nothing is required; anything but a plain object is refused. */
export function checkPropsObject(fail: Fail, props: unknown, spec: Spec, what: string): Record<string, unknown> {
  if (props === undefined || props === null) {
    const required = Object.keys(spec).filter((k) => spec[k].required);
    if (required.length > 0) {
      fail('TRB120', `${what} needs props, but ${props === null ? 'null was given' : 'none were given'}`, `give an object with ${required.join(', ')}`);
    }
    return {};
  }
  if (typeof props !== 'object' || Array.isArray(props) || isBranded(props as object)) {
    fail('TRB121', `the props of ${what} must be an object, but are ${describeValue(props)}`, `give an object with ${Object.keys(spec).slice(0, 6).join(', ')}`);
  }
  checkProps(fail, props as Record<string, unknown>, spec);
  return props as Record<string, unknown>;
}

/** A Fail for a factory or a construct not yet in the tree: its error names `where` and the caller's line. */
export function failAt(where: string): Fail {
  // The location is read only on failure (a stack trace is costly), still inside the caller's call.
  return (code, problem, fix) => {
    throw new TributaryError(code, where, problem, fix, captureSourceLocation());
  };
}

/** Check the argument of a factory such as `Schema.of` or `IngestMode.incremental`. */
export function checkArgument(where: string, name: string, value: unknown, check: Check): void {
  checkValue(failAt(where), name, value, { required: true, ...check });
}

/**
 * The scope and id of a construct about to be created, checked before `constructs` sees them:
 * the scope is a construct that is not synthesizing, and the id is a non-empty string with no `/`
 * that no sibling has. Returns the path the construct will have.
 */
export function checkScopeAndId(scope: unknown, id: unknown, kind: string): string {
  const scopePath = Construct.isConstruct(scope) ? scope.node.path : '';
  const shownId = typeof id === 'string' ? id : describeValue(id);
  const fail = failAt(scopePath ? `${scopePath}/${shownId}` : shownId);
  if (!Construct.isConstruct(scope)) {
    fail('TRB108', `the scope of ${kind} ${typeof id === 'string' ? quote(id) : ''} is ${describeValue(scope)}, not a construct`.replace('  ', ' '),
      `create the ${kind} inside a construct: a Workflow for nodes, a Stack or an App for workflows`);
  }
  const parent = scope as Construct;
  if (typeof id !== 'string') fail('TRB123', `the id of ${kind} is ${describeValue(id)}, not a string`, `give the ${kind} a name such as 'Orders'`);
  const name = id as string;
  if (Token.isUnresolved(name)) unresolvedToken(fail, 'the id', name);
  if (name.trim().length === 0) fail('TRB123', `the id of ${kind} is empty`, `give the ${kind} a name such as 'Orders'`);
  if (name.includes('/')) fail('TRB123', `the id ${quote(name)} of ${kind} contains '/', which separates construct paths`, "use another character, such as '-' or '_'");
  if (parent.node.tryFindChild(name)) {
    fail('TRB123', `${quote(name)} is already the id of another construct in ${quote(parent.node.path || 'the app')}`, `give the ${kind} an id that no sibling has`);
  }
  return scopePath ? `${scopePath}/${name}` : name;
}

function checkNumber(fail: Fail, name: string, n: number, check: Extract<Check, { kind: 'number' }>): void {
  const range = rangeText(check);
  if (Token.isUnresolved(n)) unresolvedToken(fail, name, n);
  if (!Number.isFinite(n)) fail(check.rangeCode ?? 'TRB104', `${name} is ${describeValue(n)}`, `set ${name} to ${range}`);
  const outside = (check.integer && !Number.isInteger(n)) || (check.min !== undefined && n < check.min)
    || (check.max !== undefined && n > check.max) || (check.above !== undefined && !(n > check.above));
  if (outside) fail(check.rangeCode ?? 'TRB104', `${name} is ${n}`, `set ${name} to ${range}`);
}

function rangeText(check: Extract<Check, { kind: 'number' }>): string {
  const what = check.integer ? 'a whole number' : 'a number';
  if (check.min !== undefined && check.max !== undefined) return `${what} from ${check.min} to ${check.max}`;
  if (check.above !== undefined) return `${what} greater than ${check.above}`;
  if (check.min !== undefined) return `${what} of at least ${check.min}`;
  if (check.max !== undefined) return `${what} of at most ${check.max}`;
  return `a finite ${check.integer ? 'whole ' : ''}number`;
}

function checkDuration(fail: Fail, name: string, value: unknown, check: Extract<Check, { kind: 'duration' }>): void {
  const d = value as { toMilliseconds?: unknown; toHumanString?: unknown };
  if (typeof value !== 'object' || typeof d.toMilliseconds !== 'function' || typeof d.toHumanString !== 'function') {
    fail('TRB121', `${name} must be a Duration, but is ${describeValue(value)}`, `give ${name} as ${check.example ?? 'Duration.minutes(5)'} (Duration from aws-cdk-lib)`);
  }
  const unresolved = (value as { isUnresolved?: () => boolean }).isUnresolved;
  if (typeof unresolved === 'function' && unresolved.call(value)) unresolvedToken(fail, name, value);
  let millis: number;
  try {
    millis = (value as { toMilliseconds(o: object): number }).toMilliseconds({ integral: false });
  } catch {
    millis = Number.NaN;
  }
  // Duration refuses negative amounts, so a negative length is an encoded token (possibly scaled by the unit).
  if (Token.isUnresolved(millis) || millis < 0) unresolvedToken(fail, name, millis);
  if (!Number.isFinite(millis)) {
    fail('TRB104', `${name} is not a finite length of time`, `give ${name} as ${check.example ?? 'Duration.minutes(5)'}`);
  }
  const secs = millis / 1000;
  if (!Number.isInteger(secs)) {
    fail('TRB104', `${name} is ${human(value)}`, `give ${name} in whole seconds, for example Duration.seconds(${Math.max(1, Math.round(secs))})`);
  }
  const min = check.minSeconds ?? 0;
  if (secs < min) {
    fail('TRB104', `${name} is ${human(value)}`, `give ${name} of at least ${min} second${min === 1 ? '' : 's'}, for example ${check.example ?? `Duration.seconds(${min})`}`);
  }
}

function checkSize(fail: Fail, name: string, value: unknown, check: Extract<Check, { kind: 'size' }>): void {
  const s = value as { toBytes?: unknown; toKibibytes?: unknown };
  if (typeof value !== 'object' || typeof s.toBytes !== 'function' || typeof s.toKibibytes !== 'function') {
    fail('TRB121', `${name} must be a Size, but is ${describeValue(value)}`, `give ${name} as ${check.example ?? 'Size.gibibytes(20)'} (Size from aws-cdk-lib)`);
  }
  let bytes: number;
  try {
    bytes = (value as { toBytes(o: object): number }).toBytes({ rounding: SizeRoundingBehavior.NONE });
  } catch {
    bytes = Number.NaN;
  }
  // Size refuses negative amounts, so a negative size is an encoded token.
  if (Token.isUnresolved(bytes) || bytes < 0) unresolvedToken(fail, name, bytes);
  if (!Number.isFinite(bytes) || bytes > Number.MAX_SAFE_INTEGER) {
    fail('TRB104', `${name} is not a finite size`, `give ${name} as ${check.example ?? 'Size.gibibytes(20)'}`);
  }
  if (!Number.isInteger(bytes)) fail('TRB104', `${name} is ${bytes} bytes, not a whole number of bytes`, `give ${name} in whole bytes, for example Size.bytes(${Math.ceil(bytes)})`);
  if (check.positive && bytes === 0) fail('TRB104', `${name} is 0 bytes`, `give ${name} greater than 0, for example ${check.example ?? 'Size.gibibytes(4)'}`);
}

function human(value: unknown): string {
  try {
    const text = (value as { toHumanString(): string }).toHumanString();
    return text.length > 0 ? text : 'a length of time of 0';
  } catch {
    return 'a Duration';
  }
}

function unresolvedToken(fail: Fail, name: string, _value: unknown): never {
  return fail('TRB124', `${name} holds an unresolved CDK token (such as Aws.ACCOUNT_ID or a resource attribute), whose value is known only at deployment`,
    `give ${name} as a literal value: Tributary writes its artifacts at synth, before CloudFormation resolves tokens`);
}

function isBranded(value: object): boolean {
  return Object.getOwnPropertySymbols(value).some((s) => (Symbol.keyFor(s) ?? '').startsWith('tributary.'));
}

/** How a check reads in a message: `a whole number from 1 to 16`, `a Dataset`. */
export function expectation(check: Check): string {
  switch (check.kind) {
    case 'string': return check.example ? `a string such as ${check.example}` : check.shape ? `a string that is ${check.shape}` : 'a string';
    case 'number': return rangeText(check);
    case 'boolean': return 'true or false';
    case 'duration': return `a Duration such as ${check.example ?? 'Duration.minutes(5)'}`;
    case 'size': return `a Size such as ${check.example ?? 'Size.gibibytes(20)'}`;
    case 'enum': return `one of ${Object.keys(check.values).filter((k) => !/^\d+$/.test(k)).map((k) => `${check.name}.${k}`).join(', ')}`;
    case 'brand': return check.example ? `a ${check.name} such as ${check.example}` : `a ${check.name}`;
    case 'array': return check.example ? `a list such as ${check.example}` : `a list of ${plural(expectation(check.of))}`;
    case 'record': return `an object whose values are ${plural(expectation(check.of))}`;
    case 'struct': return check.example ? `an object such as ${check.example}` : `a ${check.name} object`;
    case 'target': return 'a target: an object with a name and a render(graph) method';
    case 'any': return 'a value';
  }
}

function plural(text: string): string {
  return text.replace(/^an? /, '').replace(/^(\w+)/, (w) => (w.endsWith('s') ? w : `${w}s`));
}

const SPECS = new WeakMap<object, Spec>();

/** Record the spec of a construct class's props; subclasses use it unless they record their own. */
export function registerSpec(type: object, spec: Spec): void {
  SPECS.set(type, spec);
}

/** The spec recorded for `type` or its nearest ancestor class. */
export function specOf(type: object | undefined): Spec | undefined {
  for (let t: object | null | undefined = type; t; t = Object.getPrototypeOf(t)) {
    const spec = SPECS.get(t);
    if (spec) return spec;
  }
  return undefined;
}
