import { canonicalJson, canonicalJsonForms, compare, sortKeys } from '../../lib/private/canonical';

test('compare orders strings byte-wise, not by locale', () => {
  // GIVEN strings a locale-aware sort would order differently
  const words = ['b', 'a', 'B', '_x', 'Z', 'a.b', 'a/b', 'é'];

  // WHEN
  const sorted = [...words].sort(compare);

  // THEN uppercase before '_' before lowercase, '.' before '/', non-ASCII last
  expect(sorted).toEqual(['B', 'Z', '_x', 'a', 'a.b', 'a/b', 'b', 'é']);
  expect([...words].sort((x, y) => x.localeCompare(y))).not.toEqual(sorted);
});

test('compare returns 0 only for equal strings, and is antisymmetric', () => {
  // THEN
  expect(compare('a', 'a')).toBe(0);
  expect(compare('a', 'b')).toBe(-1);
  expect(compare('b', 'a')).toBe(1);
  expect(compare('', 'a')).toBe(-1);
});

test('canonicalJson sorts keys at every level, including inside arrays', () => {
  // GIVEN
  const value = { b: 1, a: { d: [{ z: 1, y: 2 }], c: 2 } };

  // THEN
  expect(canonicalJson(value)).toBe(`{
  "a": {
    "c": 2,
    "d": [
      {
        "y": 2,
        "z": 1
      }
    ]
  },
  "b": 1
}
`);
});

test('canonicalJson keeps array order, drops undefined fields and keeps nulls', () => {
  // GIVEN
  const value = { list: [3, 1, 2], gone: undefined, kept: null };

  // THEN
  expect(canonicalJson(value)).toBe('{\n  "kept": null,\n  "list": [\n    3,\n    1,\n    2\n  ]\n}\n');
});

test('canonicalJson gives the same bytes for the same data built in different key orders', () => {
  // GIVEN
  const first = { name: 'orders', settings: { retries: 2, timeout: 60 } };
  const second = { settings: { timeout: 60, retries: 2 }, name: 'orders' };

  // THEN
  expect(canonicalJson(second)).toBe(canonicalJson(first));
});

test('canonicalJson escapes strings as JSON', () => {
  // THEN
  expect(canonicalJson({ s: 'quote " backslash \\ newline \n' })).toBe('{\n  "s": "quote \\" backslash \\\\ newline \\n"\n}\n');
});

test('canonicalJson of a scalar is the scalar and a newline', () => {
  // THEN
  expect(canonicalJson(1)).toBe('1\n');
  expect(canonicalJson('x')).toBe('"x"\n');
  expect(canonicalJson([])).toBe('[]\n');
});

test('sortKeys copies: the input keeps its key order and is not changed', () => {
  // GIVEN
  const input = { b: { y: 1, x: 2 }, a: undefined };

  // WHEN
  const output = sortKeys(input) as Record<string, unknown>;

  // THEN
  expect(Object.keys(input)).toEqual(['b', 'a']);
  expect(Object.keys(input.b)).toEqual(['y', 'x']);
  expect(Object.keys(output)).toEqual(['b']);
  expect(Object.keys(output.b as object)).toEqual(['x', 'y']);
  expect(output.b).not.toBe(input.b);
});

test('canonicalJsonForms gives canonicalJson and the same JSON without whitespace', () => {
  // GIVEN
  const value = { b: [1, { d: 'x', c: null }], a: { '10': 1, '9': 2, z: undefined } };

  // WHEN
  const forms = canonicalJsonForms(value);

  // THEN
  expect(forms.pretty).toBe(canonicalJson(value));
  expect(forms.compact()).toBe('{"a":{"9":2,"10":1},"b":[1,{"c":null,"d":"x"}]}\n');
  expect(forms.compact()).toBe(JSON.stringify(JSON.parse(forms.pretty)) + '\n');
});
