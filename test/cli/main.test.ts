import { cli } from '../support/cli';
import { tempDir } from '../fixtures';

const VERBS = ['init', 'new', 'synth', 'validate', 'ls', 'watch'];

test('every verb has --help, which exits 0 and shows its usage', () => {
  // GIVEN an empty folder
  const dir = tempDir();

  for (const verb of VERBS) {
    // WHEN
    const result = cli([verb, '--help'], dir);

    // THEN
    expect({ verb, status: result.status, usage: result.stdout.split('\n')[0] }).toEqual({ verb, status: 0, usage: expect.stringMatching(new RegExp(`^Usage: tributary ${verb} `)) });
  }
});

test('the top-level help lists every verb and the exit codes', () => {
  // WHEN
  const result = cli(['--help'], tempDir());

  // THEN
  expect(result.status).toBe(0);
  for (const verb of VERBS) expect(result.stdout).toMatch(new RegExp(`^ {2}${verb} `, 'm'));
  expect(result.stdout).toContain('Exit codes: 0 ok, 1 errors in the app (or warnings with --strict), 2 wrong usage.');
});

test('an unknown verb, an unknown option or a missing argument is a usage error: exit 2, with a hint on stderr', () => {
  // GIVEN
  const dir = tempDir();

  // WHEN
  const verb = cli(['deploy'], dir);
  const option = cli(['synth', '--fast'], dir);
  const argument = cli(['init'], dir);

  // THEN
  expect([verb.status, option.status, argument.status]).toEqual([2, 2, 2]);
  expect(verb.stderr).toContain("unknown command 'deploy'");
  expect(option.stderr).toContain("unknown option '--fast'");
  expect(argument.stderr).toContain("missing required argument 'dir'");
  expect(option.stderr).toContain('(add --help for usage)');
});

test('--version prints the package version', () => {
  // WHEN
  const result = cli(['--version'], tempDir());

  // THEN
  expect(result).toEqual({ status: 0, stdout: `${require('../../package.json').version}\n`, stderr: '' });
});
