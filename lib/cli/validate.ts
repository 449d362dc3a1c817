import * as path from 'path';
import type { Command } from 'commander';
import type { AppOptions } from './core';
import { ExitCode } from './exit';
import { countWords } from '../synth/diagnostic-text';

/** Options of `tributary validate`. */
export interface ValidateOptions extends AppOptions {
  readonly json?: boolean;
}

/** `tributary validate`: every error and warning of the app, compiler style; nothing is written to the project. */
export function validate(cwd: string, options: ValidateOptions): ExitCode {
  const { diagnosticJson, failed, printDiagnostics, printJson, resolveAppFile, runApp, withScratchDir }: typeof import('./core') = require('./core');
  const appFile = resolveAppFile(cwd, options.app);
  const run = withScratchDir((dir) => runApp(appFile, dir, options));
  if (options.json) {
    printJson({
      ok: !failed(run),
      app: path.relative(cwd, appFile),
      errors: run.errors.map(diagnosticJson),
      warnings: run.warnings.map(diagnosticJson),
      crash: run.crash ? run.crash.message : null,
    });
  } else {
    printDiagnostics(run);
    if (!failed(run)) process.stdout.write(`${path.relative(cwd, appFile)}: ${countWords(0, run.warnings.length)}\n`);
  }
  return failed(run) ? ExitCode.DIAGNOSTICS : ExitCode.OK;
}

/** Register the verb. */
export function register(program: Command, done: (code: ExitCode) => void): void {
  program.command('validate')
    .description('check the app and print its errors and warnings as file:line:col: severity CODE message')
    .option('--app <file>', 'the app file (default: the file named in cdk.json, else bin/app.ts)')
    .option('--strict', 'treat warnings as errors')
    .option('--json', 'print the diagnostics as JSON on stdout')
    .action((options: ValidateOptions) => done(validate(process.cwd(), options)));
}
