import * as fs from 'fs';
import * as path from 'path';
import { expectExit, readJsonLines, RecordedRequest, runPython, runScript, startFakeAws, startServer, tempDir } from '../support/scripts';

// Cost: one spark-submit run (about 8 s on 2 cores); the other cases run the script's HTTP part
// under the venv's python (well under a second each, plus the waits they measure: about 6 s).
jest.setTimeout(120_000);

const DS = '2026-11-27';

function apiNode(baseUrl: string, properties: Record<string, unknown>, output: unknown = null) {
  return {
    workflow: 'commerce',
    node: 'fx_rates',
    properties: { baseUrl, path: '/rates', query: {}, maxRequestsPerSecond: 50, pagination: { style: 'none' }, ...properties },
    inputs: [],
    output,
  };
}

/** Run the HTTP part of the job (fetch_records) under python and return the records it fetched. */
async function fetch(node: unknown, env: Record<string, string> = {}): Promise<any[]> {
  const run = await runPython(
    `import json, os, api_ingest\nnode = json.loads(os.environ['NODE_JSON'])\n` +
    `print(json.dumps([json.loads(l) for l in api_ingest.fetch_records(node, '${DS}', log=lambda m: None)]))`, { ...env, NODE_JSON: JSON.stringify(node) });
  if (run.code !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

function gaps(requests: RecordedRequest[], span: number): number[] {
  return requests.slice(span).map((r, i) => r.at - requests[i].at);
}

test('a cursor-paged ApiSource job sends the bearer token from Secrets Manager and replaces the day partition with typed JSON lines', async () => {
  // GIVEN an API of three cursor pages behind a bearer token kept in an Airflow-connection secret
  const aws = await startFakeAws({ secrets: { 'airflow/connections/fx_api': JSON.stringify({ token: 'tok-SECRET-123' }) } });
  const pages: Record<string, unknown> = {
    '': { data: [{ currency: 'EUR', rate_to_usd: '1.08', as_of: '2026-11-27T10:00:00Z' }, { currency: 'GBP', rate_to_usd: 1.27, as_of: '2026-11-27T10:00:00Z' }], meta: { next_cursor: 'c2' } },
    c2: { data: [{ currency: 'JPY', rate_to_usd: 0.0067, as_of: '2026-11-27T11:00:00Z', extra: 'dropped' }], meta: { next_cursor: 'c3' } },
    c3: { data: [{ currency: 'CHF', rate_to_usd: 1.13, as_of: '2026-11-27T12:00:00Z' }], meta: { next_cursor: null } },
  };
  const api = await startServer((req) => ({ body: pages[req.query.get('after') ?? ''] }));
  // AND a stale file in the day's partition from an earlier run
  const lake = tempDir('ingest');
  const partition = path.join(lake, 'fx_rates', `ds=${DS}`);
  fs.mkdirSync(partition, { recursive: true });
  fs.writeFileSync(path.join(partition, 'part-00000-stale.json'), '{"currency":"OLD"}\n');
  const node = apiNode(api.url, {
    path: '/rates/{{ds_nodash}}',
    query: { date: '{{ds}}', until: '{{next_ds}}' },
    auth: { store: 'airflow_connection', reference: 'fx_api' },
    pagination: { style: 'cursor', cursorParam: 'after', nextCursorPath: 'meta.next_cursor' },
  }, {
    id: 'fx_rates', format: 'jsonl', location: `${lake}/fx_rates/ds={{ds}}/`,
    columns: [{ name: 'currency', type: 'string', nullable: false }, { name: 'rate_to_usd', type: 'decimal(18,8)', nullable: false }, { name: 'as_of', type: 'timestamp', nullable: false }],
  });

  // WHEN the job runs under spark-submit
  const run = await runScript('api_ingest.py', DS, node, { spark: true, aws: aws.url });
  await api.close();
  await aws.close();

  // THEN it succeeded, read the secret by its Airflow-connection name and never printed it
  expect(run.stderr + run.stdout).not.toContain('tok-SECRET-123');
  expectExit(run, 0);
  expect(aws.calls).toEqual([{ target: 'secretsmanager.GetSecretValue', body: { SecretId: 'airflow/connections/fx_api' } }]);
  // AND it followed the cursors with the token, the resolved path and the resolved query
  expect(api.requests.map((r) => r.query.get('after'))).toEqual([null, 'c2', 'c3']);
  for (const r of api.requests) {
    expect(r.headers.authorization).toBe('Bearer tok-SECRET-123');
    expect(r.path).toBe('/rates/20261127');
    expect(r.query.get('date')).toBe(DS);
    expect(r.query.get('until')).toBe('2026-11-28');
  }
  // AND the partition holds exactly the day's four records, in the declared columns and types
  expect(fs.existsSync(path.join(partition, 'part-00000-stale.json'))).toBe(false);
  expect(readJsonLines(partition)).toEqual([
    { currency: 'EUR', rate_to_usd: 1.08, as_of: '2026-11-27T10:00:00.000Z' },
    { currency: 'GBP', rate_to_usd: 1.27, as_of: '2026-11-27T10:00:00.000Z' },
    { currency: 'JPY', rate_to_usd: 0.0067, as_of: '2026-11-27T11:00:00.000Z' },
    { currency: 'CHF', rate_to_usd: 1.13, as_of: '2026-11-27T12:00:00.000Z' },
  ]);
});

test('page pagination sends the page number and size until the first empty page', async () => {
  // GIVEN an API with five records served two per page
  const all = [1, 2, 3, 4, 5].map((i) => ({ ticket_id: `t${i}` }));
  const api = await startServer((req) => {
    const page = Number(req.query.get('page'));
    const size = Number(req.query.get('per_page'));
    return { body: { tickets: all.slice((page - 1) * size, page * size), total: all.length } };
  });
  // WHEN the records are fetched
  const records = await fetch(apiNode(api.url, { pagination: { style: 'page', pageParam: 'page', pageSizeParam: 'per_page', pageSize: 2 } }));
  await api.close();
  // THEN pages 1 to 4 were read (4 is empty) and every record arrived once, in order
  expect(api.requests.map((r) => [r.query.get('page'), r.query.get('per_page')])).toEqual([['1', '2'], ['2', '2'], ['3', '2'], ['4', '2']]);
  expect(records).toEqual(all);
});

test('link-header pagination follows rel="next" links, relative or absolute, and stops without one', async () => {
  // GIVEN an API whose pages link to the next one in the Link header
  let base = '';
  const api = await startServer((req) => {
    const page = Number(req.query.get('p') ?? '1');
    const links: Record<number, string> = {
      1: `<${base}/rates?p=1>; rel="first", </rates?p=2>; rel="next"`,
      2: `<${base}/rates?p=3>; rel="next"; title="page, three"`,
      3: `<${base}/rates?p=1>; rel="first"`,
    };
    return { headers: { Link: links[page] }, body: [{ page }] };
  });
  base = api.url;
  // WHEN the records are fetched
  const records = await fetch(apiNode(api.url, { pagination: { style: 'link_header' } }));
  await api.close();
  // THEN each page was read once
  expect(api.requests.map((r) => r.query.get('p'))).toEqual([null, '2', '3']);
  expect(records).toEqual([{ page: 1 }, { page: 2 }, { page: 3 }]);
});

test('a next link to another origin fails the job instead of sending the credentials there', async () => {
  // GIVEN an API whose next link points to another host
  const api = await startServer(() => ({ headers: { Link: '<http://127.0.0.2:9/steal>; rel="next"' }, body: [{ a: 1 }] }));
  // WHEN the job runs
  const run = await runScript('api_ingest.py', DS, apiNode(api.url, { pagination: { style: 'link_header' } }, { id: 'x', format: 'jsonl', location: `${tempDir('x')}/ds={{ds}}/` }));
  await api.close();
  // THEN it fails before writing anything and names the foreign origin
  expect(run.code).toBe(1);
  expect(run.stderr).toContain("leaves the API's origin (127.0.0.2:9)");
  expect(api.requests).toHaveLength(1);
});

test('a redirect to another origin is not followed, so the credentials never leave the API', async () => {
  // GIVEN an API behind a token that redirects to another host
  const aws = await startFakeAws({ secrets: { 'prod/fx': JSON.stringify({ token: 'tok-REDIRECT' }) } });
  const api = await startServer(() => ({ status: 302, headers: { Location: 'http://127.0.0.2:9/collect' } }));
  // WHEN the job runs
  const run = await runScript('api_ingest.py', DS, apiNode(api.url, { auth: { store: 'secretsmanager', reference: 'prod/fx' } }, { id: 'x', format: 'jsonl', location: `${tempDir('x')}/ds={{ds}}/` }), { aws: aws.url });
  await api.close();
  await aws.close();
  // THEN it fails naming the other origin, after the one request to the API
  expectExit(run, 1);
  expect(run.stderr).toContain('was redirected to another origin (127.0.0.2:9): not followed');
  expect(api.requests).toHaveLength(1);
});

test('no pagination makes one request; the records are the one array of the body or the body itself', async () => {
  // GIVEN two APIs: one answering an object with one array field, one answering a single object
  const list = await startServer(() => ({ body: { base: 'USD', rates: [{ c: 'EUR' }, { c: 'GBP' }] } }));
  const single = await startServer(() => ({ body: { c: 'EUR', rate: 1.08 } }));
  // WHEN both are fetched
  const fromList = await fetch(apiNode(list.url, {}));
  const fromSingle = await fetch(apiNode(single.url, {}));
  await list.close();
  await single.close();
  // THEN each was asked once
  expect([list.requests.length, single.requests.length]).toEqual([1, 1]);
  expect(fromList).toEqual([{ c: 'EUR' }, { c: 'GBP' }]);
  expect(fromSingle).toEqual([{ c: 'EUR', rate: 1.08 }]);
});

test('requests never exceed maxRequestsPerSecond in any one-second window', async () => {
  // GIVEN an API of 24 pages and a limit of 10 requests per second
  const api = await startServer((req) => ({ body: Number(req.query.get('page')) <= 24 ? [{ n: Number(req.query.get('page')) }] : [] }));
  // WHEN the records are fetched
  const records = await fetch(apiNode(api.url, { maxRequestsPerSecond: 10, pagination: { style: 'page', pageParam: 'page' } }));
  await api.close();
  // THEN all 25 requests were made, and any 11 consecutive arrivals span about one second: the
  // script spaces starts 100 ms apart, so 10 gaps take 1,000 ms; arrivals are measured at the server,
  // where a loaded machine delays some deliveries, so 200 ms are allowed (without the limiter the 25
  // requests arrive within a few milliseconds). The exact spacing is proven on a fake clock below.
  expect(records).toHaveLength(24);
  expect(api.requests).toHaveLength(25);
  expect(Math.min(...gaps(api.requests, 10))).toBeGreaterThanOrEqual(800);
});

test('5xx backs off exponentially and 429 waits for its Retry-After instead, then the request succeeds', async () => {
  // GIVEN an API that answers 500, then 502, then 429 (Retry-After: 1), then the records
  const answers: Array<{ status: number; headers?: Record<string, string> }> = [{ status: 500 }, { status: 502 }, { status: 429, headers: { 'Retry-After': '1' } }];
  const api = await startServer((_req, i) => (i < answers.length ? { ...answers[i], body: { error: 'busy' } } : { body: [{ ok: true }] }));
  // WHEN the records are fetched
  const records = await fetch(apiNode(api.url, {}));
  await api.close();
  // THEN the four attempts were spaced by 1 s and 2 s (backoff), then 1 s (Retry-After), not the 4 s
  // the backoff would have reached (arrivals measured at the server: 100 ms allowed for delivery delays)
  expect(records).toEqual([{ ok: true }]);
  expect(api.requests).toHaveLength(4);
  const g = gaps(api.requests, 1);
  expect(g[0]).toBeGreaterThanOrEqual(900);
  expect(g[1]).toBeGreaterThanOrEqual(1900);
  expect(g[2]).toBeGreaterThanOrEqual(900);
  expect(g[2]).toBeLessThan(3500);
});

test('a request that keeps failing is tried a bounded number of times and fails the job', async () => {
  // GIVEN an API that is always unavailable (Retry-After: 0 keeps the test fast)
  const api = await startServer(() => ({ status: 503, headers: { 'Retry-After': '0' }, body: 'down' }));
  // WHEN the job runs
  const run = await runScript('api_ingest.py', DS, apiNode(api.url, {}, { id: 'x', format: 'jsonl', location: `${tempDir('x')}/ds={{ds}}/` }));
  await api.close();
  // THEN it made six attempts and exited 1 with the status
  expect(api.requests).toHaveLength(6);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('HTTP 503 after 6 attempts');
});

test('a client error other than 429 is not retried', async () => {
  // GIVEN an API that answers 404
  const api = await startServer(() => ({ status: 404, body: { error: 'no such report' } }));
  // WHEN the job runs
  const run = await runScript('api_ingest.py', DS, apiNode(api.url, {}, { id: 'x', format: 'jsonl', location: `${tempDir('x')}/ds={{ds}}/` }));
  await api.close();
  // THEN one request was made and the job failed
  expect(api.requests).toHaveLength(1);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('HTTP 404 (not retried)');
});

test("the secret's JSON decides the auth header: username/password is Basic, header/value is that header", async () => {
  // GIVEN two secrets in Secrets Manager, and one that is not JSON
  const aws = await startFakeAws({ secrets: {
    'prod/basic': JSON.stringify({ username: 'svc', password: 'p@ss:w0rd' }),
    'prod/key': JSON.stringify({ header: 'X-Api-Key', value: 'k-777' }),
    'prod/raw': 'plain-text-VALUE',
  } });
  const api = await startServer(() => ({ body: [] }));
  const env = { AWS_ENDPOINT_URL_SECRETS_MANAGER: aws.url, AWS_ACCESS_KEY_ID: 'AKIAFAKE', AWS_SECRET_ACCESS_KEY: 'fake', AWS_DEFAULT_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
  // WHEN records are fetched with each
  await fetch(apiNode(api.url, { auth: { store: 'secretsmanager', reference: 'prod/basic' } }), env);
  await fetch(apiNode(api.url, { auth: { store: 'secretsmanager', reference: 'prod/key' } }), env);
  const raw = await runScript('api_ingest.py', DS, apiNode(api.url, { auth: { store: 'secretsmanager', reference: 'prod/raw' } }, { id: 'x', format: 'jsonl', location: '/nonexistent/ds={{ds}}/' }), { aws: aws.url });
  await api.close();
  await aws.close();
  // THEN the headers follow the secret's fields
  expect(api.requests[0].headers.authorization).toBe(`Basic ${Buffer.from('svc:p@ss:w0rd').toString('base64')}`);
  expect(api.requests[1].headers['x-api-key']).toBe('k-777');
  expect(api.requests[1].headers.authorization).toBeUndefined();
  // AND a secret that is not JSON fails the job before any request, without showing its value
  expect(api.requests).toHaveLength(2);
  expect(raw.code).toBe(1);
  expect(raw.stderr).toContain("secret 'prod/raw': the secret's value is not JSON");
  expect(raw.stderr + raw.stdout).not.toContain('plain-text-VALUE');
});
