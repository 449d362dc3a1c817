import { spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { Command } from 'commander';
import type { AppOptions } from './core';
import { ExitCode } from './exit';
import { resolveAppFile } from './app-file';
import { formatCompilerStyle } from '../synth/diagnostic-text';
import type { Diagnostic } from '../validation/diagnostic';

/** Options of `tributary watch`. */
export interface WatchOptions extends AppOptions {
  readonly out?: string;
  /** Stop after this many synths (for scripts and tests). */
  readonly maxRuns?: string;
}

/** What one synth produced: diagnostics by their text, and a hash of every written file. */
interface Snapshot {
  readonly exitCode: number;
  readonly diagnostics: Map<string, string>;
  readonly files: Map<string, string>;
  readonly crash: string | null;
}

/**
 * `tributary watch`: synthesize (and so validate) the app, then again on every save of a
 * `.ts`/`.js`/`.json` file of the project, printing only what changed: diagnostics that appeared
 * or went away, and artifacts added, changed or removed. Each synth runs in a fresh process, so
 * the app's modules are loaded anew.
 */
export function watch(cwd: string, options: WatchOptions, done: (code: ExitCode) => void): void {
  const appFile = resolveAppFile(cwd, options.app);
  const outdir = path.resolve(cwd, options.out ?? 'cdk.out');
  const maxRuns = options.maxRuns === undefined ? Infinity : Number(options.maxRuns);
  let previous: Snapshot | undefined;
  let runs = 0;
  let timer: NodeJS.Timeout | undefined;
  const watcher = fs.watch(cwd, { recursive: true }, (_event, file) => {
    const name = String(file ?? '');
    if (!/\.(ts|js|json)$/.test(name) || /(^|[/\\])(node_modules|cdk\.out|\.git)([/\\]|$)/.test(name) || name.startsWith(path.relative(cwd, outdir) + path.sep)) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(once, 100);
  });
  const once = () => {
    runs++;
    const current = synthOnce(cwd, appFile, outdir, options);
    report(previous, current);
    previous = current;
    if (runs >= maxRuns) {
      watcher.close();
      done(current.exitCode === 0 ? ExitCode.OK : ExitCode.DIAGNOSTICS);
    } else {
      process.stdout.write('watching for changes…\n');
    }
  };
  once();
}

/** One synth, in a child process running this CLI with the same Node options. */
function synthOnce(cwd: string, appFile: string, outdir: string, options: WatchOptions): Snapshot {
  const args = [...process.execArgv, process.argv[1], 'synth', '--json', '--app', appFile, '--out', outdir, ...(options.strict ? ['--strict'] : [])];
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  let parsed: { errors: Diagnostic[]; warnings: Diagnostic[]; workflows: { directory: string; files: string[] }[]; crash: string | null };
  try {
    parsed = JSON.parse(result.stdout);
  } catch {
    parsed = { errors: [], warnings: [], workflows: [], crash: result.stderr.trim() || `exit code ${result.status}` };
  }
  const diagnostics = new Map<string, string>();
  for (const d of [...parsed.errors, ...parsed.warnings]) diagnostics.set(`${d.severity} ${d.code} ${d.path} ${d.message}`, formatCompilerStyle(d));
  const files = new Map<string, string>();
  for (const w of parsed.workflows) {
    for (const f of w.files) {
      const file = path.join(w.directory, f);
      files.set(file, crypto.createHash('sha256').update(fs.readFileSync(path.resolve(cwd, file))).digest('hex'));
    }
  }
  return { exitCode: result.status ?? 1, diagnostics, files, crash: parsed.crash };
}

/** Print what differs between two synths (everything, the first time). */
function report(before: Snapshot | undefined, after: Snapshot): void {
  const out: string[] = [];
  const old = before?.diagnostics ?? new Map<string, string>();
  for (const [key, text] of after.diagnostics) if (!old.has(key)) out.push(`+ ${text.replace(/\n/g, '\n  ')}`);
  for (const [key, text] of old) if (!after.diagnostics.has(key)) out.push(`- fixed: ${text.split('\n')[0]}`);
  if (after.crash && after.crash !== before?.crash) out.push(`! the app threw: ${after.crash}`);
  if (after.exitCode === 0) {
    const files = before?.files ?? new Map<string, string>();
    for (const [file, hash] of after.files) {
      if (!files.has(file)) out.push(`  written ${file}`);
      else if (files.get(file) !== hash) out.push(`  changed ${file}`);
    }
    for (const file of files.keys()) if (!after.files.has(file)) out.push(`  removed ${file}`);
  }
  if (out.length === 0) out.push('no change');
  process.stdout.write(`${out.join('\n')}\n${after.exitCode === 0 ? 'ok' : 'failed: nothing was written'}\n`);
}

/** Register the verb. */
export function register(program: Command, done: (code: ExitCode) => void): void {
  program.command('watch')
    .description('synthesize and validate on every save, printing only what changed')
    .option('--app <file>', 'the app file (default: the file named in cdk.json, else bin/app.ts)')
    .option('--out <dir>', 'output folder (default: cdk.out)')
    .option('--strict', 'treat warnings as errors')
    .option('--max-runs <n>', 'stop after n synths (default: run until interrupted)')
    .action((options: WatchOptions) => watch(process.cwd(), options, done));
}
