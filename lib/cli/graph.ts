import * as fs from 'fs';
import * as path from 'path';
import type { Command } from 'commander';
import type { AppOptions } from './core';
import { ExitCode, UsageError } from './exit';
import type { WorkflowGraph } from '../model/workflow-graph';

/** Options of `tributary graph`. */
export interface GraphOptions extends AppOptions {
  readonly format?: string;
  readonly out?: string;
}

const EXTENSIONS: Record<string, string> = { mermaid: 'mmd', dot: 'dot', html: 'html' };

/** Files under `dir`, relative and sorted. */
function listFiles(dir: string, prefix = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

/** Per node, the workflow's artifact files that name it (its file, or a file that holds it as a JSON string). */
export function nodeArtifacts(graph: WorkflowGraph, folder: string): Record<string, string[]> {
  const files = listFiles(folder).map((f) => ({ f, text: fs.readFileSync(path.join(folder, f), 'utf8') }));
  return Object.fromEntries(graph.order.map((id) => [id, files.filter(({ f, text }) => path.basename(f).startsWith(`${id}.`) || text.includes(JSON.stringify(id))).map(({ f }) => f)]));
}

/** `tributary graph`: the workflow drawn as Mermaid, DOT or a self-contained HTML page. */
export function graph(cwd: string, options: GraphOptions): ExitCode {
  const format = options.format ?? 'mermaid';
  if (!(format in EXTENSIONS)) throw new UsageError(`--format ${format}: expected mermaid, dot or html`);
  const { failed, printDiagnostics, resolveAppFile, runApp, withScratchDir, selectWorkflows }: typeof import('./core') = require('./core');
  const appFile = resolveAppFile(cwd, options.app);
  return withScratchDir((dir) => {
    const app = runApp(appFile, dir, options);
    if (failed(app)) {
      printDiagnostics(app, { warnings: false });
      return ExitCode.DIAGNOSTICS;
    }
    const selected = selectWorkflows(app, options.workflow, cwd, appFile);
    if (format === 'html' && options.out === undefined && selected.length > 1) {
      throw new UsageError(`--format html draws one workflow per page: name one with --workflow (${selected.map((w) => w.graph.workflow.id).join(', ')}) or give --out <folder>`);
    }
    const render = (g: WorkflowGraph): string => {
      if (format === 'mermaid') return (require('../targets/graph/mermaid') as typeof import('../targets/graph/mermaid')).renderMermaid(g);
      if (format === 'dot') return (require('../view/dot') as typeof import('../view/dot')).renderDot(g);
      return (require('../view/html') as typeof import('../view/html')).renderHtml(g, nodeArtifacts(g, path.join(dir, 'tributary', g.workflow.id)));
    };
    if (options.out === undefined) {
      process.stdout.write(selected.map((w) => render(w.graph)).join('\n'));
      return ExitCode.OK;
    }
    const out = path.resolve(cwd, options.out);
    fs.mkdirSync(out, { recursive: true });
    for (const { graph: g } of selected) {
      const file = path.join(out, `${g.workflow.id}.${EXTENSIONS[format]}`);
      fs.writeFileSync(file, render(g));
      process.stdout.write(`${path.relative(cwd, file)}\n`);
    }
    return ExitCode.OK;
  });
}

/** Register the verb. */
export function register(program: Command, done: (code: ExitCode) => void): void {
  program.command('graph')
    .description('draw the workflows: Mermaid, Graphviz DOT, or one self-contained HTML page per workflow (nodes by kind and engine, edges by kind, sizes, durations, the critical path; click a node for its props, schema and artifacts)')
    .option('--format <format>', 'mermaid, dot or html', 'mermaid')
    .option('--app <file>', 'the app file (default: the file named in cdk.json, else bin/app.ts)')
    .option('--workflow <id>', 'draw only this workflow')
    .option('--out <folder>', 'write <folder>/<workflow_id>.<mmd|dot|html> and print the paths (default: print to stdout)')
    .addHelpText('after', '\nExit codes: 0 drawn, 1 the app has errors, 2 wrong usage.')
    .action((options: GraphOptions) => done(graph(process.cwd(), options)));
}
