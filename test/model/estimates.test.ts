import { Engine } from '../../lib';
import { estimateDurationSeconds } from '../../lib/model/estimates';

const GIB = 1024 ** 3;

test('Spark starts in 5 minutes and reads 2 GiB a second', () => {
  // THEN
  expect(estimateDurationSeconds(Engine.SPARK, 0)).toBe(300);
  expect(estimateDurationSeconds(Engine.SPARK, 10 * 1024 * GIB)).toBe(300 + 5120);
});

test('the warehouse starts in 2 minutes and reads 1 GiB a second', () => {
  // THEN
  expect(estimateDurationSeconds(Engine.WAREHOUSE, 0)).toBe(120);
  expect(estimateDurationSeconds(Engine.WAREHOUSE, 150 * GIB)).toBe(270);
});

test('a single worker starts in 2 minutes and reads about 51 MiB a second', () => {
  // THEN
  expect(estimateDurationSeconds(Engine.SINGLE_WORKER, 0)).toBe(120);
  expect(estimateDurationSeconds(Engine.SINGLE_WORKER, 5 * GIB)).toBe(220);
});

test('a database export starts in 30 minutes and exports 1 GiB a second', () => {
  // THEN
  expect(estimateDurationSeconds(Engine.DATABASE_EXPORT, 0)).toBe(1800);
  expect(estimateDurationSeconds(Engine.DATABASE_EXPORT, 600 * GIB)).toBe(2400);
});

test('sensors and change-data-capture take a minute whatever the size', () => {
  // THEN
  expect(estimateDurationSeconds(Engine.SENSOR, 0)).toBe(60);
  expect(estimateDurationSeconds(Engine.SENSOR, 10 * 1024 * GIB)).toBe(60);
  expect(estimateDurationSeconds(Engine.CHANGE_DATA_CAPTURE, 10 * 1024 * GIB)).toBe(60);
});

test('estimates are whole seconds', () => {
  // GIVEN sizes that do not divide evenly
  for (const engine of Object.values(Engine)) {
    for (const size of [1, 12345, GIB + 7, 3.3 * GIB]) {
      // THEN
      expect(Number.isInteger(estimateDurationSeconds(engine, size))).toBe(true);
    }
  }
});

test('reading more never makes an estimate shorter', () => {
  // THEN
  for (const engine of Object.values(Engine)) {
    const sizes = [0, GIB, 10 * GIB, 1024 * GIB];
    const estimates = sizes.map((s) => estimateDurationSeconds(engine, s));
    expect([...estimates].sort((a, b) => a - b)).toEqual(estimates);
  }
});

test('every engine has an estimate', () => {
  // THEN
  for (const engine of Object.values(Engine)) {
    expect(estimateDurationSeconds(engine, GIB)).toBeGreaterThan(0);
  }
});
