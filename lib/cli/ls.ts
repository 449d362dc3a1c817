import type { Command } from 'commander';
import type { AppOptions } from './core';
import { ExitCode } from './exit';

/** Options of `tributary ls`. */
export interface LsOptions extends AppOptions {
  readonly json?: boolean;
}

/** `tributary ls`: the app's workflows and their nodes, in run order. */
export function ls(cwd: string, options: LsOptions): ExitCode {
  const { failed, printDiagnostics, printJson, resolveAppFile, runApp, withScratchDir, workflowsOf }: typeof import('./core') = require('./core');
  const appFile = resolveAppFile(cwd, options.app);
  const run = withScratchDir((dir) => runApp(appFile, dir, options));
  // Construct errors and crashes stop the app before its workflows are complete: nothing to list.
  const listable = run.crash === undefined && run.errors.every((d) => !d.code.startsWith('TRB1'));
  const workflows = listable ? workflowsOf(run).map(({ graph }) => ({
    id: graph.workflow.id,
    path: graph.workflow.path,
    schedule: graph.workflow.schedule,
    nodes: [...graph.order, ...graph.nodes.map((n) => n.id).filter((id) => !graph.order.includes(id)).sort()].map((id) => graph.node(id)).map((n) => ({ id: n.id, kind: n.kind, type: n.type, path: n.path, upstream: n.upstream })),
  })) : [];
  if (options.json) {
    printJson({ ok: !failed(run), workflows });
  } else {
    for (const w of workflows) {
      process.stdout.write(`${w.id}  ${w.path}  (${w.schedule}, ${w.nodes.length} nodes)\n`);
      for (const n of w.nodes) {
        process.stdout.write(`  ${n.id.padEnd(24)} ${n.type.padEnd(14)} ${n.upstream.length > 0 ? `after ${n.upstream.join(', ')}` : ''}`.trimEnd() + '\n');
      }
    }
    if (failed(run)) printDiagnostics(run, { warnings: false });
  }
  return failed(run) ? ExitCode.DIAGNOSTICS : ExitCode.OK;
}

/** Register the verb. */
export function register(program: Command, done: (code: ExitCode) => void): void {
  program.command('ls')
    .description('list the workflows of the app and their nodes, in run order')
    .option('--app <file>', 'the app file (default: the file named in cdk.json, else bin/app.ts)')
    .option('--json', 'print the list as JSON on stdout')
    .action((options: LsOptions) => done(ls(process.cwd(), options)));
}
