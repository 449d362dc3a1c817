import * as fs from 'fs';
import * as path from 'path';
import type { Command } from 'commander';
import { ExitCode, UsageError } from './exit';
import { snakeCase } from '../private/names';

/** The node groups `tributary new` knows, and the kinds in each. */
export const NODE_KINDS: Record<string, readonly string[]> = {
  source: ['LogSource', 'DatabaseSource', 'ApiSource'],
  task: ['SparkTask', 'SqlTask', 'QualityCheck'],
  sink: ['WarehouseSink', 'ApiSink', 'EventSink'],
};

/** The props and the extra imports of a freshly scaffolded node of each kind (`$id` is its snake_case id). */
const SCAFFOLDS: Record<string, { imports: string[]; props: string[] }> = {
  LogSource: { imports: ['DataFormat'], props: ["location: 's3://example-logs/$id/dt={{ds}}/'", 'format: DataFormat.JSON_LINES', 'estimatedSize: Size.gibibytes(5)'] },
  DatabaseSource: {
    imports: ['ColumnType', 'DatabaseEngine', 'IngestMode', 'Schema', 'Secret'],
    props: [
      'engine: DatabaseEngine.POSTGRES', "connection: Secret.fromSecretsManager('prod/app-db/reader')", "table: 'public.$id'",
      "ingest: IngestMode.incremental({ cursorColumn: 'updated_at' })", 'tableSize: Size.gibibytes(50)', 'estimatedSize: Size.gibibytes(2)',
      "schema: Schema.of([\n      { name: 'id', type: ColumnType.BIGINT, nullable: false },\n      { name: 'updated_at', type: ColumnType.TIMESTAMP, nullable: false },\n    ])",
    ],
  },
  ApiSource: {
    imports: ['Secret'],
    props: ["baseUrl: 'https://api.example.com/v1'", "path: '/$id'", "query: { date: '{{ds}}' }", "auth: Secret.fromAirflowConnection('$id_api')", 'estimatedSize: Size.mebibytes(10)'],
  },
  SparkTask: { imports: [], props: ["script: 's3://example-jobs/$id.py'", 'inputs: [input]'] },
  SqlTask: {
    imports: [],
    props: ['inputs: [input]', "table: 'analytics.$id'", "sql: \"DELETE FROM analytics.$id WHERE ds = '{{ds}}'; INSERT INTO analytics.$id SELECT DATE '{{ds}}', COUNT(*) FROM analytics.events;\""],
  },
  QualityCheck: { imports: ['CheckRule'], props: ['input', 'rules: [CheckRule.rowCountAtLeast(1)]'] },
  WarehouseSink: { imports: ['WriteMode'], props: ['input', "table: 'analytics.$id'", 'writeMode: WriteMode.overwritePartition()'] },
  ApiSink: {
    imports: ['Secret'],
    props: ['input', "url: 'https://api.example.com/v1/$id'", "auth: Secret.fromSecretsManager('prod/$id/api')", 'batchSize: 100', "idempotencyKey: 'id'"],
  },
  EventSink: {
    imports: ['EventBus'],
    props: ['inputs: [input]', "bus: EventBus.eventBridge('default')", "source: 'com.example.$id'", "detailType: '$Name'"],
  },
};

/** The two files of a new node: `lib/<name>.ts` (a function that adds it to a workflow) and its test. */
export function scaffoldNode(group: string, kind: string, name: string): Record<string, string> {
  const kinds = NODE_KINDS[group];
  if (!kinds) throw new UsageError(`unknown node group '${group}'; use one of: ${Object.keys(NODE_KINDS).join(', ')}`);
  if (!kinds.includes(kind)) throw new UsageError(`unknown ${group} kind '${kind}'; use one of: ${kinds.join(', ')}`);
  if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) throw new UsageError(`name '${name}' must be PascalCase, such as Enrich or DailyOrders`);
  const id = snakeCase(name);
  const file = id.replace(/_/g, '-');
  const scaffold = SCAFFOLDS[kind];
  const hasInput = group !== 'source';
  const isSink = group === 'sink';
  const props = scaffold.props.map((p) => `    ${p.replace(/\$id/g, id).replace(/\$Name/g, name)},`).join('\n');
  const usesSize = props.includes('Size.');
  const libImports = [...new Set([kind, 'Workflow', ...(hasInput ? ['Dataset'] : []), ...scaffold.imports])].sort();
  const node = [
    ...(usesSize ? ["import { Size } from 'aws-cdk-lib/core';"] : []),
    `import { ${libImports.join(', ')} } from 'tributary';`,
    '',
    `/** ${name}: a ${kind}. Add it to a workflow in bin/app.ts or lib/, and change its props to your own. */`,
    `export function add${name}(workflow: Workflow${hasInput ? ', input: Dataset' : ''}): ${kind} {`,
    `  return new ${kind}(workflow, '${name}', {`,
    props,
    '  });',
    '}',
    '',
  ].join('\n');
  const test = [
    "import { App, Stack } from 'aws-cdk-lib/core';",
    `import { ${[...(hasInput ? ['ColumnType', 'DataFormat', 'LogSource', 'Schema'] : []), ...(isSink ? [] : ['EventBus', 'EventSink']), 'Schedule', 'Testing', 'Workflow'].sort().join(', ')} } from 'tributary';`,
    `import { add${name} } from '../lib/${file}';`,
    '',
    `test('${name} is a valid ${kind}${hasInput ? ' that runs after its input' : ''}', () => {`,
    `  // GIVEN a workflow${hasInput ? ' with an input for the node' : ''}`,
    `  const workflow = new Workflow(new Stack(new App({ outdir: 'cdk.out' }), 'Test'), '${name}Test', {`,
    "    schedule: Schedule.daily({ hour: 2 }),",
    "    startDate: '2026-01-01',",
    "    owner: 'data-team@example.com',",
    "    lakeLocation: 's3://example-lake/test',",
    "    warehouse: { database: 'analytics', workgroupName: 'etl' },",
    '  });',
    ...(hasInput ? [
      "  const input = new LogSource(workflow, 'Input', {",
      "    location: 's3://example-logs/input/dt={{ds}}/',",
      '    format: DataFormat.JSON_LINES,',
      '    schema: Schema.of([',
      "      { name: 'id', type: ColumnType.BIGINT, nullable: false },",
      "      { name: 'ds', type: ColumnType.DATE, nullable: false },",
      '    ]),',
      '  });',
    ] : []),
    '',
    `  // WHEN the node is added${isSink ? '' : ', with a completion event after it (a workflow needs a sink)'}`,
    `  ${isSink ? '' : 'const node = '}add${name}(workflow${hasInput ? ', input.output' : ''});`,
    ...(isSink ? [] : [
      "  new EventSink(workflow, 'Done', {",
      '    inputs: [node.output],',
      "    bus: EventBus.eventBridge('default'),",
      "    source: 'com.example.test',",
      "    detailType: 'Done',",
      '  });',
    ]),
    '',
    `  // THEN validation finds nothing${hasInput ? ' and the node runs after its input' : ''}`,
    '  expect(Testing.diagnostics(workflow)).toEqual([]);',
    ...(hasInput ? [`  expect(Testing.graph(workflow).upstreamOf('${id}')).toEqual(['input']);`] : [`  expect(Testing.graph(workflow).hasNode('${id}')).toBe(true);`]),
    '});',
    '',
  ].join('\n');
  return { [`lib/${file}.ts`]: node, [`test/${file}.test.ts`]: test };
}

/** `tributary new <group> <Kind> <Name>`: write the node's file and its test into the project. */
export function newNode(cwd: string, group: string, kind: string, name: string): ExitCode {
  const files = scaffoldNode(group, kind, name);
  for (const file of Object.keys(files)) {
    if (fs.existsSync(path.join(cwd, file))) throw new UsageError(`${file} exists; choose another name`);
  }
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(cwd, file)), { recursive: true });
    fs.writeFileSync(path.join(cwd, file), content);
  }
  const [lib] = Object.keys(files);
  process.stdout.write([
    `Created ${Object.keys(files).join(' and ')}.`,
    `Add it to a workflow: import { add${name} } from '../${lib.replace(/\.ts$/, '')}'; add${name}(workflow${group === 'source' ? '' : ', <input>.output'});`,
    '',
  ].join('\n'));
  return ExitCode.OK;
}

/** Register the verb. */
export function register(program: Command, done: (code: ExitCode) => void): void {
  program.command('new')
    .description(`add a node and its test to the project: ${Object.entries(NODE_KINDS).map(([g, k]) => `${g} (${k.join(', ')})`).join('; ')}`)
    .argument('<group>', 'source, task or sink')
    .argument('<Kind>', 'the node kind, such as SparkTask')
    .argument('<Name>', 'the node name, PascalCase, such as Enrich')
    .action((group: string, kind: string, name: string) => done(newNode(process.cwd(), group, kind, name)));
}
