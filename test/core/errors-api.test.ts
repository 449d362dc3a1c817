import { Errors, Schedule, Testing, WarehouseSink, Workflow, WriteMode } from '../../lib';
import { errorOf, newStack, newWorkflow, ordersSource } from '../util';

/** A workflow with one error: its schedule runs at hour 25. */
function invalidWorkflow(): Workflow {
  const workflow = newWorkflow({ schedule: Schedule.cron('0 25 * * *') });
  const orders = ordersSource(workflow);
  new WarehouseSink(workflow, 'Load', { input: orders.output, table: 'analytics.orders', writeMode: WriteMode.merge(['order_id']) });
  return workflow;
}

test('isTributaryError is true for what a construct throws on bad input', () => {
  // GIVEN
  const stack = newStack();

  // WHEN
  const error = errorOf(() => ordersSource(stack as any));

  // THEN
  expect(Errors.isTributaryError(error)).toBe(true);
  expect(Errors.isValidationError(error)).toBe(false);
});

test('isTributaryError and isValidationError are false for ordinary values', () => {
  // THEN
  for (const value of [new Error('TRB100'), null, undefined, 'TRB001', 42, {}]) {
    expect(Errors.isTributaryError(value)).toBe(false);
    expect(Errors.isValidationError(value)).toBe(false);
  }
});

test('isValidationError is true for what synthesis throws when validation fails', () => {
  // GIVEN
  const workflow = invalidWorkflow();

  // WHEN
  const error = errorOf(() => Testing.synth(workflow));

  // THEN
  expect(Errors.isValidationError(error)).toBe(true);
  expect(Errors.isTributaryError(error)).toBe(false);
});

test('diagnosticsOf returns the diagnostics of a validation error', () => {
  // GIVEN
  const error = errorOf(() => Testing.synth(invalidWorkflow()));

  // WHEN
  const diagnostics = Errors.diagnosticsOf(error);

  // THEN
  expect(diagnostics.map((d) => [d.code, d.severity, d.path])).toEqual([['TRB011', 'error', 'Test/Pipeline']]);
});

test('diagnosticsOf returns a copy, so callers cannot change the error', () => {
  // GIVEN
  const error = errorOf(() => Testing.synth(invalidWorkflow()));

  // WHEN
  Errors.diagnosticsOf(error).length = 0;

  // THEN
  expect(Errors.diagnosticsOf(error)).toHaveLength(1);
});

test('diagnosticsOf is empty for anything but a validation error', () => {
  // GIVEN
  const tributaryError = errorOf(() => ordersSource(newStack() as any));

  // THEN
  expect(Errors.diagnosticsOf(tributaryError)).toEqual([]);
  expect(Errors.diagnosticsOf(new Error('x'))).toEqual([]);
  expect(Errors.diagnosticsOf(undefined)).toEqual([]);
});
