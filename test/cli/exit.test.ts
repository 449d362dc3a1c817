import { ExitCode, UsageError } from '../../lib/cli/exit';

test('exit codes are 0 ok, 1 diagnostics, 2 usage', () => {
  expect([ExitCode.OK, ExitCode.DIAGNOSTICS, ExitCode.USAGE]).toEqual([0, 1, 2]);
});

test('a usage error is an Error with its message', () => {
  // WHEN
  const error = new UsageError('no such verb');

  // THEN
  expect(error).toBeInstanceOf(Error);
  expect(error.message).toBe('no such verb');
});
