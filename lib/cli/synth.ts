import * as fs from 'fs';
import * as path from 'path';
import type { Command } from 'commander';
import type { AppOptions } from './core';
import { ExitCode } from './exit';

/** Options of `tributary synth`. */
export interface SynthOptions extends AppOptions {
  readonly out?: string;
  readonly json?: boolean;
}

/** `tributary synth`: every artifact of the app, into cdk.out/ (or --out), without the CDK CLI. */
export function synth(cwd: string, options: SynthOptions): ExitCode {
  const { diagnosticJson, failed, printDiagnostics, printJson, resolveAppFile, runApp, selectWorkflows, underCdkCli, workflowsOf }: typeof import('./core') = require('./core');
  const appFile = resolveAppFile(cwd, options.app);
  // Under `cdk synth` (cdk.json's app is this command) the CDK CLI says where to write.
  const outdir = path.resolve(cwd, options.out ?? process.env.CDK_OUTDIR ?? 'cdk.out');
  const run = runApp(appFile, outdir, options);
  const workflows = failed(run) ? [] : workflowsOf(run);
  if (!failed(run) && options.workflow !== undefined) selectWorkflows(run, options.workflow, cwd, appFile);
  const written = workflows
    .filter((w) => options.workflow === undefined || w.graph.workflow.id === options.workflow)
    .map(({ graph }) => {
      const directory = path.join(outdir, 'tributary', graph.workflow.id);
      return { id: graph.workflow.id, path: graph.workflow.path, directory: path.relative(cwd, directory), files: listFiles(directory) };
    });
  if (options.json) {
    printJson({
      ok: !failed(run),
      app: path.relative(cwd, appFile),
      outdir: path.relative(cwd, outdir) || '.',
      workflows: written,
      errors: run.errors.map(diagnosticJson),
      warnings: run.warnings.map(diagnosticJson),
      crash: run.crash ? run.crash.message : null,
    });
  } else {
    // Under `cdk synth` the CDK CLI prints each warning (an annotation) itself, and stdout is its own.
    printDiagnostics(run, { warnings: !underCdkCli() });
    if (!failed(run)) {
      const out = underCdkCli() ? process.stderr : process.stdout;
      out.write(`Synthesized ${written.length} workflow${written.length === 1 ? '' : 's'} to ${path.relative(cwd, outdir) || '.'}/tributary/: ${written.map((w) => w.id).join(', ')}\n`);
    }
  }
  return failed(run) ? ExitCode.DIAGNOSTICS : ExitCode.OK;
}

/** Files under `dir`, relative and sorted. */
function listFiles(dir: string, prefix = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

/** Register the verb. */
export function register(program: Command, done: (code: ExitCode) => void): void {
  program.command('synth')
    .description('synthesize every artifact of the app (CloudFormation and each workflow\'s folder) without the CDK CLI')
    .option('--app <file>', 'the app file (default: the file named in cdk.json, else bin/app.ts)')
    .option('--out <dir>', 'output folder (default: cdk.out, or CDK_OUTDIR under cdk synth)')
    .option('--workflow <id>', 'write only this workflow\'s artifacts (every workflow is still validated)')
    .option('--strict', 'treat warnings as errors: nothing is written')
    .option('--json', 'print the result as JSON on stdout')
    .action((options: SynthOptions) => done(synth(process.cwd(), options)));
}
