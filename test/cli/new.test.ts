import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib/core';
import { ColumnType, DataFormat, EventBus, EventSink, LogSource, Schedule, Schema, Testing, Workflow } from '../../lib';
import { NODE_KINDS, scaffoldNode } from '../../lib/cli/new';
import { readTree, tempDir } from '../fixtures';
import { cli } from '../support/cli';

test('new writes the node\'s file and its test into the project and says how to wire it in', () => {
  // GIVEN a project folder
  const dir = tempDir();

  // WHEN
  const result = cli(['new', 'task', 'SparkTask', 'Enrich'], dir);

  // THEN
  expect(result.status).toBe(0);
  expect(Object.keys(readTree(dir))).toEqual(['lib/enrich.ts', 'test/enrich.test.ts']);
  expect(result.stdout).toBe([
    'Created lib/enrich.ts and test/enrich.test.ts.',
    "Add it to a workflow: import { addEnrich } from '../lib/enrich'; addEnrich(workflow, <input>.output);",
    '',
  ].join('\n'));
  expect(readTree(dir)['test/enrich.test.ts']).toContain("import { addEnrich } from '../lib/enrich';");
});

test.each(Object.entries(NODE_KINDS).flatMap(([group, kinds]) => kinds.map((kind) => [group, kind])))(
  'the scaffold of a %s %s is a valid node, after its input if it has one, in a workflow validation accepts',
  (group, kind) => {
    // GIVEN the node's file, written to a folder, and a workflow like the one its test builds
    const dir = tempDir();
    const files = scaffoldNode(group, kind, 'MyNode');
    for (const [file, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), content);
    }
    const workflow = new Workflow(new Stack(new App({ outdir: tempDir() }), 'Test'), 'MyNodeTest', {
      schedule: Schedule.daily({ hour: 2 }), startDate: '2026-01-01', owner: 'data-team@example.com', lakeLocation: 's3://example-lake/test',
      warehouse: { database: 'analytics', workgroupName: 'etl' },
    });
    const input = new LogSource(workflow, 'Input', {
      location: 's3://example-logs/input/dt={{ds}}/', format: DataFormat.JSON_LINES,
      schema: Schema.of([{ name: 'id', type: ColumnType.BIGINT, nullable: false }, { name: 'ds', type: ColumnType.DATE, nullable: false }]),
    });

    // WHEN the node is added (a source alone, with the input feeding the completion event)
    const add = require(path.join(dir, 'lib', 'my-node.ts')).addMyNode;
    const node = group === 'source' ? add(workflow) : add(workflow, input.output);
    if (group !== 'sink') {
      new EventSink(workflow, 'Done', { inputs: [node.output, ...(group === 'source' ? [input.output] : [])], bus: EventBus.eventBridge('default'), source: 'com.example.test', detailType: 'Done' });
    }

    // THEN
    expect(node.constructor.name).toBe(kind);
    expect(Testing.diagnostics(workflow)).toEqual([]);
    expect(Testing.graph(workflow).upstreamOf('my_node')).toEqual(group === 'source' ? [] : ['input']);
    expect(files['test/my-node.test.ts']).toContain("expect(Testing.diagnostics(workflow)).toEqual([]);");
  },
);

test('new refuses an unknown group, an unknown kind, a name that is not PascalCase and an existing file: exit 2', () => {
  // GIVEN a project with lib/enrich.ts
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'lib'));
  fs.writeFileSync(path.join(dir, 'lib', 'enrich.ts'), 'mine');

  // WHEN
  const results = [
    cli(['new', 'operator', 'SparkTask', 'X'], dir),
    cli(['new', 'task', 'LogSource', 'X'], dir),
    cli(['new', 'task', 'SparkTask', 'my_task'], dir),
    cli(['new', 'task', 'SparkTask', 'Enrich'], dir),
  ];

  // THEN
  expect(results.map((r) => r.status)).toEqual([2, 2, 2, 2]);
  expect(results.map((r) => r.stderr.split('\n')[0])).toEqual([
    "tributary: unknown node group 'operator'; use one of: source, task, sink",
    "tributary: unknown task kind 'LogSource'; use one of: SparkTask, SqlTask, QualityCheck",
    "tributary: name 'my_task' must be PascalCase, such as Enrich or DailyOrders",
    'tributary: lib/enrich.ts exists; choose another name',
  ]);
  expect(readTree(dir)).toEqual({ 'lib/enrich.ts': 'mine' });
});
