import { FIRST_YEAR, INVALID_DS_ERROR, LAST_YEAR, logicalDatesBranch } from '../../../lib/targets/stepfunctions/dates';
import { expectValidAsl, localMachine } from './support';

/** A machine that is only the logical-dates part, as every workflow machine starts with it. */
const definition = JSON.stringify({ StartAt: 'Dates', States: { Dates: { Type: 'Parallel', Branches: [logicalDatesBranch()], OutputPath: '$[0]', End: true } } });
const machine = localMachine(definition);

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Every day of 2024, and Jan 1, Feb 28, the day before Mar 1, Mar 1 and Dec 31 of every year from FIRST_YEAR to LAST_YEAR. */
function dates(): number[] {
  const out = new Set<number>();
  for (let t = Date.UTC(2024, 0, 1); t <= Date.UTC(2024, 11, 31); t += DAY) out.add(t);
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) {
    out.add(Date.UTC(y, 0, 1));
    out.add(Date.UTC(y, 1, 28));
    out.add(Date.UTC(y, 2, 1) - DAY);
    out.add(Date.UTC(y, 2, 1));
    out.add(Date.UTC(y, 11, 31));
  }
  return [...out].sort((a, b) => a - b);
}

test('the logical-dates part passes asl-validator', () => {
  expectValidAsl(definition);
});

test('ds_nodash, next_ds and prev_ds are right for every day tried: month ends, Feb 28/29 in leap and common years, year ends', async () => {
  // GIVEN about 1,800 dates, 1900-01-01 and 2199-12-31 among them (cost: about 5 s)
  const all = dates();
  expect(all.map(iso)).toEqual(expect.arrayContaining(['1900-01-01', '1900-02-28', '1900-03-01', '2000-02-29', '2024-02-29', '2024-12-31', '2199-12-31', '2100-02-28', '2100-03-01']));

  // WHEN
  const wrong: string[] = [];
  for (const t of all) {
    const ds = iso(t);
    const out = await machine.run({ ds }).result;
    const expected = { ds, ds_nodash: ds.replace(/-/g, ''), next_ds: iso(t + DAY), prev_ds: iso(t - DAY) };
    if (JSON.stringify(out) !== JSON.stringify(expected)) wrong.push(`${ds} → ${JSON.stringify(out)}`);
  }

  // THEN
  expect(wrong).toEqual([]);
});

test.each([
  ['2026-02-29'], ['2100-02-29'], ['2026-04-31'], ['2026-13-01'], ['2026-00-10'], ['2026-1-01'], ['2026-01-1'], [' 2026-01-01'],
  ['2026-01-01 '], ['2026-01-01-01'], ['2026/01/01'], ['20260101'], ['1899-12-31'], ['2200-01-01'], ['2026.0-01-01'], [''],
])('%j is not a ds: the part fails with Tributary.InvalidDs', async (ds) => {
  await expect(machine.run({ ds }).result).rejects.toMatchObject({ cause: { name: INVALID_DS_ERROR } });
});

test('an input with no ds, or a ds that is not a string, fails with Tributary.InvalidDs', async () => {
  await expect(machine.run({}).result).rejects.toMatchObject({ cause: { name: INVALID_DS_ERROR } });
  await expect(machine.run({ ds: 20260101 }).result).rejects.toMatchObject({ cause: { name: INVALID_DS_ERROR } });
});
