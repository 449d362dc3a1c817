#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { ExitCode, UsageError } from './exit';
import * as diffVerb from './diff';
import * as graphVerb from './graph';
import * as init from './init';
import * as ls from './ls';
import * as newNode from './new';
import * as planVerb from './plan';
import * as runVerb from './run';
import * as synth from './synth';
import * as validate from './validate';
import * as watch from './watch';

/** The `tributary` command line: one verb per file in this folder. */
export function program(done: (code: ExitCode) => void): Command {
  const cli = new Command('tributary')
    .description('Declare daily batch data workflows as constructs; synthesize, validate and list them.')
    .version(require('../../package.json').version)
    .addHelpText('after', '\nExit codes: 0 ok, 1 errors in the app (or warnings with --strict), 2 wrong usage.')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  for (const verb of [init, newNode, synth, validate, ls, graphVerb, diffVerb, planVerb, runVerb, watch]) verb.register(cli, done);
  for (const command of cli.commands) command.exitOverride().showHelpAfterError('(add --help for usage)');
  return cli;
}

/** Run the CLI with `argv` (as process.argv) and exit with the verb's exit code. */
export function main(argv: string[]): void {
  const exit = (code: number): never => process.exit(code);
  try {
    program(exit).parse(argv);
  } catch (e) {
    if (e instanceof CommanderError) exit(e.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE);
    if (e instanceof UsageError) {
      process.stderr.write(`tributary: ${e.message}\n`);
      exit(ExitCode.USAGE);
    }
    throw e;
  }
}

if (require.main === module) main(process.argv);
