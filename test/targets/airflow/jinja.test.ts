import { spawnSync } from 'child_process';
import * as fc from 'fast-check';
import { AIRFLOW_DATE_PLACEHOLDERS, airflowTemplate, airflowTemplates, variableExpression } from '../../../lib/targets/airflow/jinja';
import { pythonEnv } from '../../support/python';

const PYTHON = pythonEnv().python;

/**
 * Render templates with Jinja's sandbox as Airflow configures it (StrictUndefined), with `ds`,
 * `ds_nodash`, a `macros.ds_add` and Variables that render as `<var:NAME>`. One Python process.
 */
function render(templates: string[]): string[] {
  const script = `
import datetime, json, sys
import jinja2, jinja2.sandbox
class Var:
    def __getattr__(self, name): return f"<var:{name}>"
    def get(self, name, default=None): return f"<var:{name}>"
class Macros:
    @staticmethod
    def ds_add(ds, days): return (datetime.date.fromisoformat(ds) + datetime.timedelta(days=days)).isoformat()
env = jinja2.sandbox.SandboxedEnvironment(undefined=jinja2.StrictUndefined, extensions=["jinja2.ext.do"], cache_size=0)
ctx = {"ds": "2026-03-01", "ds_nodash": "20260301", "macros": Macros, "var": {"value": Var()}}
json.dump([env.from_string(t).render(**ctx) for t in json.load(sys.stdin)], sys.stdout)
`;
  const run = spawnSync(PYTHON, ['-c', script], { input: JSON.stringify(templates), encoding: 'utf-8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

test("Tributary's date placeholders become Airflow 3's template expressions", () => {
  // THEN
  expect(airflowTemplate('s3://lake/ds={{ds}}/{{ds_nodash}}/{{next_ds}}/{{prev_ds}}'))
    .toBe('s3://lake/ds={{ ds }}/{{ ds_nodash }}/{{ macros.ds_add(ds, 1) }}/{{ macros.ds_add(ds, -1) }}');
  expect(Object.keys(AIRFLOW_DATE_PLACEHOLDERS)).toEqual(['{{ds}}', '{{ds_nodash}}', '{{next_ds}}', '{{prev_ds}}']);
});

test('EMR placeholders become Airflow Variables read when the task runs', () => {
  // THEN
  expect(airflowTemplate('${TributaryScriptsLocation}/api_source.py')).toBe('{{ var.value.tributary_scripts_location }}/api_source.py');
  expect(variableExpression('a.b-c')).toBe("{{ var.value.get('a.b-c') }}");
  expect(() => variableExpression("x') }}{{ 1")).toThrow(/not an Airflow Variable name/);
});

test('anything else Jinja would read is written as text', () => {
  // THEN
  expect(airflowTemplate('{{ x }} {% if %} {# c #}')).toBe("{{ '{' }}{ x }} {{ '{' }}% if %} {{ '{' }}# c #}");
  expect(airflowTemplate('{{{ds}}')).toBe("{{ '{' }}{{ ds }}");
  expect(airflowTemplate('a\r\nb')).toBe("a{{ '\\r' }}\nb");
});

test('a template that ends with a newline or a template file extension gets an empty expression at its end', () => {
  // THEN
  expect(airflowTemplate('a\n')).toBe("a\n{{ '' }}");
  expect(airflowTemplate('x.sql', ['.sql'])).toBe("x.sql{{ '' }}");
  expect(airflowTemplate('x.sql')).toBe('x.sql');
});

test('values are templated inside lists and objects, keys are left as they are', () => {
  // THEN
  expect(airflowTemplates({ '{{ds}}': ['{{ds}}', 1, null] })).toEqual({ '{{ds}}': ['{{ ds }}', 1, null] });
});

test('every string, hostile or random, renders in Jinja back to itself with only the placeholders replaced', () => {
  // GIVEN strings made of Jinja's delimiters, newlines, quotes and placeholders, and random unicode
  const pieces = ['{', '}', '%', '#', '{{', '}}', '{%', '%}', '{#', '#}', '\r', '\n', '\r\n', "'", '"', '\\', ' ', '-', '+',
    'raw', 'endraw', '{{ds}}', '{{ds_nodash}}', '{{next_ds}}', '{{prev_ds}}', '${EmrLogUri}', '.sql', 'é', '😀', '\u0000'];
  const made = fc.sample(fc.array(fc.constantFrom(...pieces), { maxLength: 25 }).map((p) => p.join('')), { numRuns: 400, seed: 11 });
  const random = fc.sample(fc.string({ unit: 'grapheme', maxLength: 30 }), { numRuns: 200, seed: 12 });
  const texts = [...made, ...random, "{% raw %}{{ x }}{% endraw %}", '{{ 7*7 }}\n'];
  const expected = texts.map((t) => t
    .replace(/\{\{ds\}\}/g, '2026-03-01').replace(/\{\{ds_nodash\}\}/g, '20260301')
    .replace(/\{\{next_ds\}\}/g, '2026-03-02').replace(/\{\{prev_ds\}\}/g, '2026-02-28')
    .replace(/\$\{EmrLogUri\}/g, '<var:tributary_emr_log_uri>'));

  // WHEN
  const rendered = render(texts.map((t) => airflowTemplate(t, ['.sql'])));

  // THEN
  expect(rendered).toEqual(expected);
});
