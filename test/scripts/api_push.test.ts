import * as fs from 'fs';
import * as path from 'path';
import { expectExit, runPython, runScript, startFakeAws, startServer, tempDir } from '../support/scripts';

// Cost: one spark-submit run (about 8 s on 2 cores, more when the machine is busy); the other
// cases run the script's push function or its argument checks under the venv's python (< 2 s).
jest.setTimeout(180_000);

const DS = '2026-11-27';

function sinkNode(url: string, properties: Record<string, unknown>, input: unknown = null) {
  return {
    workflow: 'customer360',
    node: 'push_scores_to_crm',
    properties: { url, method: 'POST', batchSize: 2, maxRequestsPerSecond: 50, idempotencyKey: 'account_id', idempotent: true, ...properties },
    inputs: input ? [input] : [],
    output: null,
  };
}

test('an ApiSink job pushes the day partition in key-ordered batches, each record with its idempotency key, retrying a 429', async () => {
  // GIVEN five scored accounts in the day's partition of a JSON-lines dataset (and another day's file)
  const lake = tempDir('push');
  const day = path.join(lake, `ds=${DS}`);
  fs.mkdirSync(day, { recursive: true });
  fs.mkdirSync(path.join(lake, 'ds=2026-11-26'), { recursive: true });
  const rows = [
    { account_id: 'acc-3', churn_score: 0.5, mrr_usd: '12345678901234.56', scored_on: DS },
    { account_id: 'acc-1', churn_score: 0.1, mrr_usd: '10.00', scored_on: DS },
    { account_id: 'acc-5', churn_score: 0.9, mrr_usd: '0.01', scored_on: DS },
    { account_id: 'acc-2', churn_score: 0.2, mrr_usd: '20.50', scored_on: DS },
    { account_id: 'acc-4', churn_score: 0.4, mrr_usd: '7.00', scored_on: DS },
  ];
  fs.writeFileSync(path.join(day, 'part-0.json'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  fs.writeFileSync(path.join(lake, 'ds=2026-11-26', 'part-0.json'), JSON.stringify({ ...rows[0], account_id: 'acc-yesterday' }) + '\n');
  const input = {
    id: 'churn_scores', format: 'jsonl', location: `${lake}/ds={{ds}}/`,
    columns: [{ name: 'account_id', type: 'string', nullable: false }, { name: 'churn_score', type: 'double', nullable: false }, { name: 'mrr_usd', type: 'decimal(18,2)', nullable: true }, { name: 'scored_on', type: 'date', nullable: false }],
  };
  // AND an API behind Basic auth that answers the first request with 429
  const aws = await startFakeAws({ secrets: { 'prod/crm/api': JSON.stringify({ username: 'crm-svc', password: 'hunter2-SECRET' }) } });
  const api = await startServer((_req, i) => (i === 0 ? { status: 429, headers: { 'Retry-After': '0' } } : { status: 202, body: { accepted: true } }));

  // WHEN the job runs under spark-submit with batches of two, by PUT
  const run = await runScript('api_push.py', DS, sinkNode(`${api.url}/api/accounts/batch`, { method: 'PUT', auth: { store: 'secretsmanager', reference: 'prod/crm/api' } }, input), { spark: true, aws: aws.url });
  await api.close();
  await aws.close();

  // THEN it succeeded without printing the secret
  expectExit(run, 0);
  expect(run.stdout + run.stderr).not.toContain('hunter2-SECRET');
  // AND the first batch was sent twice (the 429, then its retry, with the same body), then the others
  const bodies = api.requests.map((r) => JSON.parse(r.body));
  expect(api.requests.map((r) => [r.method, r.path])).toEqual(Array(4).fill(['PUT', '/api/accounts/batch']));
  expect(api.requests[1].body).toBe(api.requests[0].body);
  expect(bodies.slice(1).map((b) => b.records.map((r: any) => r.idempotencyKey))).toEqual([['acc-1', 'acc-2'], ['acc-3', 'acc-4'], ['acc-5']]);
  // AND each record is the row as JSON under its key, decimals exact, dates ISO; yesterday's row is not sent
  expect(bodies[2].records[0]).toEqual({ idempotencyKey: 'acc-3', record: { account_id: 'acc-3', churn_score: 0.5, mrr_usd: 12345678901234.56, scored_on: DS } });
  expect(api.requests[2].body).toContain('"mrr_usd":12345678901234.56');
  // AND only the single-record batch carries the Idempotency-Key header; every request has Basic auth
  expect(api.requests.map((r) => r.headers['idempotency-key'])).toEqual([undefined, undefined, undefined, 'acc-5']);
  for (const r of api.requests) {
    expect(r.headers.authorization).toBe(`Basic ${Buffer.from('crm-svc:hunter2-SECRET').toString('base64')}`);
    expect(r.headers['content-type']).toBe('application/json');
  }
});

test('a batch that finally fails stops the push and fails with the batch and the count already pushed', async () => {
  // GIVEN an API that accepts the first batch and then always answers 500 (Retry-After: 0)
  const api = await startServer((_req, i) => (i === 0 ? { status: 200 } : { status: 500, headers: { 'Retry-After': '0' } }));
  // WHEN five records are pushed in batches of two
  const run = await runPython(`
import api_push, tributary_jobs as tj
records = [("k%d" % i, '{"id":%d}' % i) for i in range(5)]
client = tj.HttpClient(50, log=lambda m: None)
try:
    api_push.push(records, {"url": "${api.url}/in", "batchSize": 2}, client)
except tj.HttpError as exc:
    print(exc)
`);
  await api.close();
  // THEN the second batch was tried six times, the third never, and the error says what was pushed
  expect(run.stderr).toBe('');
  expect(run.stdout.trim()).toBe(`batch 2 (2 records, after 2 pushed) failed: POST ${api.url}/in failed: HTTP 500 after 6 attempts`);
  expect(api.requests).toHaveLength(7);
  expect(api.requests.slice(1).every((r) => JSON.parse(r.body).records[0].idempotencyKey === 'k2')).toBe(true);
});

test('pushes stay under maxRequestsPerSecond', async () => {
  // GIVEN an API that accepts everything, and a limit of 5 requests per second
  const api = await startServer(() => ({ status: 200 }));
  // WHEN eleven single-record batches are pushed
  const run = await runPython(`
import api_push, tributary_jobs as tj
api_push.push([("k%d" % i, "{}") for i in range(11)], {"url": "${api.url}/in", "batchSize": 1}, tj.HttpClient(5, log=lambda m: None))
`);
  await api.close();
  // THEN the requests are spaced 200 ms apart: any 6 consecutive arrivals span about a second (measured
  // at the server, where a loaded machine delays some deliveries: 200 ms allowed; without the limiter
  // the eleven arrive within milliseconds). The exact spacing is proven on a fake clock in tributary_jobs' tests.
  expect(run.code).toBe(0);
  expect(api.requests).toHaveLength(11);
  const at = api.requests.map((r) => r.at);
  for (let i = 5; i < at.length; i++) expect(at[i] - at[i - 5]).toBeGreaterThanOrEqual(800);
});

test('an ApiSink without an idempotency key is refused before anything is read or sent', async () => {
  // GIVEN a node document whose ApiSink has no idempotency key
  const node = sinkNode('http://127.0.0.1:9/in', { idempotencyKey: undefined, idempotent: false }, { id: 'x', format: 'parquet', location: '/nonexistent/ds={{ds}}/' });
  // WHEN the job runs
  const run = await runScript('api_push.py', DS, node);
  // THEN it exits 2 and says why
  expectExit(run, 2);
  expect(run.stderr).toContain('has no idempotencyKey');
});
