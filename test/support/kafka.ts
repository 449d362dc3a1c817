import { ChildProcess, execFileSync, spawn, spawnSync } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * The Kafka JARs that python/ensure-kafka.sh fetched (which `npm test` runs first, so this only
 * looks them up): `broker` (Kafka and its tools, a classpath folder) and `spark` (Spark's Kafka
 * data source and what it needs beyond PySpark's own jars).
 */
export function kafkaJars(): { readonly broker: string; readonly spark: string[] } {
  const dir = execFileSync('bash', [path.join(ROOT, 'python', 'ensure-kafka.sh')], { encoding: 'utf-8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  const spark = path.join(dir, 'spark');
  return { broker: path.join(dir, 'broker'), spark: fs.readdirSync(spark).filter((f) => f.endsWith('.jar')).sort().map((f) => path.join(spark, f)) };
}

/** One record as Kafka's console consumer printed it. */
export interface ConsumedRecord {
  readonly partition: number;
  readonly offset: number;
  readonly headers: Record<string, string>;
  readonly key: string;
  readonly value: string;
}

/** A single-node Kafka broker (KRaft, plain text) on 127.0.0.1, in a folder of its own. */
export interface KafkaBroker {
  /** `127.0.0.1:<port>`. */
  readonly bootstrapServers: string;
  /** Create a topic (the broker creates none by itself, as Amazon MSK's default). */
  createTopic(topic: string, partitions: number): void;
  /** The end offset of each partition of a topic: how many records it holds (nothing is ever deleted here). */
  endOffsets(topic: string): number[];
  /** Every record of a topic from the start (as many as its end offsets say), read by Kafka's console consumer. */
  consume(topic: string): ConsumedRecord[];
  /** Stop the broker and delete its folder. */
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (the OS picks it; the broker binds it a moment later). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

// The serial collector and the quick-start compiler: a short-lived JVM costs half the CPU.
const JVM = ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Xshare:auto'];

function java(classpath: string, main: string, args: string[], timeoutMs = 60_000): string {
  const run = spawnSync('java', [...JVM, '-Xmx256m', '-cp', `${classpath}/*`, main, ...args], { encoding: 'utf-8', timeout: timeoutMs });
  if (run.status !== 0) throw new Error(`${main} ${args.join(' ')} failed (${run.status ?? run.signal}):\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

/**
 * Start a broker: format its storage with Kafka's StorageTool, then run `kafka.Kafka` as broker
 * and controller on two free ports, and wait until it says it started (at most 60 s).
 */
export async function startKafka(): Promise<KafkaBroker> {
  const { broker: classpath } = kafkaJars();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-kafka-'));
  const [port, controllerPort] = [await freePort(), await freePort()];
  const properties = path.join(dir, 'server.properties');
  fs.writeFileSync(properties, [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${path.join(dir, 'data')}`,
    'auto.create.topics.enable=false',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    '',
  ].join('\n'));
  const log4j = path.join(dir, 'log4j2.properties');
  fs.writeFileSync(log4j, [
    'appender.out.type=Console',
    'appender.out.name=out',
    'appender.out.layout.type=PatternLayout',
    'appender.out.layout.pattern=[%d] %p %m (%c)%n',
    'rootLogger.level=warn',
    'rootLogger.appenderRef.out.ref=out',
    'logger.server.name=kafka.server.KafkaRaftServer',
    'logger.server.level=info',
    '',
  ].join('\n'));
  // A cluster id is 16 random bytes in URL-safe base64; Kafka's own never starts with '-'.
  const clusterId = `A${randomBytes(16).toString('base64url').slice(1)}`;
  try {
    java(classpath, 'kafka.tools.StorageTool', ['format', `--cluster-id=${clusterId}`, `--config=${properties}`]);
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }

  const child: ChildProcess = spawn('java', [...JVM, '-Xmx512m', `-Dlog4j2.configurationFile=${log4j}`, '-cp', `${classpath}/*`, 'kafka.Kafka', properties], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the Kafka broker did not start in 60 s:\n${output.slice(-4000)}`)), 60_000);
      const onData = (d: Buffer) => {
        output += d;
        if (output.includes('Kafka Server started')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the Kafka broker exited (${code}):\n${output.slice(-4000)}`));
      });
    });
  } catch (e) {
    await stop();
    throw e;
  }

  const bootstrapServers = `127.0.0.1:${port}`;
  const endOffsets = (topic: string) => java(classpath, 'org.apache.kafka.tools.GetOffsetShell', ['--bootstrap-server', bootstrapServers, '--topic', topic])
    // <topic>:<partition>:<end offset>, one line a partition
    .split('\n').filter((l) => l.startsWith(`${topic}:`)).map((l) => l.split(':'))
    .sort((a, b) => Number(a[1]) - Number(b[1])).map((f) => Number(f[2]));
  return {
    bootstrapServers,
    createTopic: (topic, partitions) => {
      java(classpath, 'org.apache.kafka.tools.TopicCommand', ['--bootstrap-server', bootstrapServers, '--create', '--topic', topic,
        '--partitions', String(partitions), '--replication-factor', '1']);
    },
    endOffsets,
    consume: (topic) => {
      // Read exactly as many records as the topic holds: no idle wait at the end, and the
      // time-out only guards against a consumer that gets fewer.
      const count = endOffsets(topic).reduce((a, b) => a + b, 0);
      if (count === 0) return [];
      const out = java(classpath, 'org.apache.kafka.tools.consumer.ConsoleConsumer', ['--bootstrap-server', bootstrapServers, '--topic', topic,
        '--from-beginning', '--max-messages', String(count), '--timeout-ms', '30000', '--group', `check-${randomBytes(4).toString('hex')}`,
        '--property', 'print.partition=true', '--property', 'print.offset=true',
        '--property', 'print.headers=true', '--property', 'print.key=true']);
      // Partition:<n> TAB Offset:<n> TAB <k:v,k:v or NO_HEADERS> TAB <key> TAB <value>; the
      // consumer's log lines (its time-out is logged as an error) go to stdout too.
      return out.split('\n').filter((l) => l.startsWith('Partition:')).map((line) => {
        const [partition, offset, headers, key, ...value] = line.split('\t');
        return {
          partition: Number(partition.replace('Partition:', '')),
          offset: Number(offset.replace('Offset:', '')),
          headers: headers === 'NO_HEADERS' ? {} : Object.fromEntries(headers.split(',').map((h) => [h.slice(0, h.indexOf(':')), h.slice(h.indexOf(':') + 1)])),
          key,
          value: value.join('\t'),
        };
      });
    },
    stop,
  };
}
