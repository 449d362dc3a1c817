import { DataFormat, DiagnosticSeverity, LogSource, Workflow } from '../../../lib';
import { validIds } from '../../../lib/validation/rules/identifiers';
import { atLine, newStack, newWorkflow, thisLine, validWorkflow, workflowProps } from '../../util';

const FILE = 'test/validation/rules/identifiers.test.ts';
const LOGS = { location: 's3://logs/clicks/dt={{ds}}/', format: DataFormat.JSON_LINES };

// TRB004: not a valid Airflow id

test('a node id with a character Airflow refuses is reported with that character and the allowed ones', () => {
  // GIVEN
  const workflow = newWorkflow();
  const line = thisLine() + 1;
  new LogSource(workflow, 'Clicks@EU', LOGS);

  // WHEN
  const diagnostics = validIds(workflow.toGraph());

  // THEN
  expect(diagnostics).toEqual([{
    code: 'TRB004',
    severity: DiagnosticSeverity.ERROR,
    path: 'Test/Pipeline/Clicks@EU',
    location: atLine(FILE, line),
    message: 'node id \'clicks@eu\' is not a valid Airflow task id: it contains "@"',
    fix: 'use only ASCII letters, digits, spaces, "-", "_" and "." in the construct id',
  }]);
});

test('every distinct bad character is named once', () => {
  // GIVEN an id with an accent, a '&' twice and spaces (spaces become '_')
  const workflow = newWorkflow();
  new LogSource(workflow, 'Café & Bar & Grill', LOGS);

  // WHEN
  const [diagnostic] = validIds(workflow.toGraph());

  // THEN
  expect(diagnostic.message).toBe('node id \'café_&_bar_&_grill\' is not a valid Airflow task id: it contains "é", "&"');
});

test('an id that normalises to nothing is reported as empty', () => {
  // GIVEN an id made only of separators
  const workflow = newWorkflow();
  new LogSource(workflow, '--', LOGS);

  // WHEN
  const [diagnostic] = validIds(workflow.toGraph());

  // THEN
  expect([diagnostic.code, diagnostic.message]).toEqual(['TRB004', "node id '' is not a valid Airflow task id: it is empty"]);
});

test('a workflow id Airflow refuses is reported at the workflow as a DAG id', () => {
  // GIVEN
  const line = thisLine() + 1;
  const workflow = new Workflow(newStack(), 'Orders#2', workflowProps());

  // WHEN
  const diagnostics = validIds(workflow.toGraph());

  // THEN
  expect(diagnostics).toEqual([{
    code: 'TRB004',
    severity: DiagnosticSeverity.ERROR,
    path: 'Test/Orders#2',
    location: atLine(FILE, line),
    message: 'workflow id \'orders#2\' is not a valid Airflow DAG id: it contains "#"',
    fix: 'use only ASCII letters, digits, spaces, "-", "_" and "." in the construct id',
  }]);
});

test('an id longer than 250 characters is too long for Airflow and for Step Functions', () => {
  // GIVEN
  const workflow = newWorkflow();
  new LogSource(workflow, 'x'.repeat(251), LOGS);

  // WHEN
  const diagnostics = validIds(workflow.toGraph());

  // THEN
  expect(diagnostics.map((d) => [d.code, d.message, d.fix])).toEqual([
    ['TRB004', `node id '${'x'.repeat(40)}…' is 251 characters; an Airflow task id has at most 250`, 'shorten the construct id'],
    ['TRB005', `node id '${'x'.repeat(40)}…' is 251 characters; a Step Functions state name has at most 80`,
      'shorten the construct id to 80 characters or fewer in snake_case'],
  ]);
});

// TRB005: too long for Step Functions

test('a node id longer than 80 characters is refused as a Step Functions state name', () => {
  // GIVEN
  const workflow = newWorkflow();
  const line = thisLine() + 1;
  new LogSource(workflow, 'y'.repeat(81), LOGS);

  // WHEN
  const diagnostics = validIds(workflow.toGraph());

  // THEN
  expect(diagnostics).toEqual([{
    code: 'TRB005',
    severity: DiagnosticSeverity.ERROR,
    path: `Test/Pipeline/${'y'.repeat(81)}`,
    location: atLine(FILE, line),
    message: `node id '${'y'.repeat(40)}…' is 81 characters; a Step Functions state name has at most 80`,
    fix: 'shorten the construct id to 80 characters or fewer in snake_case',
  }]);
});

test('the length that counts is the snake_case id, which can be longer than the construct id', () => {
  // GIVEN a 78-character CamelCase id whose snake_case form has 87 characters
  const id = 'Orders' + 'Enriched'.repeat(9);
  const workflow = newWorkflow();
  new LogSource(workflow, id, LOGS);

  // WHEN
  const diagnostics = validIds(workflow.toGraph());

  // THEN
  expect(id.length).toBe(78);
  expect(diagnostics.map((d) => [d.code, d.message])).toEqual([
    ['TRB005', "node id 'orders_enriched_enriched_enriched_enrich…' is 87 characters; a Step Functions state name has at most 80"],
  ]);
});

test('a workflow id longer than 80 characters is refused as a state machine name', () => {
  // GIVEN
  const workflow = new Workflow(newStack(), 'w'.repeat(81), workflowProps());

  // WHEN
  const diagnostics = validIds(workflow.toGraph());

  // THEN
  expect(diagnostics.map((d) => [d.code, d.path, d.message])).toEqual([
    ['TRB005', `Test/${'w'.repeat(81)}`, `workflow id '${'w'.repeat(40)}…' is 81 characters; a Step Functions state machine name has at most 80`],
  ]);
});

test('ids of exactly 80 characters, with letters, digits, "_", "-", "." and spaces, are valid', () => {
  // GIVEN
  const workflow = newWorkflow();
  new LogSource(workflow, 'z'.repeat(80), LOGS);
  new LogSource(workflow, 'FX-Rates v2.1', LOGS);

  // THEN
  expect(validIds(workflow.toGraph())).toEqual([]);
  expect(validIds(validWorkflow().workflow.toGraph())).toEqual([]);
});
