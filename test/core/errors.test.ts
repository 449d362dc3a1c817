import { TributaryError } from '../../lib/core/errors';

test('the message holds the code, the path, the location, the problem and the fix', () => {
  // WHEN
  const error = new TributaryError('TRB101', 'Stack/Pipeline/Load', 'retries is -1', 'set retries to 0..10', 'test/x.ts:3:5');

  // THEN
  expect(error.message).toBe('TRB101 [Stack/Pipeline/Load] (test/x.ts:3:5) retries is -1\n  fix: set retries to 0..10');
});

test('the message leaves out the location when it is unknown', () => {
  // WHEN
  const error = new TributaryError('TRB100', 'Stack/Orphan', 'not inside a Workflow', 'move it');

  // THEN
  expect(error.message).toBe('TRB100 [Stack/Orphan] not inside a Workflow\n  fix: move it');
  expect(error.location).toBeUndefined();
});

test('the fields carry code, construct path, location and fix', () => {
  // WHEN
  const error = new TributaryError('TRB104', 'A/B', 'bad', 'fix it', 'f.ts:1:2');

  // THEN
  expect(error).toMatchObject({ code: 'TRB104', constructPath: 'A/B', location: 'f.ts:1:2', fix: 'fix it', name: 'TributaryError' });
});

test('a TributaryError is an Error and an instance of its own class', () => {
  // WHEN
  const error = new TributaryError('TRB104', 'A/B', 'bad', 'fix it');

  // THEN
  expect(error).toBeInstanceOf(Error);
  expect(error).toBeInstanceOf(TributaryError);
  expect(error.stack).toContain('TRB104');
});

test('isTributaryError is true for a TributaryError and false for other values', () => {
  // THEN
  expect(TributaryError.isTributaryError(new TributaryError('TRB104', 'A', 'p', 'f'))).toBe(true);
  expect(TributaryError.isTributaryError(new Error('TRB104 [A] p'))).toBe(false);
  expect(TributaryError.isTributaryError({ code: 'TRB104', constructPath: 'A' })).toBe(false);
  expect(TributaryError.isTributaryError(null)).toBe(false);
  expect(TributaryError.isTributaryError(undefined)).toBe(false);
  expect(TributaryError.isTributaryError('TRB104')).toBe(false);
});

test('isTributaryError recognises an error from another copy of the library by its symbol', () => {
  // GIVEN an object marked the way another copy of the library marks its errors
  const foreign = new Error('TRB104 [A] p');
  Object.defineProperty(foreign, Symbol.for('tributary.TributaryError'), { value: true });

  // THEN
  expect(TributaryError.isTributaryError(foreign)).toBe(true);
});
