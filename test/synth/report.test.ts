import * as fs from 'fs';
import { Annotations, App, Size, Stack } from 'aws-cdk-lib/core';
import { Annotations as Assertions, Match } from 'aws-cdk-lib/assertions';
import { DatabaseEngine, DatabaseSource, Errors, EventBus, EventSink, IngestMode, Secret } from '../../lib';
import { endSession, startSession } from '../../lib/synth/session';
import { tempDir } from '../fixtures';
import { newWorkflow, ordersSource } from '../util';

/** The line of test/util.ts where `ordersSource` creates the source: where its warnings are located. */
const ORDERS_LINE = fs.readFileSync(`${__dirname}/../util.ts`, 'utf8').split('\n').findIndex((l) => l.includes('return new DatabaseSource(workflow, id, {')) + 1;

/** The line number in this file of the line that ends with `marker`. */
function lineOf(marker: string): number {
  return fs.readFileSync(__filename, 'utf8').split('\n').findIndex((l) => l.endsWith(marker)) + 1;
}

/** An app whose only finding is a large single-connection read (TRB018) on the node 'Orders'. */
function warnedApp() {
  const app = new App({ outdir: tempDir(), analyticsReporting: false, builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'Data');
  const workflow = newWorkflow({}, 'Pipeline', stack);
  const orders = ordersSource(workflow, 'Orders', Size.gibibytes(200));
  new EventSink(workflow, 'Done', { inputs: [orders.output], bus: EventBus.eventBridge('bus'), source: 'com.example.app', detailType: 'Done' });
  return { app, stack, orders };
}

/** What `f` wrote to stderr. */
function stderrOf(f: () => void): string {
  let text = '';
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => { text += String(chunk); return true; });
  try {
    f();
  } finally {
    spy.mockRestore();
  }
  return text;
}

/** Run `f` with `env` set, then restore it. */
function withEnv<T>(env: Record<string, string>, f: () => T): T {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return f();
  } finally {
    process.env = saved;
  }
}

test('app.synth() prints each warning once, compiler style, at the line of the user\'s code that created the construct, with the fix', () => {
  // GIVEN
  const { app } = warnedApp();

  // WHEN
  const printed = stderrOf(() => app.synth());

  // THEN it is located where the construct was created, outside the library: test/util.ts, in ordersSource
  expect(printed.match(/warning TRB018/g)).toHaveLength(1);
  expect(printed).toMatch(new RegExp(`^test/util\\.ts:${ORDERS_LINE}:10: warning TRB018 'orders' reads 200\\.0 GiB a day from 'public\\.orders' over a single JDBC connection\\n {2}at: Data/Pipeline/Orders\\n {2}fix: set partitionedRead`));
  expect(printed).toMatch(/\n {2}see: docs\/errors\.md#trb018\n$/);
  // AND a second synth of the same app prints nothing more
  expect(stderrOf(() => app.synth())).toBe('');
});

test('a construct created in the user\'s own file is located at that file\'s line and column', () => {
  // GIVEN a node that warns, created on a known line of this file
  const app = new App({ outdir: tempDir(), analyticsReporting: false, builtinCloudFormationValidation: false });
  const workflow = newWorkflow({}, 'Pipeline', new Stack(app, 'Data'));
  const orders = new DatabaseSource(workflow, 'Orders', { engine: DatabaseEngine.POSTGRES, connection: Secret.fromSecretsManager('prod/db'), table: 'public.orders', ingest: IngestMode.incremental({ cursorColumn: 'updated_at' }), estimatedSize: Size.gibibytes(200) }); // CREATED HERE
  new EventSink(workflow, 'Done', { inputs: [orders.output], bus: EventBus.eventBridge('bus'), source: 'com.example.app', detailType: 'Done' });

  // WHEN
  const printed = stderrOf(() => app.synth());

  // THEN
  const line = lineOf('// CREATED HERE');
  const column = fs.readFileSync(__filename, 'utf8').split('\n')[line - 1].indexOf('new DatabaseSource') + 1;
  expect(printed).toMatch(new RegExp(`^test/synth/report\\.test\\.ts:${line}:${column}: warning TRB018 `));
});

test('a warning acknowledged with aws-cdk-lib\'s standard API, on the node or on a scope above it, is neither printed nor annotated', () => {
  // GIVEN two apps with the same warning, one acknowledged on the node and one on the stack
  const onNode = warnedApp();
  Annotations.of(onNode.orders).acknowledgeWarning('tributary:TRB018', 'the replica is idle at night');
  const onStack = warnedApp();
  Annotations.of(onStack.stack).acknowledgeWarning('tributary:TRB018', 'every read of this stack is small in practice');

  // WHEN
  const printed = stderrOf(() => {
    onNode.app.synth();
    onStack.app.synth();
  });

  // THEN
  expect(printed).toBe('');
  Assertions.fromStack(onNode.stack).hasNoWarning('*', Match.anyValue());
  Assertions.fromStack(onStack.stack).hasNoWarning('*', Match.anyValue());
});

test('an unacknowledged warning is annotated on its node, with its code, location and fix, under the acknowledgeable id', () => {
  // GIVEN
  const { app, stack } = warnedApp();

  // WHEN
  stderrOf(() => app.synth());

  // THEN
  Assertions.fromStack(stack).hasWarning('/Data/Pipeline/Orders', Match.stringLikeRegexp(
    `^TRB018 \\(test/util\\.ts:${ORDERS_LINE}:10\\) .*single JDBC connection\\n {2}fix: set partitionedRead.*\\n {2}see: docs/errors\\.md#trb018 \\[ack: tributary:TRB018\\]$`));
});

test('under the AWS CDK CLI nothing is printed (the CLI prints each annotation), and the annotation\'s trace is the user\'s line', () => {
  // GIVEN
  const { app, orders } = warnedApp();

  // WHEN
  const printed = withEnv({ CDK_CLI_ASM_VERSION: '53.0.0' }, () => stderrOf(() => app.synth()));

  // THEN
  expect(printed).toBe('');
  const entry = orders.node.metadata.find((m) => m.type === 'aws:cdk:warning')!;
  expect(entry.trace).toEqual([`at Data/Pipeline/Orders (${process.cwd()}/test/util.ts:${ORDERS_LINE}:10)`]);
});

test('in a CLI session warnings are recorded instead of printed; with strict they fail the synth as errors and nothing is written', () => {
  // GIVEN
  const plain = warnedApp();
  const strict = warnedApp();

  // WHEN
  const session = startSession();
  let printed: string;
  try {
    printed = stderrOf(() => plain.app.synth());
  } finally {
    endSession();
  }
  startSession({ strict: true });
  let error: unknown;
  try {
    strict.app.synth();
  } catch (e) {
    error = e;
  } finally {
    endSession();
  }

  // THEN
  expect(printed).toBe('');
  expect(session.warnings.map((d) => [d.code, d.path])).toEqual([['TRB018', 'Data/Pipeline/Orders']]);
  expect(Errors.diagnosticsOf(error).map((d) => [d.code, d.severity])).toEqual([['TRB018', 'error']]);
  expect(fs.existsSync(`${strict.app.outdir}/tributary`)).toBe(false);
});
