import { EdgeKind, Engine, GraphNode, NodeKind, WorkflowGraph } from '../../../lib';
import { graphNode, graphWorkflow } from '../../fixtures';

/**
 * A string with everything that could break out of a Python literal or be read by Jinja: both
 * quotes, triple quotes, backslashes, `\N{...}`, newlines, `{{ }}`, `{% %}`, `{#  #}`, unicode
 * beyond the BMP, NUL, and code that would create `sentinel` if it ever ran.
 */
export function hostileString(sentinel: string): string {
  return [
    `it's "quoted" ''' """ \\ \\n \\N{BULLET} \\x41`,
    `line two\r\n\ttabbed {{ 7 * 7 }} {{ds }} {% if true %}yes{% endif %} {# note #} {{{ x }}} {%- raw %}`,
    `é ü 中文 😀 \u0000 NUL \u2028 \u007f`,
    `'); open(${JSON.stringify(sentinel)}, 'w').close(); ('`,
    `"""); __import__('os').system('touch ${sentinel}'); ("""`,
    `{{ ''.__class__.__mro__[1].__subclasses__() }} {{ cycler.__init__.__globals__.os.system('touch ${sentinel}') }}`,
  ].join('\n');
}

/** A short hostile string for DAG tags (Airflow allows 100 characters a tag). */
export const HOSTILE_TAG = `'"\\{{x}}{%y%}{#z#}\n\u0000é😀`;

/**
 * A graph (built as data, bypassing validation) with `text` in every user string the Airflow
 * target writes: workflow description, owner, tags and warehouse; every node kind's settings,
 * SQL, locations, arguments and descriptions.
 */
export function hostileGraph(text: string): WorkflowGraph {
  const node = (id: string, props: Partial<GraphNode>) => graphNode(id, { path: `Test/Hostile/${id}`, description: text, ...props });
  const lake = (id: string) => ({ id, location: `s3://bucket/${text}/${id}/ds={{ds}}/`, format: 'parquet' });
  const nodes: GraphNode[] = [
    node('logs', {
      kind: NodeKind.SOURCE, type: 'LogSource', engine: Engine.SENSOR, output: lake('logs'),
      properties: { arrivalTimeoutSeconds: 3600, pollIntervalSeconds: 120, completionMarker: text },
    }),
    node('spark', {
      inputs: ['logs'], upstream: ['logs'], output: lake('spark'), retries: 5, timeoutSeconds: 7200,
      properties: { script: `s3://bucket/${text}.py`, arguments: [text, '{{ds}}', `${text} x.sql`, `${text}\n`], sparkConf: {} },
    }),
    node('api', {
      kind: NodeKind.SOURCE, type: 'ApiSource', engine: Engine.SINGLE_WORKER, output: lake('api'),
      properties: { baseUrl: text, path: text, query: { [text]: text } },
    }),
    node('export', {
      kind: NodeKind.SOURCE, type: 'DatabaseSource', engine: Engine.DATABASE_EXPORT, output: lake('export'),
      properties: { table: text, ingest: { mode: 'snapshot_export' }, connection: { store: 'secretsmanager', reference: text } },
    }),
    node('sql', {
      type: 'SqlTask', engine: Engine.WAREHOUSE, inputs: ['spark'], upstream: ['spark'],
      output: { id: 'sql', location: 'warehouse://s.t', format: 'warehouse_table' },
      properties: { sql: `${text}\n-- the end.sql`, table: 's.t' },
    }),
    node('check', {
      type: 'QualityCheck', engine: Engine.WAREHOUSE, inputs: ['sql'], upstream: ['sql'], audits: 'sql', gatesSinks: true,
      output: { id: 'check', location: 'warehouse://s.t', format: 'warehouse_table' },
      properties: {
        severity: 'error',
        rules: [
          { rule: 'not_null', columns: [text] },
          { rule: 'custom_sql', name: text, sql: `SELECT * FROM {{table}} WHERE note = ${JSON.stringify(text)}` },
        ],
      },
    }),
    node('load', {
      kind: NodeKind.SINK, type: 'WarehouseSink', engine: Engine.WAREHOUSE, inputs: ['spark'], upstream: ['check', 'spark'],
      output: { id: 'load', location: `warehouse://s.${text}`, format: 'warehouse_table' },
      properties: { table: `s.${text}`, writeMode: { mode: 'merge', keys: [text], idempotent: true } },
    }),
    node('event', {
      kind: NodeKind.SINK, type: 'EventSink', engine: Engine.SINGLE_WORKER, inputs: ['spark', 'api'], upstream: ['api', 'load', 'spark'],
      readsInputData: false,
      properties: { bus: { broker: 'eventbridge', busName: text }, source: text, detailType: text, payload: { kind: 'completion' } },
    }),
  ];
  const edges = nodes.flatMap((n) => n.upstream.map((from) => ({ from, to: n.id, kind: EdgeKind.DATA })));
  return new WorkflowGraph({
    workflow: graphWorkflow({
      id: 'hostile', path: 'Test/Hostile', description: text, owner: text, tags: { k: HOSTILE_TAG },
      warehouse: { database: text, workgroupName: text, secret: { store: 'secretsmanager', reference: text } },
    }),
    nodes,
    edges,
  });
}
