import {
  checkWorker, heapForCpu, MAX_EXECUTORS, MAX_SHUFFLE_PARTITIONS, overheadMib, parseSparkMemoryMib, SHUFFLE_OPTIMIZED_DISK_GB,
  singleWorkerSize, sizeFor, STANDARD_DISK_GB, workerMemoryGb, WORKER_LIMITS,
} from '../../../lib/targets/emr/sizing';

const MIB = 1024 ** 2;
const GIB = 1024 ** 3;
const TIB = 1024 ** 4;

/** The formula's result must fit EMR Serverless and keep partitions at 128-256 MiB of input. */
function expectInsideLimits(bytes: number) {
  const s = sizeFor(bytes);
  expect(checkWorker(s.driver.cpu, s.driver.heapMib)).toBeUndefined();
  expect(checkWorker(s.executor.cpu, s.executor.heapMib)).toBeUndefined();
  const partitions = Number(s.sqlConf['spark.sql.adaptive.coalescePartitions.initialPartitionNum']);
  expect(partitions).toBeGreaterThanOrEqual(Math.floor(bytes / (256 * MIB)));
  expect(partitions).toBeLessThanOrEqual(Math.max(Math.ceil(bytes / (128 * MIB)), 2 * s.maxExecutors * s.executor.cpu));
  expect(s.sqlConf['spark.sql.shuffle.partitions']).toBe(String(partitions));
  expect(s.sqlConf['spark.sql.adaptive.coalescePartitions.parallelismFirst']).toBe('false');
  expect(s.sqlConf['spark.sql.adaptive.skewJoin.enabled']).toBe('true');
  const limits = s.shuffleOptimizedDisk ? SHUFFLE_OPTIMIZED_DISK_GB : STANDARD_DISK_GB;
  expect(s.diskGb).toBeGreaterThanOrEqual(limits.min);
  expect(s.diskGb).toBeLessThanOrEqual(limits.max);
  return { s, partitions };
}

test('1 GiB a day gets two small executors and a few shuffle partitions', () => {
  // WHEN
  const { s, partitions } = expectInsideLimits(GIB);

  // THEN 4-vCPU executors with a 14g heap (16 GB workers), a 2-vCPU driver, standard 20 GB disks
  expect([s.executor.cpu, s.executor.heapMib, s.executor.workerMemoryGb]).toEqual([4, 14 * 1024, 16]);
  expect([s.driver.cpu, s.driver.heapMib, s.driver.workerMemoryGb]).toEqual([2, 7 * 1024, 8]);
  expect(s.maxExecutors).toBe(2);
  expect(partitions).toBe(16); // 2 x the 8 executor vCPUs: more than 1 GiB / 192 MiB
  expect(s.sqlConf['spark.sql.adaptive.advisoryPartitionSizeInBytes']).toBe('128m');
  expect([s.diskGb, s.shuffleOptimizedDisk]).toEqual([20, false]);
});

test('100 GiB a day gets hundreds of shuffle partitions and a handful of executors', () => {
  // WHEN
  const { s, partitions } = expectInsideLimits(100 * GIB);

  // THEN one executor vCPU per 8 GiB (13 vCPU: 4 executors) and 100 GiB / 192 MiB partitions
  expect(s.maxExecutors).toBe(4);
  expect(partitions).toBe(Math.ceil((100 * GIB) / (192 * MIB)));
  expect(partitions).toBe(534);
  expect([s.diskGb, s.shuffleOptimizedDisk]).toEqual([50, false]);
});

test('1 TiB a day moves to 8-vCPU executors, 256 MiB partitions and shuffle-optimized disks', () => {
  // WHEN
  const { s, partitions } = expectInsideLimits(TIB);

  // THEN
  expect([s.executor.cpu, s.executor.heapMib, s.executor.workerMemoryGb]).toEqual([8, 29 * 1024, 32]);
  expect([s.driver.cpu, s.driver.workerMemoryGb]).toEqual([4, 16]);
  expect(s.maxExecutors).toBe(16);
  expect(partitions).toBe(5462);
  expect(s.sqlConf['spark.sql.adaptive.advisoryPartitionSizeInBytes']).toBe('256m');
  expect(s.sqlConf['spark.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes']).toBe('512m');
  expect(s.sqlConf['spark.sql.files.maxPartitionBytes']).toBe('256m');
  expect([s.diskGb, s.shuffleOptimizedDisk]).toEqual([128, true]);
});

test('10 TiB a day gets tens of thousands of shuffle partitions, not Spark\'s default 200', () => {
  // WHEN
  const { s, partitions } = expectInsideLimits(10 * TIB);

  // THEN
  expect(partitions).toBeGreaterThanOrEqual(40_000);
  expect(partitions).toBeLessThanOrEqual(80_000);
  expect(partitions).toBe(54_614);
  expect(s.maxExecutors).toBe(160); // 1,280 executor vCPUs
  expect(s.shuffleOptimizedDisk).toBe(true);
});

test('the formula caps executors and partitions for any size', () => {
  // WHEN
  const s = sizeFor(1000 * TIB);
  const partitions = Number(s.sqlConf['spark.sql.adaptive.coalescePartitions.initialPartitionNum']);

  // THEN
  expect(checkWorker(s.executor.cpu, s.executor.heapMib)).toBeUndefined();
  expect(s.maxExecutors).toBe(MAX_EXECUTORS);
  expect(partitions).toBe(MAX_SHUFFLE_PARTITIONS);
  expect(s.diskGb).toBeLessThanOrEqual(SHUFFLE_OPTIMIZED_DISK_GB.max);
});

test('an unknown size is sized as 1 GiB', () => {
  // THEN
  expect(sizeFor(undefined)).toEqual(sizeFor(GIB));
  expect(sizeFor(0)).toEqual(sizeFor(GIB));
});

test('memory overhead is 10% of the heap and at least 384 MiB, inside the worker', () => {
  // THEN
  expect(overheadMib(1024)).toBe(384);
  expect(overheadMib(14 * 1024)).toBe(1434);
  expect(workerMemoryGb(4, 14 * 1024)).toBe(16); // 15.4 GB rounded up to 1 GB steps
  expect(workerMemoryGb(8, 29 * 1024)).toBe(32); // 31.9 GB rounded up to 4 GB steps
  expect(workerMemoryGb(4, 2 * 1024)).toBe(8); // below a 4-vCPU worker's minimum
  expect(workerMemoryGb(3, 1024)).toBeUndefined();
});

test('the default heap of each worker size fits 4 GB per vCPU with its overhead', () => {
  // THEN
  expect(WORKER_LIMITS.map((w) => heapForCpu(w.cpu) / 1024)).toEqual([3, 7, 14, 29, 58]);
  for (const w of WORKER_LIMITS) expect(workerMemoryGb(w.cpu, heapForCpu(w.cpu))).toBe(4 * w.cpu);
});

test('worker checks refuse vCPU counts and heaps that EMR Serverless has no worker for', () => {
  // THEN
  expect(checkWorker(3, 4096)).toMatch(/3 vCPU is not an EMR Serverless worker size/);
  expect(checkWorker(4, 28 * 1024)).toMatch(/needs 31 GB, more than the 30 GB of a 4-vCPU worker \(largest heap: 27g\)/);
  expect(checkWorker(4, 27 * 1024)).toBeUndefined();
  expect(checkWorker(16, 108 * 1024)).toBeUndefined();
});

test('single-worker jobs get one small driver and at most one small executor', () => {
  // WHEN
  const s = singleWorkerSize();

  // THEN
  expect([s.driver.cpu, s.driver.workerMemoryGb, s.executor.cpu, s.executor.workerMemoryGb, s.maxExecutors]).toEqual([1, 4, 1, 4, 1]);
  expect(s.sqlConf).toEqual({});
});

test('Spark memory strings parse to MiB', () => {
  // THEN
  expect(parseSparkMemoryMib('14g')).toBe(14 * 1024);
  expect(parseSparkMemoryMib('3584m')).toBe(3584);
  expect(parseSparkMemoryMib('1t')).toBe(1024 * 1024);
  expect(parseSparkMemoryMib('lots')).toBeUndefined();
});
