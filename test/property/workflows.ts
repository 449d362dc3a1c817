import { App, Aws, Duration, Size } from 'aws-cdk-lib/core';
import fc from 'fast-check';
import {
  ApiSink, ApiSource, CheckRule, CheckSeverity, ColumnType, DataFormat, DatabaseEngine, DatabaseSource, Dataset, Engine, Errors, EventBus,
  EventPayload, EventSink, HttpMethod, IngestMode, LogSource, Pagination, QualityCheck, Schedule, Schema, Secret, SparkTask, SqlTask,
  Testing, WarehouseSink, Workflow, WorkflowNode, WriteMode,
} from '../../lib';

/**
 * Random workflows as a JavaScript caller could write them: random DAG shapes (up to a few hundred
 * nodes), every node kind, valid props with random mutations to hostile strings and wrong types.
 * A plan is plain data (shrinkable, printable); `build` turns it into constructs.
 */

/** Strings an attacker or a careless caller could pass. */
const HOSTILE_TEXT = [
  '', ' ', "'", '"', '\\', '\n', '\r\n', '\u0000', '\u202e', '\u2066', '\u200b', '\t', '`', '${x}', '<b>', '&amp;', '#quot;', ']', ')', '|', ';',
  '{{ds}}', '{{ ds }}', '{{date}}', '{{', '}}', '{% if x %}', '{# c #}', '%%{init: {"theme": "dark"}}%%', '%%', '-->', 'end', 'click a call alert()',
  '..', '../..', '/', 'C:\\x', 'é', '日本', '😀', '\ud800', 'AKIAIOSFODNN7EXAMPLE', '--password', 'password=hunter2', 'https://u:p@h/x',
];

/** A string from the hostile alphabet: pieces of hostile text and plain characters, sometimes very long. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.oneof(fc.constantFrom(...HOSTILE_TEXT), fc.string({ maxLength: 4 })), { maxLength: 5 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', 'A', '/', '{', ' ', '\n', 'aA'), fc.integer({ min: 1000, max: 100000 })).map(([c, n]) => c.repeat(Math.ceil(n / c.length))) },
  { weight: 1, arbitrary: fc.constant(`s3://lake-${Aws.ACCOUNT_ID}/x/{{ds}}/`) },
);

/** Values of the wrong type, as a JavaScript or Python caller could pass them. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, undefined, 0, -1, 1.5, Number.NaN, Infinity, -Infinity, true, 'ERROR', 'merge', 'xml', 'DELETE', 'oracle', {}, [], ['a', 'b'],
    { seconds: 5 }, { amount: 5, unit: 'GiB' }, () => 1, Symbol.for('x'), 10n as unknown, new Date(0), 'Duration.seconds(5)', '5 minutes'),
  hostileString,
  fc.integer(),
  fc.double(),
);

/** A replacement for one prop: which one (an index into the node's prop names, wrapped) and its new value. */
export interface Mutation { readonly prop: number; readonly value: unknown }

/** One node of a plan. */
export interface NodePlan {
  readonly kind: number;
  readonly id: string;
  /** Inputs, as distances back to an earlier producing node. */
  readonly inputs: readonly number[];
  /** Extra dependencies, as indices of any node (a later one can make a cycle). */
  readonly deps: readonly number[];
  readonly mutations: readonly Mutation[];
  readonly size: number;
}

/** A workflow plan. */
export interface WorkflowPlan {
  readonly id: string;
  readonly nodes: readonly NodePlan[];
  readonly workflowMutations: readonly Mutation[];
  readonly ownLake: boolean;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({ prop: fc.nat(40), value: wrongValue });
const plainId = fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,12}$/);

const nodePlan: fc.Arbitrary<NodePlan> = fc.record({
  kind: fc.nat(KINDS_COUNT()),
  id: fc.oneof({ weight: 40, arbitrary: plainId }, { weight: 1, arbitrary: hostileString }),
  inputs: fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 3 }),
  deps: fc.oneof({ weight: 30, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(fc.nat(400), { minLength: 1, maxLength: 2 }) }),
  mutations: fc.oneof({ weight: 12, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 2 }) }),
  size: fc.constantFrom(0, 0, 1, 20, 20, 2000),
});

/** A node with valid props and no extra dependency: large workflows of them synthesize, so that large artifacts are validated too. */
const cleanNodePlan: fc.Arbitrary<NodePlan> = nodePlan.map((n) => ({ ...n, id: /^[A-Z][A-Za-z0-9]*$/.test(n.id) ? n.id : 'N', deps: [], mutations: [], size: Math.min(n.size, 20) }));

/** Plans of up to `maxNodes` nodes; most are small, a few are large (half of those free of mutations). */
export function workflowPlan(maxNodes = 300): fc.Arbitrary<WorkflowPlan> {
  return fc.record({
    id: fc.oneof({ weight: 12, arbitrary: plainId }, { weight: 1, arbitrary: hostileString }),
    nodes: fc.oneof(
      { weight: 100, arbitrary: fc.array(nodePlan, { minLength: 1, maxLength: 12 }) },
      { weight: 1, arbitrary: fc.array(nodePlan, { minLength: 50, maxLength: maxNodes, size: 'max' }) },
      { weight: 1, arbitrary: fc.array(cleanNodePlan, { minLength: 50, maxLength: maxNodes, size: 'max' }) },
    ),
    workflowMutations: fc.oneof({ weight: 12, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 2 }) }),
    ownLake: fc.boolean(),
  });
}

function KINDS_COUNT(): number {
  return 8;
}

/** Apply mutations to a props object: each replaces one of its props (by index, wrapped) with a wrong value. */
function mutate<T extends object>(props: T, mutations: readonly Mutation[]): T {
  const keys = Object.keys(props);
  const out = { ...props } as Record<string, unknown>;
  for (const m of mutations) out[keys[m.prop % keys.length]] = m.value;
  return out as T;
}

const COLUMNS = () => Schema.of([
  { name: 'id', type: ColumnType.BIGINT, nullable: false },
  { name: 'amount', type: ColumnType.decimal(18, 2) },
  { name: 'updated_at', type: ColumnType.TIMESTAMP },
  { name: 'ds', type: ColumnType.DATE },
]);

/** Build the plan's app and workflow. Throws whatever the constructors throw. */
export function build(plan: WorkflowPlan): Workflow {
  const stack = new App({ analyticsReporting: false });
  const workflow = new Workflow(stack, plan.id, mutate({
    schedule: Schedule.daily({ hour: 2 }),
    startDate: '2026-01-01',
    owner: 'team@example.com',
    warehouse: { database: 'analytics', workgroupName: 'etl' },
    lakeLocation: plan.ownLake ? 's3://acme-lake/property' : undefined,
    description: 'random',
    defaults: { retries: 1, timeout: Duration.hours(1) },
    tags: { team: 'data' },
  }, plan.workflowMutations));
  const nodes: WorkflowNode[] = [];
  const outputs: Dataset[] = [];
  plan.nodes.forEach((n, i) => {
    const pick = (k: number) => (outputs.length === 0 ? undefined : outputs[Math.max(0, outputs.length - k)]);
    const inputs = [...new Set(n.inputs.map(pick).filter((d): d is Dataset => d !== undefined))];
    const id = plan.nodes.slice(0, i).some((m) => m.id === n.id) ? `${n.id}_${i}` : n.id;
    const size = n.size === 0 ? undefined : Size.gibibytes(n.size);
    const m = n.mutations;
    let node: WorkflowNode & { output?: Dataset };
    if (inputs.length === 0 || n.kind === 0) {
      node = [
        () => new DatabaseSource(workflow, id, mutate({
          engine: DatabaseEngine.POSTGRES, connection: Secret.fromSecretsManager('prod/db/reader'), table: `public.t${i}`,
          ingest: n.size > 10000 ? IngestMode.snapshotExport() : IngestMode.incremental({ cursorColumn: 'updated_at' }),
          output: { schema: COLUMNS(), estimatedSize: size }, partitionedRead: n.size >= 2000 ? { column: 'id', numPartitions: 8 } : undefined,
        }, m)),
        () => new LogSource(workflow, id, mutate({
          location: `s3://acme-logs/l${i}/dt={{ds}}/`, format: DataFormat.PARQUET, output: { schema: COLUMNS(), estimatedSize: size },
          pollInterval: Duration.minutes(5), arrivalTimeout: Duration.hours(2),
        }, m)),
        () => new ApiSource(workflow, id, mutate({
          baseUrl: 'https://api.example.com', path: `/r/${i}/{{ds}}`, query: { on: '{{ds}}' }, auth: Secret.fromAirflowConnection('api'),
          pagination: Pagination.cursor({ cursorParam: 'after', nextCursorPath: 'meta.next' }), maxRequestsPerSecond: 2,
          output: { schema: COLUMNS() },
        }, m)),
      ][i % 3]();
    } else {
      const one = inputs[0];
      const builders = [
        () => new SparkTask(workflow, id, mutate({
          script: 's3://acme-jobs/job.py', inputs, arguments: ['--ds', '{{ds}}'], output: { schema: COLUMNS(), estimatedSize: size },
          resources: { executorCpu: 4, maxExecutors: 10 }, sparkConf: { 'spark.sql.shuffle.partitions': '64' },
        }, m)),
        () => new SqlTask(workflow, id, mutate({ sql: 'insert into x select * from y where ds = \'{{ds}}\'', inputs, table: `marts.t${i}`, output: { schema: COLUMNS() } }, m)),
        () => new QualityCheck(workflow, id, mutate({
          input: one, rules: [CheckRule.notNull(['id']), CheckRule.rowCountAtLeast(1), CheckRule.freshness('updated_at', Duration.hours(2))],
          severity: CheckSeverity.ERROR, engine: i % 2 === 0 ? Engine.SPARK : undefined,
        }, m)),
        () => new WarehouseSink(workflow, id, mutate({ input: one, table: `analytics.t${i}`, writeMode: WriteMode.merge(['id']) }, m)),
        () => new ApiSink(workflow, id, mutate({ input: one, url: 'https://crm.example.com/x', method: HttpMethod.PUT, idempotencyKey: 'id', batchSize: 100 }, m)),
        () => new EventSink(workflow, id, mutate({
          inputs: inputs.slice(0, 10), bus: EventBus.eventBridge('bus'), source: 'com.acme.x', detailType: 'Ready',
          payload: i % 2 === 0 ? EventPayload.completion() : EventPayload.records('id'),
        }, m)),
        () => new WarehouseSink(workflow, id, mutate({ input: one, table: `analytics.o${i}`, writeMode: WriteMode.overwritePartition() }, m)),
      ];
      node = builders[n.kind % builders.length]();
    }
    nodes.push(node);
    if (node.output) outputs.push(node.output);
  });
  plan.nodes.forEach((n, i) => n.deps.forEach((d) => nodes[i].addDependency(nodes[d % nodes.length])));
  return workflow;
}

/** What one plan gave: files, or the code of the Tributary error it was refused with. */
export type Outcome = { readonly files: Record<string, string> } | { readonly codes: string[]; readonly message: string };

/** Build and synthesize a plan. Returns files or a coded Tributary error; any other exception is thrown on. */
export function synthesize(plan: WorkflowPlan): Outcome {
  try {
    return { files: Testing.synth(build(plan)) };
  } catch (e) {
    if (Errors.isValidationError(e)) return { codes: Errors.diagnosticsOf(e).map((d) => d.code), message: (e as Error).message };
    if (Errors.isTributaryError(e)) return { codes: [(e as { code: string }).code], message: (e as Error).message };
    throw e;
  }
}

/** Why a Tributary error's message is not safe to print, or undefined: raw controls or bidi, JavaScript leaks, unbounded length. */
export function messageProblem(message: string, diagnosticCount: number): string | undefined {
  const lines = message.split('\n');
  if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(message)) return 'a raw control or bidi character';
  if (/\bundefined\b|\bNaN\b|\[object Object\]|Duration\.seconds\(NaN\)/.test(message)) return 'a JavaScript value printed by accident';
  if (lines.some((line) => line.length > 2000)) return 'a line longer than 2,000 characters';
  if (message.length > 3000 * Math.max(1, diagnosticCount) + 200) return 'a message out of proportion to its diagnostics';
  return undefined;
}
