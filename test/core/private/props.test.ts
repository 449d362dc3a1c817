import * as path from 'path';
import { Duration, Size, Token } from 'aws-cdk-lib/core';
import * as ts from 'typescript';
import * as lib from '../../../lib';
import { Check, Fail, Spec, checkValue, specOf } from '../../../lib/core/private/props';
import { describeValue, quote, safeText } from '../../../lib/core/private/text';
import { errorOf } from '../../util';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** A Fail that throws its arguments, for testing the engine alone. */
const record: Fail = (code, problem, fix) => {
  throw { code, problem, fix };
};

// The specs and the TypeScript interfaces are one source of truth: names, optionality and nesting agree.

/** The construct classes whose props the engine checks, by export name. */
const CONSTRUCTS = ['Workflow', 'DatabaseSource', 'LogSource', 'ApiSource', 'SparkTask', 'SqlTask', 'QualityCheck', 'WarehouseSink', 'ApiSink', 'EventSink'];

test('every construct spec names exactly the props of its props interface, required exactly where the interface requires them', () => {
  // GIVEN the public API read by the TypeScript compiler
  const program = ts.createProgram([path.join(ROOT, 'lib', 'index.ts')], { strict: true, noEmit: true, skipLibCheck: true, types: [], target: ts.ScriptTarget.ES2022 });
  const checker = program.getTypeChecker();
  const index = checker.getSymbolAtLocation(program.getSourceFile(path.join(ROOT, 'lib', 'index.ts'))!)!;
  const exports = new Map(checker.getExportsOfModule(index).map((s) => [s.name, s]));

  /** The spec's view of a type's properties, compared recursively for struct props. */
  const mismatches: string[] = [];
  const compare = (where: string, type: ts.Type, spec: Spec) => {
    const props = checker.getPropertiesOfType(type);
    const names = props.map((p) => p.name).sort();
    if (JSON.stringify(names) !== JSON.stringify(Object.keys(spec).sort())) {
      mismatches.push(`${where}: interface ${JSON.stringify(names)} spec ${JSON.stringify(Object.keys(spec).sort())}`);
      return;
    }
    for (const prop of props) {
      const optional = (prop.flags & ts.SymbolFlags.Optional) !== 0;
      const check = spec[prop.name];
      if (optional === (check.required === true)) mismatches.push(`${where}.${prop.name}: optional in the interface is ${optional}, required in the spec is ${check.required === true}`);
      if (check.kind === 'struct') compare(`${where}.${prop.name}`, checker.getNonNullableType(checker.getTypeOfSymbol(prop)), check.props);
    }
  };

  // WHEN each class's constructor props type is compared with its spec
  for (const name of CONSTRUCTS) {
    const symbol = exports.get(name)!;
    const ctor = checker.getTypeOfSymbol(symbol).getConstructSignatures()[0];
    const propsType = checker.getNonNullableType(checker.getTypeOfSymbol(ctor.getParameters()[2]));
    compare(name, propsType, specOf((lib as Record<string, unknown>)[name] as object)!);
  }

  // THEN
  expect(mismatches).toEqual([]);
});

// The engine

test.each<[string, Check, unknown, string]>([
  ['missing required', { kind: 'string', required: true }, undefined, 'TRB120'],
  ['null', { kind: 'string' }, null, 'TRB121'],
  ['number for a string', { kind: 'string' }, 42, 'TRB121'],
  ['array for a string', { kind: 'string' }, ['a'], 'TRB121'],
  ['string for a list', { kind: 'array', of: { kind: 'string' } }, 'abc', 'TRB121'],
  ['NaN', { kind: 'number', min: 0 }, Number.NaN, 'TRB104'],
  ['Infinity', { kind: 'number' }, Infinity, 'TRB104'],
  ['zero where above 0', { kind: 'number', above: 0 }, 0, 'TRB104'],
  ['plain object for a Duration', { kind: 'duration' }, { seconds: 5 }, 'TRB121'],
  ['Duration.seconds(NaN)', { kind: 'duration' }, Duration.seconds(Number.NaN), 'TRB104'],
  ['a token Duration', { kind: 'duration' }, Duration.seconds(Token.asNumber({ Ref: 'X' })), 'TRB124'],
  ['fractional bytes', { kind: 'size' }, Size.bytes(0.5), 'TRB104'],
  ['plain object for a Size', { kind: 'size' }, { amount: 5 }, 'TRB121'],
  ['a string token', { kind: 'string' }, Token.asString({ Ref: 'X' }), 'TRB124'],
  ['a wrong-case enum value', { kind: 'enum', name: 'CheckSeverity', values: lib.CheckSeverity as unknown as Record<string, string> }, 'ERROR', 'TRB122'],
  ['a string for a branded class', { kind: 'brand', name: 'WriteMode', brand: 'tributary.WriteMode' }, 'merge', 'TRB121'],
  ['a plain object for a branded class', { kind: 'brand', name: 'WriteMode', brand: 'tributary.WriteMode' }, { mode: 'merge' }, 'TRB121'],
])('the engine refuses %s with its code, naming the prop', (_, check, value, code) => {
  // WHEN
  const error = errorOf(() => checkValue(record, 'prop', value, check));

  // THEN
  expect(error.code).toBe(code);
  expect(error.problem).toMatch(/^prop /);
  expect(`${error.problem} ${error.fix}`).not.toMatch(/\bundefined\b|\bNaN\b|\[object Object\]/);
});

test('the engine accepts members of enums by value, branded instances, whole Durations and Sizes', () => {
  // THEN
  expect(() => checkValue(record, 'p', 'error', { kind: 'enum', name: 'CheckSeverity', values: lib.CheckSeverity as unknown as Record<string, string> })).not.toThrow();
  expect(() => checkValue(record, 'p', lib.WriteMode.append(), { kind: 'brand', name: 'WriteMode', brand: 'tributary.WriteMode' })).not.toThrow();
  expect(() => checkValue(record, 'p', Duration.minutes(5), { kind: 'duration', minSeconds: 1 })).not.toThrow();
  expect(() => checkValue(record, 'p', Size.gibibytes(2), { kind: 'size', positive: true })).not.toThrow();
});

test('the wrong-case enum value is told the member it probably meant', () => {
  // WHEN
  const error = errorOf(() => new lib.QualityCheck(lib.Testing.graph === undefined ? undefined as never : newCheckScope(), 'C', {
    input: undefined as never, rules: [], severity: 'ERROR' as never,
  }));

  // THEN (the first refused prop is reported: input)
  expect(error.code).toBe('TRB120');
});

function newCheckScope(): lib.Workflow {
  return require('../../util').newWorkflow();
}

// Messages

test('values in messages are quoted, escaped and shortened, and described by kind when not strings', () => {
  // THEN
  expect(quote('a\nb\u202ec\'d')).toBe("'a\\nb\\u202ec\\'d'");
  expect(quote('x'.repeat(100000)).length).toBeLessThan(100);
  expect([undefined, null, Number.NaN, Infinity, {}, [1, 2], { a: 1 }, Duration.seconds(1)].map(describeValue))
    .toEqual(['nothing', 'null', 'an invalid number', 'an infinite number', 'an empty object', 'a list of 2 items', "an object with key 'a'", 'a Duration']);
  expect(safeText(`id ${'y'.repeat(100000)} and ${' '.repeat(5000)} end`).length).toBeLessThan(200);
});

test('a 100,000-character construct id gives a short, single-line message', () => {
  // GIVEN
  const workflow = newCheckScope();

  // WHEN an id of 100,000 characters with newlines and bidi controls is used twice
  const id = `${'\u202e\n'.repeat(10)}${'x'.repeat(100000)}`;
  new lib.LogSource(workflow, id, { location: 's3://logs/dt={{ds}}/', format: lib.DataFormat.JSON_LINES });
  const error = errorOf(() => new lib.LogSource(workflow, id, { location: 's3://logs/dt={{ds}}/', format: lib.DataFormat.JSON_LINES }));

  // THEN
  expect(error.code).toBe('TRB123');
  expect(error.message.length).toBeLessThan(600);
  expect(error.message.split('\n')).toHaveLength(2);
  expect(error.message).not.toMatch(/[\u202e]/);
});
