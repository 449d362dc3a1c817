import type { Command } from 'commander';
import type { AppOptions } from './core';
import { ExitCode, UsageError, withUsageErrors } from './exit';
import { isDate } from './run';
import type { BackfillPlan, EmrPrices, RunPlan } from '../plan/plan';

/** Options of `tributary plan`. */
export interface PlanOptions extends AppOptions {
  readonly date?: string;
  readonly from?: string;
  readonly to?: string;
  readonly priceVcpuHour?: string;
  readonly priceGbHour?: string;
  readonly priceStorageGbHour?: string;
  readonly json?: boolean;
}

/** A price flag as a non-negative number. */
function price(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new UsageError(`${flag} ${value}: expected a price in USD, a number ≥ 0`);
  return n;
}

/**
 * `tributary plan`: what the run of a date does (tasks in the order they may start, with their SQL,
 * arguments, partitions, Spark sizing and estimated cost), or what a backfill does.
 */
export async function plan(cwd: string, options: PlanOptions): Promise<ExitCode> {
  return withUsageErrors(() => planVerb(cwd, options));
}

async function planVerb(cwd: string, options: PlanOptions): Promise<ExitCode> {
  const backfill = options.from !== undefined || options.to !== undefined;
  if (backfill === (options.date !== undefined)) throw new UsageError('plan needs either --date YYYY-MM-DD or --from YYYY-MM-DD --to YYYY-MM-DD');
  for (const [flag, value] of [['--date', options.date], ['--from', options.from], ['--to', options.to]] as const) {
    if ((value !== undefined || (backfill && flag !== '--date')) && !isDate(value ?? '')) throw new UsageError(`${flag} ${value ?? ''}: expected a calendar date YYYY-MM-DD`.replace(' :', ':'));
  }
  if (backfill && options.from! > options.to!) throw new UsageError(`--from ${options.from} is after --to ${options.to}`);
  const lib: typeof import('../plan/plan') = require('../plan/plan');
  const base = lib.EMR_SERVERLESS_PRICES;
  const prices: EmrPrices = {
    vcpuHour: price('--price-vcpu-hour', options.priceVcpuHour, base.vcpuHour),
    gbHour: price('--price-gb-hour', options.priceGbHour, base.gbHour),
    storageGbHour: price('--price-storage-gb-hour', options.priceStorageGbHour, base.storageGbHour),
  };
  const { failed, printDiagnostics, printJson, resolveAppFile, runApp, withScratchDir, selectWorkflows }: typeof import('./core') = require('./core');
  const appFile = resolveAppFile(cwd, options.app);
  const app = withScratchDir((dir) => runApp(appFile, dir, options));
  if (failed(app)) {
    if (options.json) printJson({ ok: false, plans: [] });
    printDiagnostics(app, { warnings: false });
    return ExitCode.DIAGNOSTICS;
  }
  const selected = selectWorkflows(app, options.workflow, cwd, appFile);
  const plans: Array<RunPlan | BackfillPlan> = [];
  for (const { graph } of selected) {
    plans.push(backfill ? lib.planBackfill(graph, options.from!, options.to!, prices) : await lib.planRun(graph, options.date!, prices));
  }
  if (options.json) printJson({ ok: true, plans });
  else process.stdout.write(plans.map((p) => ('runs' in p ? lib.formatBackfillPlan(p) : lib.formatRunPlan(p))).join('\n'));
  return ExitCode.OK;
}

/** Register the verb. */
export function register(program: Command, done: (code: ExitCode) => void): void {
  program.command('plan')
    .description('show what the run of a date does, as the orchestrators would run it (or, with --from/--to, what a backfill does): tasks by wave, resolved SQL and arguments, partitions, Spark sizing, estimated cost')
    .option('--app <file>', 'the app file (default: the file named in cdk.json, else bin/app.ts)')
    .option('--date <YYYY-MM-DD>', 'the logical date of the run')
    .option('--from <YYYY-MM-DD>', 'a backfill\'s first logical date (runs start at the workflow\'s startDate if later)')
    .option('--to <YYYY-MM-DD>', 'a backfill\'s last logical date')
    .option('--workflow <id>', 'plan only this workflow')
    .option('--price-vcpu-hour <usd>', 'EMR Serverless price per vCPU-hour (default: us-east-1 list price 0.052624)')
    .option('--price-gb-hour <usd>', 'EMR Serverless price per GB-hour of memory (default: us-east-1 list price 0.0057785)')
    .option('--price-storage-gb-hour <usd>', 'EMR Serverless price per GB-hour of storage beyond 20 GB per worker (default: us-east-1 list price 0.000111)')
    .option('--json', 'print the plans as JSON on stdout')
    .addHelpText('after', '\nExit codes: 0 planned, 1 the app has errors, 2 wrong usage.')
    .action(async (options: PlanOptions) => done(await plan(process.cwd(), options)));
}
