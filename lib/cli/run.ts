import type { Command } from 'commander';
import type { AppOptions } from './core';
import { ExitCode, UsageError, withUsageErrors } from './exit';
import type { LocalRunResult } from '../testing/local-run-types';

/** Options of `tributary run`. */
export interface RunOptions extends AppOptions {
  readonly local?: boolean;
  readonly date?: string;
  readonly fail?: string[];
  readonly json?: boolean;
}

/** `YYYY-MM-DD` of a real calendar date. */
export function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** `node[:times]` options as node id → times (1 when not given). */
export function parseFailures(values: readonly string[]): Map<string, number> {
  const failures = new Map<string, number>();
  for (const value of values) {
    const match = /^([^:]+)(?::(\d+))?$/.exec(value);
    if (!match || (match[2] !== undefined && Number(match[2]) < 1)) throw new UsageError(`--fail ${value}: expected <node id> or <node id>:<times> (times ≥ 1)`);
    failures.set(match[1], match[2] === undefined ? 1 : Number(match[2]));
  }
  return failures;
}

/**
 * `tributary run --local`: rehearse the run of a date offline, each workflow's Step Functions
 * definitions in aws-local-stepfunctions with stub service calls, and print the ordered trace.
 */
export async function run(cwd: string, options: RunOptions): Promise<ExitCode> {
  return withUsageErrors(() => runLocal(cwd, options));
}

async function runLocal(cwd: string, options: RunOptions): Promise<ExitCode> {
  if (!options.local) throw new UsageError('run needs --local: Tributary runs a workflow only locally; deployed runs are the orchestrators\'');
  if (options.date === undefined || !isDate(options.date)) throw new UsageError(`--date ${options.date ?? ''}: expected a calendar date YYYY-MM-DD`.replace('--date :', '--date:'));
  const failures = parseFailures(options.fail ?? []);
  const { failed, printDiagnostics, printJson, resolveAppFile, runApp, withScratchDir, selectWorkflows }: typeof import('./core') = require('./core');
  const { runLocally }: typeof import('../testing/local-run') = require('../testing/local-run');
  const appFile = resolveAppFile(cwd, options.app);
  const app = withScratchDir((dir) => runApp(appFile, dir, options));
  if (failed(app)) {
    if (options.json) printJson({ ok: false, runs: [] });
    printDiagnostics(app, { warnings: false });
    return ExitCode.DIAGNOSTICS;
  }
  const selected = selectWorkflows(app, options.workflow, cwd, appFile);
  for (const id of failures.keys()) {
    if (!selected.some((w) => w.graph.hasNode(id))) throw new UsageError(`--fail ${id}: no node '${id}' in ${selected.map((w) => w.graph.workflow.id).join(', ')}`);
  }
  const runs: LocalRunResult[] = [];
  for (const { graph } of selected) {
    const mine = Object.fromEntries([...failures].filter(([id]) => graph.hasNode(id)));
    runs.push(await runLocally(graph, { date: options.date, failures: mine }));
  }
  const ok = runs.every((r) => r.succeeded && r.airflowOrderViolations.length === 0);
  if (options.json) {
    printJson({ ok, date: options.date, runs });
  } else {
    for (const r of runs) process.stdout.write(formatRun(r));
  }
  return ok ? ExitCode.OK : ExitCode.DIAGNOSTICS;
}

/** A run as text: its outcome, then one line per attempt in start order, then the Airflow check. */
export function formatRun(r: LocalRunResult): string {
  const lines = [`${r.workflow} ${r.date}: ${r.succeeded ? 'succeeded' : 'FAILED'} (${r.trace.length} attempts)`];
  for (const s of r.trace) {
    lines.push(`  ${String(s.start).padStart(4)}-${String(s.end).padEnd(4)} ${s.node.padEnd(28)} attempt ${s.attempt}  ${s.outcome}${s.error ? `  ${s.error}` : ''}`);
  }
  if (!r.succeeded) lines.push(`  error: ${r.error}`);
  lines.push(r.airflowOrderViolations.length === 0
    ? '  airflow: the same order is valid for the Airflow DAG'
    : `  airflow: the order breaks the Airflow DAG:\n${r.airflowOrderViolations.map((v) => `    ${v}`).join('\n')}`);
  return `${lines.join('\n')}\n`;
}

/** Register the verb. */
export function register(program: Command, done: (code: ExitCode) => void): void {
  program.command('run')
    .description('rehearse the run of a date offline: the Step Functions definitions in aws-local-stepfunctions, service calls stubbed, failures injected; print the ordered trace')
    .option('--app <file>', 'the app file (default: the file named in cdk.json, else bin/app.ts)')
    .option('--local', 'run locally (required: the only kind of run)')
    .option('--date <YYYY-MM-DD>', 'the logical date of the run')
    .option('--workflow <id>', 'run only this workflow')
    .option('--fail <node[:times]>', 'make the node\'s first <times> attempts fail (default 1); repeatable', (v: string, all: string[] = []) => [...all, v])
    .option('--json', 'print the runs as JSON on stdout')
    .addHelpText('after', '\nExit codes: 0 every run succeeded in an order valid for Airflow, 1 a run failed (or the app has errors), 2 wrong usage.')
    .action(async (options: RunOptions) => done(await run(process.cwd(), options)));
}
