/**
 * The sizing formula of EMR Serverless jobs: from the bytes a node reads in one day to worker
 * sizes, executor count, shuffle parallelism, skew handling and disks. It is the only place where
 * these numbers are chosen; `resources` and `sparkConf` of a node override it, and the same limits
 * check both (`checkWorker`, `workerMemoryGb`).
 *
 * The formula, with `b` the daily bytes read (1 GiB when unknown):
 *
 * - Executors: 4 vCPU with a 14 GiB heap (worker 16 GB) below 1 TiB; 8 vCPU with a 29 GiB heap
 *   (worker 32 GB) from 1 TiB, where fewer, larger executors keep the shuffle fan-in manageable.
 * - Driver: 2 vCPU, 7 GiB heap (worker 8 GB) below 1 TiB; 4 vCPU, 14 GiB heap (worker 16 GB) from
 *   1 TiB, for the task bookkeeping of tens of thousands of partitions. A heap is always the
 *   largest whole GiB that fits 4 GB of worker per vCPU with its overhead (`heapForCpu`).
 * - maxExecutors: one executor vCPU per 8 GiB read, at least 2 executors and at most 500
 *   (4,000 vCPU), rounded up to whole executors. The application's maximum capacity is computed
 *   from these numbers (`application.ts`), so the two always agree.
 * - Shuffle: `initialPartitionNum` = max(ceil(b ÷ 192 MiB), 2 × executor vCPUs), capped at
 *   100,000; the same number for `spark.sql.shuffle.partitions`. Advisory partition size 128 MiB
 *   below 1 TiB and 256 MiB from 1 TiB, `parallelismFirst=false` so that AQE respects it. From
 *   1 TiB input splits of 256 MiB (`spark.sql.files.maxPartitionBytes`).
 * - Skew joins: enabled, factor 5, threshold twice the advisory size.
 * - Disk per executor: twice its share of the input (b ÷ maxExecutors), at least 20 GB. Standard
 *   disks up to 200 GB; from 1 TiB, or when the share needs more than 200 GB, shuffle-optimized
 *   disks (EMR 7.1.0+) of up to 2,000 GB.
 *   The driver keeps a standard 20 GB disk: shuffle files live on the executors.
 *
 * Single-worker jobs (HTTP and Kafka scripts) get a fixed small size: a 1 vCPU / 4 GB driver and
 * at most one 1 vCPU / 4 GB executor, none started unless the script uses Spark.
 */

const MIB = 1024 ** 2;
const GIB = 1024 ** 3;
const TIB = 1024 ** 4;

/** Daily bytes assumed for a node whose inputs declare no size. */
export const UNKNOWN_INPUT_BYTES = GIB;
/** Input share of one shuffle partition before AQE coalesces. */
export const TARGET_PARTITION_BYTES = 192 * MIB;
/** Most shuffle partitions the formula chooses. */
export const MAX_SHUFFLE_PARTITIONS = 100_000;
/** Daily bytes per executor vCPU. */
export const BYTES_PER_EXECUTOR_CPU = 8 * GIB;
/** Most executors the formula chooses. */
export const MAX_EXECUTORS = 500;
/** Spark memory overhead: 10% of the heap, at least 384 MiB (both inside the worker). */
export const OVERHEAD_FRACTION = 0.1;
export const MIN_OVERHEAD_MIB = 384;

/** One EMR Serverless worker size: vCPU and memory in GB (as EMR writes it, GiB in Spark's terms). */
export interface WorkerLimit {
  readonly cpu: number;
  readonly minMemoryGb: number;
  readonly maxMemoryGb: number;
  readonly stepGb: number;
}

/** Supported worker configurations (EMR Serverless guide, "Supported worker configurations"). */
export const WORKER_LIMITS: readonly WorkerLimit[] = [
  { cpu: 1, minMemoryGb: 2, maxMemoryGb: 8, stepGb: 1 },
  { cpu: 2, minMemoryGb: 4, maxMemoryGb: 16, stepGb: 1 },
  { cpu: 4, minMemoryGb: 8, maxMemoryGb: 30, stepGb: 1 },
  { cpu: 8, minMemoryGb: 16, maxMemoryGb: 60, stepGb: 4 },
  { cpu: 16, minMemoryGb: 32, maxMemoryGb: 120, stepGb: 8 },
];
/** Disk per worker, in GB. */
export const STANDARD_DISK_GB = { min: 20, max: 200 } as const;
export const SHUFFLE_OPTIMIZED_DISK_GB = { min: 20, max: 2000 } as const;

/** The size of one kind of worker (driver or executor). */
export interface WorkerSize {
  /** vCPUs. */
  readonly cpu: number;
  /** Spark heap (`spark.executor.memory`), in MiB. */
  readonly heapMib: number;
  /** Worker memory in GB: heap plus overhead, rounded up to the worker's memory step. */
  readonly workerMemoryGb: number;
}

/** A job's size: what the spec's Spark settings say. */
export interface JobSizing {
  readonly driver: WorkerSize;
  readonly executor: WorkerSize;
  readonly maxExecutors: number;
  /** Disk of each worker, in GB. */
  readonly diskGb: number;
  /** Whether the workers use shuffle-optimized disks. */
  readonly shuffleOptimizedDisk: boolean;
  /** Spark SQL settings (shuffle, AQE, skew), as strings. */
  readonly sqlConf: Record<string, string>;
}

/** Memory overhead of a heap, in MiB. */
export function overheadMib(heapMib: number): number {
  return Math.max(Math.ceil(heapMib * OVERHEAD_FRACTION), MIN_OVERHEAD_MIB);
}

/** The worker limits of a vCPU count, or undefined when EMR Serverless has no such worker. */
export function workerLimit(cpu: number): WorkerLimit | undefined {
  return WORKER_LIMITS.find((w) => w.cpu === cpu);
}

/**
 * Worker memory (GB) that holds `heapMib` plus its overhead, rounded up to the step of a
 * `cpu`-vCPU worker and to its minimum. Undefined when `cpu` is not a worker size.
 */
export function workerMemoryGb(cpu: number, heapMib: number): number | undefined {
  const limit = workerLimit(cpu);
  if (!limit) return undefined;
  const needGb = (heapMib + overheadMib(heapMib)) / 1024;
  const stepped = Math.ceil(needGb / limit.stepGb - 1e-9) * limit.stepGb;
  return Math.max(stepped, limit.minMemoryGb);
}

/** Why a worker of `cpu` vCPU and `heapMib` heap does not fit EMR Serverless, or undefined if it does. */
export function checkWorker(cpu: number, heapMib: number): string | undefined {
  const limit = workerLimit(cpu);
  if (!limit) return `${cpu} vCPU is not an EMR Serverless worker size (1, 2, 4, 8 or 16 vCPU)`;
  const memory = workerMemoryGb(cpu, heapMib)!;
  if (memory > limit.maxMemoryGb) {
    let maxHeap = Math.floor(limit.maxMemoryGb / (1 + OVERHEAD_FRACTION)) * 1024;
    while (maxHeap > 1024 && workerMemoryGb(cpu, maxHeap)! > limit.maxMemoryGb) maxHeap -= 1024;
    return `a ${formatMib(heapMib)} heap plus ${formatMib(overheadMib(heapMib))} overhead needs ${memory} GB, `
      + `more than the ${limit.maxMemoryGb} GB of a ${cpu}-vCPU worker (largest heap: ${formatMib(maxHeap)})`;
  }
  return undefined;
}

/**
 * The default heap of a `cpu`-vCPU worker: the largest whole-GiB heap that, with its overhead,
 * fits 4 GB of worker memory per vCPU (3g, 7g, 14g, 29g, 58g for 1, 2, 4, 8, 16 vCPU).
 */
export function heapForCpu(cpu: number): number {
  const budgetMib = 4 * cpu * 1024;
  let heapGib = Math.max(1, Math.floor(budgetMib / 1024));
  while (heapGib > 1 && heapGib * 1024 + overheadMib(heapGib * 1024) > budgetMib) heapGib--;
  return heapGib * 1024;
}

/** A worker of `cpu` vCPU and `heapMib` heap (worker memory undefined-safe for invalid sizes). */
export function worker(cpu: number, heapMib: number): WorkerSize {
  return { cpu, heapMib, workerMemoryGb: workerMemoryGb(cpu, heapMib) ?? Math.ceil((heapMib + overheadMib(heapMib)) / 1024) };
}

/** The formula, for a Spark job reading `bytes` a day. */
export function sizeFor(bytes: number | undefined): JobSizing {
  const b = bytes !== undefined && bytes > 0 ? bytes : UNKNOWN_INPUT_BYTES;
  const large = b >= TIB;
  const executor = large ? worker(8, heapForCpu(8)) : worker(4, heapForCpu(4));
  const driver = large ? worker(4, heapForCpu(4)) : worker(2, heapForCpu(2));
  const cpus = Math.ceil(b / BYTES_PER_EXECUTOR_CPU);
  const maxExecutors = clamp(Math.ceil(cpus / executor.cpu), 2, MAX_EXECUTORS);
  const partitions = clamp(Math.max(Math.ceil(b / TARGET_PARTITION_BYTES), 2 * maxExecutors * executor.cpu), 1, MAX_SHUFFLE_PARTITIONS);
  const advisory = large ? 256 * MIB : 128 * MIB;
  const shareGb = b / maxExecutors / GIB;
  const diskNeed = Math.ceil(2 * shareGb);
  const shuffleOptimizedDisk = large || diskNeed > STANDARD_DISK_GB.max;
  const limits = shuffleOptimizedDisk ? SHUFFLE_OPTIMIZED_DISK_GB : STANDARD_DISK_GB;
  const sqlConf: Record<string, string> = {
    'spark.sql.adaptive.enabled': 'true',
    'spark.sql.adaptive.coalescePartitions.enabled': 'true',
    'spark.sql.adaptive.coalescePartitions.initialPartitionNum': String(partitions),
    'spark.sql.adaptive.coalescePartitions.parallelismFirst': 'false',
    'spark.sql.adaptive.advisoryPartitionSizeInBytes': `${advisory / MIB}m`,
    'spark.sql.adaptive.skewJoin.enabled': 'true',
    'spark.sql.adaptive.skewJoin.skewedPartitionFactor': '5',
    'spark.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes': `${(2 * advisory) / MIB}m`,
    'spark.sql.shuffle.partitions': String(partitions),
  };
  if (large) sqlConf['spark.sql.files.maxPartitionBytes'] = '256m';
  return {
    driver,
    executor,
    maxExecutors,
    diskGb: clamp(diskNeed, limits.min, limits.max),
    shuffleOptimizedDisk,
    sqlConf,
  };
}

/** The fixed size of single-worker jobs. */
export function singleWorkerSize(): JobSizing {
  return {
    driver: worker(1, heapForCpu(1)),
    executor: worker(1, heapForCpu(1)),
    maxExecutors: 1,
    diskGb: STANDARD_DISK_GB.min,
    shuffleOptimizedDisk: false,
    sqlConf: {},
  };
}

/** `14g`, `3584m`: a heap as Spark writes it. */
export function formatMib(mib: number): string {
  return mib % 1024 === 0 ? `${mib / 1024}g` : `${mib}m`;
}

/** Spark's memory strings (`14g`, `3584m`, `512k`, bare bytes) in MiB; undefined when malformed. */
export function parseSparkMemoryMib(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)b?\s*$/i.exec(text);
  if (!match) return undefined;
  const value = Number(match[1]);
  const unit = match[2].toLowerCase();
  const factor = unit === 't' ? 1024 * 1024 : unit === 'g' ? 1024 : unit === 'm' ? 1 : unit === 'k' ? 1 / 1024 : 1 / MIB;
  return value * factor;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(Math.max(n, lo), hi);
}
