import { spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { pythonEnv } from './python';

/** The generic job scripts shipped in the package. */
export const SCRIPTS = path.resolve(__dirname, '..', '..', 'scripts');

/** One request a test server received. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  /** Arrival time in milliseconds (monotonic). */
  readonly at: number;
}

/** What a handler answers. */
export interface Reply {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

/** A local HTTP server on 127.0.0.1 that records every request and answers with `handler`. */
export interface TestServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Start a server on 127.0.0.1 with a free port. */
export async function startServer(handler: (req: RecordedRequest, index: number) => Reply): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    const at = performance.now();
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      const recorded: RecordedRequest = { method: req.method ?? '', path: u.pathname, query: u.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf-8'), at };
      requests.push(recorded);
      let reply: Reply;
      try {
        reply = handler(recorded, requests.length - 1);
      } catch (e) {
        reply = { status: 599, body: { error: String(e) } };
      }
      const body = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      res.writeHead(reply.status ?? 200, { 'Content-Type': 'application/json', ...(reply.headers ?? {}) });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A PutEvents entry as the fake EventBridge received it. */
export interface ReceivedEvent {
  readonly Source: string;
  readonly DetailType: string;
  readonly Detail: string;
  readonly EventBusName: string;
}

/**
 * A stand-in for the AWS JSON APIs the scripts call (Secrets Manager GetSecretValue, EventBridge
 * PutEvents), reached through the standard AWS_ENDPOINT_URL_<SERVICE_ID> variables
 * (AWS_ENDPOINT_URL_SECRETS_MANAGER, AWS_ENDPOINT_URL_EVENTBRIDGE: the service ids, not the client names). It records each
 * call; `failEntry` makes PutEvents report an entry as failed (the script must retry it).
 */
export async function startFakeAws(options: { secrets?: Record<string, string>; failEntry?: (entry: ReceivedEvent, call: number) => boolean } = {}) {
  const calls: { target: string; body: any }[] = [];
  const server = await startServer((req) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const body = JSON.parse(req.body || '{}');
    calls.push({ target, body });
    if (target === 'secretsmanager.GetSecretValue') {
      const value = options.secrets?.[body.SecretId];
      if (value === undefined) {
        return { status: 400, headers: { 'Content-Type': 'application/x-amz-json-1.1' }, body: { __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." } };
      }
      return { headers: { 'Content-Type': 'application/x-amz-json-1.1' }, body: { ARN: `arn:aws:secretsmanager:us-east-1:000000000000:secret:${body.SecretId}`, Name: body.SecretId, SecretString: value, VersionId: 'v1' } };
    }
    if (target === 'AWSEvents.PutEvents') {
      const callNo = calls.filter((c) => c.target === target).length;
      const entries = (body.Entries as ReceivedEvent[]).map((e, i) =>
        options.failEntry?.(e, callNo) ? { ErrorCode: 'InternalFailure', ErrorMessage: 'try again' } : { EventId: `ev-${callNo}-${i}` });
      return { headers: { 'Content-Type': 'application/x-amz-json-1.1' }, body: { FailedEntryCount: entries.filter((e) => 'ErrorCode' in e).length, Entries: entries } };
    }
    return { status: 400, body: { __type: 'UnknownOperationException' } };
  });
  return { ...server, calls };
}

/**
 * JVM options of the local Spark driver in tests: the quick-start compiler and the serial
 * collector halve the CPU a short local job costs (about 11 to 5 CPU-seconds measured here).
 */
export const JVM_OPTIONS = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC';

/** The result of a script run. */
export interface ScriptRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** How to run a script. */
export interface RunOptions {
  /** Run under `spark-submit --master local[1]` (default: the venv's python). */
  readonly spark?: boolean;
  /** Endpoint of the fake AWS APIs. */
  readonly aws?: string;
  /** Extra environment. */
  readonly env?: Record<string, string>;
}

/**
 * Run `scripts/<script>` with `--ds` and `--node` as an EMR job run would (the shared module on
 * the Python path, as `--py-files` puts it there), with fake AWS credentials and no proxy.
 */
export function runScript(script: string, ds: string, node: unknown, options: RunOptions = {}): Promise<ScriptRun> {
  const py = pythonEnv();
  const env = isolatedEnv();
  Object.assign(env, {
    PATH: `${path.join(py.venv, 'bin')}:${process.env.PATH}`,
    PYTHONPATH: SCRIPTS,
    PYSPARK_PYTHON: py.python,
    SPARK_LOCAL_IP: '127.0.0.1',
    AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKE',
    AWS_SECRET_ACCESS_KEY: 'fake-secret-key',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    ...(options.aws ? { AWS_ENDPOINT_URL_SECRETS_MANAGER: options.aws, AWS_ENDPOINT_URL_EVENTBRIDGE: options.aws } : {}),
    ...(options.env ?? {}),
  });
  const args = ['--ds', ds, '--node', JSON.stringify(node)];
  const [cmd, argv] = options.spark
    ? [py.bin('spark-submit'), ['--master', 'local[1]', '--conf', 'spark.ui.enabled=false', '--conf', 'spark.sql.shuffle.partitions=1',
      '--driver-java-options', JVM_OPTIONS, '--py-files', path.join(SCRIPTS, 'tributary_jobs.py'), path.join(SCRIPTS, script), ...args]]
    : [py.python, [path.join(SCRIPTS, script), ...args]];
  return runProcess(cmd, argv, env);
}

/** Run Python code with the scripts on the path (for a script's functions); stdout is returned. */
export function runPython(code: string, env: Record<string, string> = {}): Promise<ScriptRun> {
  return runProcess(pythonEnv().python, ['-c', code], { ...process.env, PYTHONPATH: SCRIPTS, ...env });
}

/** Run a process to its end, with its output collected. */
export function runProcess(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** This process's environment without proxies, AWS settings or Spark/PySpark settings: what a script run starts from. */
export function isolatedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(https?_proxy|all_proxy|no_proxy|AWS_.*|PYSPARK_.*|SPARK_HOME)$/i.test(k)) env[k] = v;
  }
  return env;
}

/** A new temporary folder. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `tributary-${prefix}-`));
}

/** The JSON records of every part file in a folder Spark wrote, in file order. */
export function readJsonLines(dir: string): any[] {
  return fs.readdirSync(dir).filter((f) => f.startsWith('part-')).sort()
    .flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf-8').split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l)));
}

/** Assert a run's exit code, showing the end of its output when it differs. */
export function expectExit(run: ScriptRun, code: number): void {
  if (run.code !== code) {
    throw new Error(`expected exit ${code}, got ${run.code}\n--- stdout\n${run.stdout.slice(-3000)}\n--- stderr\n${run.stderr.slice(-6000)}`);
  }
}
