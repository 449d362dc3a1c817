import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Command } from 'commander';
import type { AppOptions } from './core';
import { ExitCode, UsageError } from './exit';

/** Options of `tributary diff`. */
export interface DiffOptions extends AppOptions {
  readonly base?: string;
  readonly head?: string;
  readonly failOn?: string[];
  readonly json?: boolean;
}

/** Run git in `cwd`; undefined when it fails. */
function git(cwd: string, args: string[]): string | undefined {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/**
 * Synthesize the app as it is at git `ref` into `outdir`: the ref checked out in a temporary
 * detached worktree (removed afterwards) with the project's node_modules linked in, and synthesized
 * by the ref's own copy of this CLI when it has one (so that its app and library agree), else by this one.
 */
export function synthesizeRef(cwd: string, ref: string, outdir: string, app: string | undefined): void {
  const top = git(cwd, ['rev-parse', '--show-toplevel']);
  if (top === undefined) throw new UsageError(`--base ${ref}: not a folder, and ${cwd} is not in a git repository`);
  if (git(top, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]) === undefined) throw new UsageError(`--base ${ref}: neither a folder nor a git commit`);
  const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-base-'));
  fs.rmSync(tree, { recursive: true, force: true });
  if (git(top, ['worktree', 'add', '--detach', '--quiet', tree, ref]) === undefined) throw new Error(`git worktree add --detach ${tree} ${ref} failed`);
  try {
    const modules = path.join(top, 'node_modules');
    if (fs.existsSync(modules) && !fs.existsSync(path.join(tree, 'node_modules'))) fs.symlinkSync(modules, path.join(tree, 'node_modules'), 'dir');
    const entry = fs.realpathSync(process.argv[1]);
    const own = path.relative(fs.realpathSync(top), entry);
    const refEntry = !own.startsWith('..') && fs.existsSync(path.join(tree, own)) ? path.join(tree, own) : entry;
    const where = path.join(tree, path.relative(fs.realpathSync(top), fs.realpathSync(cwd)));
    const result = spawnSync(process.execPath, [...process.execArgv, refEntry, 'synth', '--out', outdir, ...(app ? ['--app', app] : [])], { cwd: where, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (result.status !== 0) throw new BaseSynthError(`the app at ${ref} did not synthesize (exit ${result.status}):\n${result.stderr}`);
  } finally {
    git(top, ['worktree', 'remove', '--force', tree]);
    fs.rmSync(tree, { recursive: true, force: true });
    git(top, ['worktree', 'prune']);
  }
}

/** The base side did not synthesize. */
class BaseSynthError extends Error {}

/** `tributary diff`: what changed between a base synthesis (a folder or a git ref) and the app now. */
export function diff(cwd: string, options: DiffOptions): ExitCode {
  try {
    return diffVerb(cwd, options);
  } catch (e) {
    if (e instanceof BaseSynthError) {
      process.stderr.write(`tributary: ${e.message}\n`);
      return ExitCode.DIAGNOSTICS;
    }
    throw e;
  }
}

function diffVerb(cwd: string, options: DiffOptions): ExitCode {
  const lib: typeof import('../diff/diff') = require('../diff/diff');
  if (options.base === undefined) throw new UsageError('diff needs --base <folder | git ref>');
  const failOn = (options.failOn ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  for (const c of failOn) if (!(lib.FAIL_ON as readonly string[]).includes(c)) throw new UsageError(`--fail-on ${c}: expected ${lib.FAIL_ON.join(' or ')}`);
  if (options.head !== undefined && !fs.existsSync(path.resolve(cwd, options.head))) throw new UsageError(`--head ${options.head}: no such folder`);
  const { withScratchDir }: typeof import('./core') = require('./core');
  return withScratchDir((scratch) => {
    const baseFolder = path.resolve(cwd, options.base!);
    let baseDir = baseFolder;
    if (!fs.existsSync(baseFolder) || !fs.statSync(baseFolder).isDirectory()) {
      baseDir = path.join(scratch, 'base');
      synthesizeRef(cwd, options.base!, baseDir, options.app);
    }
    let headDir: string;
    if (options.head !== undefined) {
      headDir = path.resolve(cwd, options.head);
    } else {
      const { failed, printDiagnostics, resolveAppFile, runApp }: typeof import('./core') = require('./core');
      headDir = path.join(scratch, 'head');
      const run = runApp(resolveAppFile(cwd, options.app), headDir, options);
      if (failed(run)) {
        printDiagnostics(run, { warnings: false });
        return ExitCode.DIAGNOSTICS;
      }
    }
    const result = lib.diffSyntheses(baseDir, headDir, { base: options.base!, head: options.head ?? 'the app' });
    const failures = lib.failuresOf(result, failOn);
    if (options.json) process.stdout.write(`${JSON.stringify({ ok: failures.length === 0, failures, ...result }, undefined, 2)}\n`);
    else {
      process.stdout.write(lib.formatDiff(result));
      for (const f of failures) process.stderr.write(`tributary: --fail-on ${f}\n`);
    }
    return failures.length === 0 ? ExitCode.OK : ExitCode.DIAGNOSTICS;
  });
}

/** Register the verb. */
export function register(program: Command, done: (code: ExitCode) => void): void {
  program.command('diff')
    .description('what changed between two syntheses, from their models: nodes, schemas, sizing, retries, edges, gates, affected downstream nodes and sinks, artifacts; Markdown for a review comment')
    .option('--base <folder | git ref>', 'the synthesis to compare with: a folder (cdk.out or its tributary/), or a git ref whose app is synthesized in a temporary worktree')
    .option('--head <folder>', 'compare with this synthesis folder instead of synthesizing the app now')
    .option('--app <file>', 'the app file (default: the file named in cdk.json, else bin/app.ts)')
    .option('--fail-on <conditions>', 'exit 1 when the diff has any of: sink-change (a sink added, removed or changed), gate-removed (a check no longer gates a sink); comma-separated or repeated', (v: string, all: string[] = []) => [...all, v])
    .option('--json', 'print the diff as JSON on stdout')
    .addHelpText('after', '\nExit codes: 0 compared (and no --fail-on condition met), 1 a --fail-on condition met or an app has errors, 2 wrong usage.')
    .action((options: DiffOptions) => done(diff(process.cwd(), options)));
}
