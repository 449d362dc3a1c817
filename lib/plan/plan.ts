import { NodeKind } from '../core/engine';
import type { GraphNode } from '../model/graph';
import type { WorkflowGraph } from '../model/workflow-graph';
import { effectiveWorkers, planJob } from '../targets/emr/jobs';
import { overheadMib } from '../targets/emr/sizing';
import { runLocally } from '../testing/local-run';

/**
 * EMR Serverless list prices, us-east-1, x86 (https://aws.amazon.com/emr/pricing/, "Amazon EMR
 * Serverless"): per vCPU-hour, per GB-hour of memory, and per GB-hour of ephemeral storage beyond
 * the 20 GB every worker has free. Each can be overridden.
 */
export const EMR_SERVERLESS_PRICES: EmrPrices = {
  vcpuHour: 0.052624,
  gbHour: 0.0057785,
  storageGbHour: 0.000111,
};

/** The storage every EMR Serverless worker has without charge, in GB. */
export const FREE_STORAGE_GB = 20;

/** Prices an estimate used, in USD. */
export interface EmrPrices {
  readonly vcpuHour: number;
  readonly gbHour: number;
  readonly storageGbHour: number;
}

/** The Spark workers of an EMR job, as its spec asks for them. */
export interface PlannedSizing {
  readonly driverCpu: number;
  /** Worker memory in GB: heap plus overhead, rounded up to a whole GB. */
  readonly driverMemoryGb: number;
  readonly driverDiskGb: number;
  readonly executorCpu: number;
  readonly executorMemoryGb: number;
  readonly executorDiskGb: number;
  /** At most this many executors (dynamic allocation); 0 for a driver-only job. */
  readonly maxExecutors: number;
}

/** One task of a run, as the orchestrators would start it. */
export interface PlannedTask {
  readonly node: string;
  readonly type: string;
  readonly engine: string;
  /** Tasks of wave n may start once waves before it are done with their upstream ones (wave 1: no upstream). */
  readonly wave: number;
  readonly upstream: string[];
  /** What the state machine passes to the service for that date: `sql`, `arguments`, or the call's parameters. */
  readonly sql?: string[];
  readonly arguments?: string[];
  readonly call: unknown;
  /** Input partitions for the date: each input dataset's location. */
  readonly inputs: { dataset: string; location: string }[];
  /** Output location for the date, or null for a sink. */
  readonly output: string | null;
  readonly sizing: PlannedSizing | null;
  readonly estimatedDurationSeconds: number;
  /** Estimated cost in USD (EMR jobs only), all executors for the estimated duration: an upper bound; null when not an EMR job. */
  readonly estimatedCostUsd: number | null;
}

/** The plan of one run. */
export interface RunPlan {
  readonly workflow: string;
  readonly date: string;
  readonly tasks: PlannedTask[];
  readonly prices: EmrPrices;
  readonly estimatedCostUsd: number;
}

/** A sink that a replay of past dates would not leave as one run would. */
export interface UnsafeSink {
  readonly node: string;
  readonly reason: string;
}

/** The plan of a backfill: the runs it makes and the sinks not safe to replay. */
export interface BackfillPlan {
  readonly workflow: string;
  readonly from: string;
  readonly to: string;
  /** The logical dates run, oldest first, from max(from, startDate) to `to`. */
  readonly runs: string[];
  readonly unsafeSinks: UnsafeSink[];
  readonly estimatedCostPerRunUsd: number;
  readonly estimatedCostUsd: number;
  readonly prices: EmrPrices;
}

/** The logical-date values of a date: ds, ds_nodash, next_ds, prev_ds. */
export function dateValues(date: string): Record<string, string> {
  const day = (offset: number) => new Date(Date.parse(`${date}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  return { ds: date, ds_nodash: date.replace(/-/g, ''), next_ds: day(1), prev_ds: day(-1) };
}

/** `{{ds}}`, `{{ ds_nodash }}`, … in `text` replaced by the date's values; other templates stay. */
export function resolveDates(text: string, date: string): string {
  const values = dateValues(date);
  return text.replace(/\{\{\s*(ds|ds_nodash|next_ds|prev_ds)\s*\}\}/g, (_, name: string) => values[name]);
}

/** Each node's wave: 1 for a node without upstream, else one more than its latest upstream node's. */
export function waves(graph: WorkflowGraph): Map<string, number> {
  const wave = new Map<string, number>();
  for (const id of graph.order) wave.set(id, 1 + Math.max(0, ...graph.upstreamOf(id).map((up) => wave.get(up) ?? 0)));
  return wave;
}

const round = (usd: number) => Math.round(usd * 10_000) / 10_000;

/** The workers and estimated cost of a node's EMR job, or nulls when it is not one. */
export function sizingAndCost(graph: WorkflowGraph, node: GraphNode, prices: EmrPrices): { sizing: PlannedSizing | null; cost: number | null } {
  const job = planJob(graph, node.id);
  if (job === undefined) return { sizing: null, cost: null };
  const w = effectiveWorkers(job);
  const memoryGb = (heapMib: number) => Math.ceil((heapMib + overheadMib(heapMib)) / 1024);
  const executors = Number.isFinite(w.maxExecutors) ? w.maxExecutors : 0;
  const sizing: PlannedSizing = {
    driverCpu: w.driverCpu,
    driverMemoryGb: memoryGb(w.driverHeapMib),
    driverDiskGb: Number.isFinite(w.driverDiskGb) ? w.driverDiskGb : FREE_STORAGE_GB,
    executorCpu: executors > 0 ? w.executorCpu : 0,
    executorMemoryGb: executors > 0 ? memoryGb(w.executorHeapMib) : 0,
    executorDiskGb: executors > 0 && Number.isFinite(w.executorDiskGb) ? w.executorDiskGb : 0,
    maxExecutors: executors,
  };
  const hours = node.estimatedDurationSeconds / 3600;
  const worker = (cpu: number, gb: number, disk: number) => cpu * prices.vcpuHour + gb * prices.gbHour + Math.max(0, disk - FREE_STORAGE_GB) * prices.storageGbHour;
  const perHour = worker(sizing.driverCpu, sizing.driverMemoryGb, sizing.driverDiskGb) + executors * worker(sizing.executorCpu, sizing.executorMemoryGb, sizing.executorDiskGb);
  return { sizing, cost: round(perHour * hours) };
}

/** What a service call says for a plan: the SQL statements or job arguments it carries. */
function summarize(call: any): { sql?: string[]; arguments?: string[] } {
  if (typeof call?.Sql === 'string') return { sql: [call.Sql] };
  if (Array.isArray(call?.Sqls)) return { sql: call.Sqls };
  const args = call?.JobDriver?.SparkSubmit?.EntryPointArguments;
  if (Array.isArray(args)) return { arguments: args };
  return {};
}

/**
 * The run of one date, as the orchestrators would make it: the Step Functions definition runs
 * locally (every call succeeding) to read what each task is given for that date, with the
 * account-specific `${Name}` placeholders left as they are.
 */
export async function planRun(graph: WorkflowGraph, date: string, prices: EmrPrices = EMR_SERVERLESS_PRICES): Promise<RunPlan> {
  const run = await runLocally(graph, { date }, { keepPlaceholders: true });
  if (!run.succeeded) throw new Error(`the local run of ${graph.workflow.id} for ${date} failed: ${run.error}`);
  const calls = new Map(run.trace.map((s) => [s.node, s.input]));
  const wave = waves(graph);
  const byOutput = new Map(graph.nodes.filter((n) => n.output).map((n) => [n.output!.id, n]));
  const ids = [...graph.order].sort((a, b) => wave.get(a)! - wave.get(b)! || graph.order.indexOf(a) - graph.order.indexOf(b));
  const tasks = ids.map((id): PlannedTask => {
    const node = graph.node(id);
    const { sizing, cost } = sizingAndCost(graph, node, prices);
    const call = calls.get(id) ?? null;
    return {
      node: id,
      type: node.type,
      engine: node.engine,
      wave: wave.get(id)!,
      upstream: graph.upstreamOf(id),
      ...summarize(call),
      call,
      inputs: node.inputs.map((dataset) => ({ dataset, location: resolveDates(byOutput.get(dataset)?.output?.location ?? dataset, date) })),
      output: node.output ? resolveDates(node.output.location, date) : null,
      sizing,
      estimatedDurationSeconds: node.estimatedDurationSeconds,
      estimatedCostUsd: cost,
    };
  });
  return { workflow: graph.workflow.id, date, tasks, prices, estimatedCostUsd: round(tasks.reduce((n, t) => n + (t.estimatedCostUsd ?? 0), 0)) };
}

/** Why a sink is not safe to replay, or undefined when a replay leaves it as one run would. */
export function replayHazard(node: GraphNode): string | undefined {
  if (node.kind !== NodeKind.SINK) return undefined;
  const p = node.properties as any;
  if (node.type === 'WarehouseSink' && p.writeMode?.mode === 'replace_table') {
    return `replaces all of ${p.table} on each run: after a backfill it holds the last replayed date's data (${'`'}to${'`'}), not the latest run's, until the next scheduled run`;
  }
  const idempotent = p.writeMode?.idempotent ?? p.idempotent;
  if (idempotent !== false) return undefined;
  switch (node.type) {
    case 'WarehouseSink':
      return `writes ${p.table} with mode ${p.writeMode?.mode}: each replayed date adds its rows again (use merge or overwrite_partition)`;
    case 'ApiSink':
      return `calls ${p.method ?? 'the API'} ${p.url ?? ''} without an idempotency key: the receiving system gets every replayed date's requests again`.replace('  ', ' ');
    case 'EventSink':
      return 'publishes events without an idempotency key: consumers receive every replayed date\'s events again, as new events';
    default:
      return 'is not idempotent: a replay repeats its effect';
  }
}

/** Every date from `from` to `to`, both included, oldest first. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** A backfill from `from` to `to`: one run per logical date from max(from, startDate), oldest first, and the sinks not safe to replay. */
export function planBackfill(graph: WorkflowGraph, from: string, to: string, prices: EmrPrices = EMR_SERVERLESS_PRICES): BackfillPlan {
  const start = from < graph.workflow.startDate ? graph.workflow.startDate : from;
  const runs = datesBetween(start, to);
  const perRun = round(graph.order.reduce((n, id) => n + (sizingAndCost(graph, graph.node(id), prices).cost ?? 0), 0));
  const unsafeSinks = graph.order.map((id) => graph.node(id)).flatMap((n) => {
    const reason = replayHazard(n);
    return reason ? [{ node: n.id, reason }] : [];
  });
  return { workflow: graph.workflow.id, from, to, runs, unsafeSinks, estimatedCostPerRunUsd: perRun, estimatedCostUsd: round(perRun * runs.length), prices };
}

const usd = (n: number | null) => (n === null ? '–' : `$${n.toFixed(2)}`);

/** A run plan as Markdown. */
export function formatRunPlan(plan: RunPlan): string {
  const lines = [`## ${plan.workflow} — run of ${plan.date}`, '', `${plan.tasks.length} tasks in ${Math.max(0, ...plan.tasks.map((t) => t.wave))} waves; estimated EMR Serverless cost ${usd(plan.estimatedCostUsd)} (all executors for each job's estimated duration: an upper bound).`, ''];
  for (const t of plan.tasks) {
    lines.push(`### wave ${t.wave}: ${t.node} (${t.type}, ${t.engine})`);
    if (t.upstream.length > 0) lines.push(`- after: ${t.upstream.join(', ')}`);
    for (const i of t.inputs) lines.push(`- input ${i.dataset}: ${i.location}`);
    if (t.output !== null) lines.push(`- output: ${t.output}`);
    if (t.arguments) lines.push(`- arguments: ${t.arguments.map((a) => (a.length > 200 ? `${a.slice(0, 200)}…` : a)).join(' ')}`);
    if (t.sizing) {
      const s = t.sizing;
      lines.push(`- Spark: driver ${s.driverCpu} vCPU/${s.driverMemoryGb} GB/${s.driverDiskGb} GB disk` + (s.maxExecutors > 0 ? `, up to ${s.maxExecutors} executor${s.maxExecutors === 1 ? '' : 's'} of ${s.executorCpu} vCPU/${s.executorMemoryGb} GB/${s.executorDiskGb} GB disk` : ', no executors'));
    }
    lines.push(`- estimated: ${t.estimatedDurationSeconds} s${t.estimatedCostUsd === null ? '' : `, ${usd(t.estimatedCostUsd)}`}`);
    if (t.sql) lines.push('', '```sql', ...t.sql.map((s) => s.trimEnd()), '```');
    lines.push('');
  }
  lines.push(pricesLine(plan.prices), '');
  return lines.join('\n');
}

function pricesLine(p: EmrPrices): string {
  return `Prices (USD, EMR Serverless us-east-1 unless overridden): ${p.vcpuHour} per vCPU-hour, ${p.gbHour} per GB-hour, ${p.storageGbHour} per GB-hour of storage beyond ${FREE_STORAGE_GB} GB per worker.`;
}

/** A backfill plan as Markdown. */
export function formatBackfillPlan(plan: BackfillPlan): string {
  const lines = [`## ${plan.workflow} — backfill ${plan.from} to ${plan.to}`, ''];
  if (plan.runs.length === 0) lines.push('No runs: the range ends before the workflow\'s start date.');
  else lines.push(`${plan.runs.length} runs, oldest first, one after another: ${plan.runs[0]} … ${plan.runs[plan.runs.length - 1]}; estimated ${usd(plan.estimatedCostPerRunUsd)} per run, ${usd(plan.estimatedCostUsd)} in all.`);
  lines.push('');
  if (plan.unsafeSinks.length === 0) lines.push('Every sink is safe to replay (idempotent writes).');
  else {
    lines.push('Sinks not safe to replay:');
    for (const s of plan.unsafeSinks) lines.push(`- ${s.node}: ${s.reason}`);
  }
  lines.push('', pricesLine(plan.prices), '');
  return lines.join('\n');
}
