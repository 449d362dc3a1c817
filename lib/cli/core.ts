import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Stage } from 'aws-cdk-lib/core';
import type { IConstruct } from 'constructs';
import { resolveAppFile } from './app-file';
import { ExitCode, UsageError } from './exit';
import { registerTypeScript } from './transpile';
import { TributaryError } from '../core/errors';
import { Workflow } from '../core/workflow';
import type { WorkflowGraph } from '../model/workflow-graph';
import { countWords, docsLink, formatCompilerStyle } from '../synth/diagnostic-text';
import { endSession, startSession, underCdkCli } from '../synth/session';
import { Diagnostic, DiagnosticSeverity } from '../validation/diagnostic';
import { sortDiagnostics } from '../validation/format';
import { ValidationError } from '../validation/validation-error';


/** What running the user's app found. */
export interface AppRun {
  /** The app file that ran, absolute. */
  readonly appFile: string;
  /** Every construct tree root that holds a workflow. */
  readonly roots: IConstruct[];
  /** Errors: validation errors, or the construct error that stopped the app. Empty when it synthesized. */
  readonly errors: Diagnostic[];
  /** Unacknowledged warnings, each once. */
  readonly warnings: Diagnostic[];
  /** Anything else the app threw (a bug in the app, not a Tributary diagnostic). */
  readonly crash?: Error;
}

/** Options shared by the verbs that run the app. */
export interface AppOptions {
  readonly app?: string;
  readonly strict?: boolean;
  readonly workflow?: string;
}

/**
 * Run the user's app (TypeScript through the fast transpiler) with its output folder set to
 * `outdir`, and synthesize every app it built but did not synthesize itself. Errors, warnings and
 * anything the app throws are collected, not printed.
 */
export function runApp(appFile: string, outdir: string, options: AppOptions = {}): AppRun {
  registerTypeScript();
  // A CDK App with no outdir of its own writes where CDK_OUTDIR says; the CLI never leaves it to a temporary folder.
  process.env.CDK_OUTDIR = outdir;
  // aws-cdk-lib's built-in CloudFormation check costs seconds per synth; the inner loop skips it unless asked for.
  process.env.CDK_VALIDATION ??= 'false';
  const session = startSession({ strict: options.strict, onlyWorkflow: options.workflow });
  const errors: Diagnostic[] = [];
  let crash: Error | undefined;
  const attempt = (f: () => void): boolean => {
    try {
      f();
      return true;
    } catch (e) {
      if (ValidationError.isValidationError(e)) errors.push(...e.diagnostics);
      else if (TributaryError.isTributaryError(e)) errors.push(constructErrorDiagnostic(e));
      else crash = e instanceof Error ? e : new Error(String(e));
      return false;
    }
  };
  try {
    if (attempt(() => require(appFile))) {
      for (const root of session.roots) {
        if (!session.validated.has(root) && Stage.isStage(root) && !attempt(() => root.synth())) break;
      }
    }
  } finally {
    endSession();
  }
  return { appFile, roots: session.roots, errors: sortDiagnostics(errors), warnings: sortDiagnostics(session.warnings), crash };
}

/** A construct-time error (TRB1xx) as a diagnostic. */
function constructErrorDiagnostic(e: TributaryError): Diagnostic {
  const prefix = `${e.code} [${e.constructPath}]${e.location ? ` (${e.location})` : ''} `;
  const message = e.message.startsWith(prefix) ? e.message.slice(prefix.length).split('\n  fix: ')[0] : e.message;
  return { code: e.code, severity: DiagnosticSeverity.ERROR, path: e.constructPath, location: e.location, message, fix: e.fix };
}

/** The workflows of the app, with their models, in construct-tree order. */
export function workflowsOf(run: AppRun): { workflow: Workflow; graph: WorkflowGraph }[] {
  return run.roots.flatMap((root) => root.node.findAll().filter(Workflow.isWorkflow)).map((workflow) => ({ workflow, graph: workflow.toGraph() }));
}

/**
 * The workflows of the app that `--workflow` names (all of them when it is not given); a usage error
 * when there are none: the app has no workflow, or `--workflow` names none of them (the error lists them).
 */
export function selectWorkflows(run: AppRun, wanted: string | undefined, cwd: string, appFile: string): { workflow: Workflow; graph: WorkflowGraph }[] {
  const all = workflowsOf(run);
  const selected = all.filter((w) => wanted === undefined || w.graph.workflow.id === wanted);
  if (selected.length === 0) {
    throw new UsageError(`no workflow${wanted === undefined ? '' : ` '${wanted}'`} in ${path.relative(cwd, appFile)}; its workflows: ${all.map((w) => w.graph.workflow.id).join(', ') || 'none'}`);
  }
  return selected;
}

/** Run `f` with a temporary output folder, removed afterwards: for the verbs that write nothing. */
export function withScratchDir<T>(f: (dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-'));
  try {
    return f(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A diagnostic as plain JSON, for `--json`. */
export function diagnosticJson(d: Diagnostic): Record<string, unknown> {
  return { code: d.code, severity: d.severity, path: d.path, location: d.location ?? null, message: d.message, fix: d.fix, docs: docsLink(d.code) };
}

/** Print the app's errors and warnings, compiler style, to stderr; then the crash, if any. */
export function printDiagnostics(run: AppRun, { warnings = true } = {}): void {
  const shown = [...run.errors, ...(warnings ? run.warnings : [])];
  for (const d of shown) process.stderr.write(`${formatCompilerStyle(d)}\n\n`);
  if (run.crash) process.stderr.write(`${run.appFile} threw:\n${run.crash.stack ?? run.crash.message}\n\n`);
  if (run.errors.length > 0) {
    process.stderr.write(`Tributary found ${countWords(run.errors.length, run.warnings.length)}; nothing was written.\n`);
  }
}

/** Whether the app failed: an error, a crash, or (with --strict) a warning. */
export function failed(run: AppRun): boolean {
  return run.errors.length > 0 || run.crash !== undefined;
}

/** True when this process runs under the AWS CDK CLI, which prints annotations itself. */
export { ExitCode, UsageError, resolveAppFile, underCdkCli };

/** Print `value` as JSON on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, undefined, 2)}\n`);
}
