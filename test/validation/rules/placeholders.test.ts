import { ApiSource, CheckRule, DiagnosticSeverity, Placeholder, QualityCheck, SparkTask, SqlTask } from '../../../lib';
import { knownPlaceholders } from '../../../lib/validation/rules/placeholders';
import { atLine, newWorkflow, ordersSource, thisLine } from '../../util';

const FILE = 'test/validation/rules/placeholders.test.ts';
const DATES = '{{ds}}, {{ds_nodash}}, {{next_ds}}, {{prev_ds}}';

test('a placeholder written with spaces is refused with TRB017 and the exact form suggested', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  const line = thisLine(); new SparkTask(workflow, 'Enrich', { script: 's3://jobs-bucket/e.py', inputs: [orders.output], arguments: ['--date', '{{ ds }}'] });

  // WHEN
  const diagnostics = knownPlaceholders(workflow.toGraph());

  // THEN
  expect(diagnostics).toEqual([{
    code: 'TRB017',
    severity: DiagnosticSeverity.ERROR,
    path: 'Test/Pipeline/Enrich',
    location: atLine(FILE, line),
    message: 'properties.arguments[1] uses the placeholder {{ ds }}, which no target replaces; did you mean {{ds}}?',
    fix: `use one of ${DATES}, written without spaces`,
  }]);
});

test('an unknown placeholder in an API query and in an output location is refused, each where it is', () => {
  // GIVEN
  const workflow = newWorkflow();
  new ApiSource(workflow, 'Rates', { baseUrl: 'https://api.example.com', path: '/rates', query: { on: '{{date}}' } });
  const orders = ordersSource(workflow);
  new SparkTask(workflow, 'Enrich', { script: 's3://jobs-bucket/e.py', inputs: [orders.output], output: { location: 's3://lake/enrich/day={{ds}}/run={{run_id}}/' } });

  // WHEN
  const messages = knownPlaceholders(workflow.toGraph()).map((d) => `${d.path}: ${d.message}`);

  // THEN
  expect(messages).toEqual([
    'Test/Pipeline/Enrich: output.location uses the placeholder {{run_id}}, which no target replaces',
    'Test/Pipeline/Rates: properties.query.on uses the placeholder {{date}}, which no target replaces',
  ]);
});

test('every placeholder of Placeholder is accepted, and {{table}} in custom check SQL', () => {
  // GIVEN each date placeholder in SQL, and {{table}} where checks allow it
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  new SqlTask(workflow, 'Mart', {
    inputs: [orders.output], table: 'marts.orders',
    sql: `INSERT INTO marts.orders SELECT * FROM x WHERE d >= '${Placeholder.PREV_DS}' AND d < '${Placeholder.NEXT_DS}' AND p = '${Placeholder.DS_NODASH}' AND ds = '${Placeholder.DS}'`,
  });
  new QualityCheck(workflow, 'Check', { input: orders.output, rules: [CheckRule.customSql('positive', `SELECT * FROM ${Placeholder.TABLE} WHERE amount < 0`)] });

  // THEN
  expect(knownPlaceholders(workflow.toGraph())).toEqual([]);
});

test('{{table}} outside the SQL of a custom check is refused', () => {
  // GIVEN
  const workflow = newWorkflow();
  const orders = ordersSource(workflow);
  new SqlTask(workflow, 'Mart', { inputs: [orders.output], table: 'marts.orders', sql: 'INSERT INTO marts.orders SELECT * FROM {{table}}' });

  // THEN
  expect(knownPlaceholders(workflow.toGraph()).map((d) => d.message)).toEqual([
    'properties.sql uses the placeholder {{table}}, which no target replaces',
  ]);
});

test('Jinja statements, comments and expressions in user strings are refused, since Airflow would render them', () => {
  // GIVEN a Spark task whose arguments carry {% %}, {# #} and a stray {{
  const workflow = newWorkflow();
  new SparkTask(workflow, 'Job', {
    script: 's3://jobs-bucket/j.py',
    inputs: [ordersSource(workflow).output],
    arguments: ['--ds', '{{ds}}', "{% for x in range(9) %}x{% endfor %}", '{# hidden #}', '{{ds}}{{'],
  });

  // WHEN
  const messages = knownPlaceholders(workflow.toGraph()).map((d) => d.message);

  // THEN each is refused where it is; the allowed {{ds}} beside them is not
  expect(messages).toEqual([
    "properties.arguments[2] contains '{%', which starts a Jinja statement that an orchestrator would run",
    "properties.arguments[3] contains '{#', which starts a Jinja comment that an orchestrator would run",
    "properties.arguments[4] contains '{{', which starts a Jinja expression that an orchestrator would run",
  ]);
});
