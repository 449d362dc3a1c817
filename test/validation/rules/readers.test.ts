import {
  ApiSink, CheckRule, DiagnosticSeverity, Engine, EventBus, EventPayload, EventSink, QualityCheck, Secret, SqlTask, Testing,
} from '../../../lib';
import { genericJobsReadFiles } from '../../../lib/validation/rules/readers';
import { atLine, newWorkflow, ordersSource, thisLine, validWorkflow } from '../../util';

const FILE = 'test/validation/rules/readers.test.ts';

// TRB064: a generic job reads files in object storage, not warehouse tables

test("an ApiSink of a table a WarehouseSink loaded is refused at the sink, naming the lake dataset the table was loaded from", () => {
  // GIVEN a push of the loaded table (through a check of it)
  const { workflow, load } = validWorkflow();
  const checked = new QualityCheck(workflow, 'LoadChecked', { input: load.output, rules: [CheckRule.rowCountAtLeast(1)] });
  const line = thisLine() + 1;
  new ApiSink(workflow, 'Push', { input: checked.output, url: 'https://crm.example.com/batch', idempotencyKey: 'order_id' });

  // WHEN
  const diagnostics = genericJobsReadFiles(workflow.toGraph());

  // THEN
  expect(diagnostics).toEqual([{
    code: 'TRB064',
    severity: DiagnosticSeverity.ERROR,
    path: 'Test/Pipeline/Push',
    location: atLine(FILE, line),
    message: "ApiSink 'push' reads 'load_checked', the warehouse table analytics.orders, but its job (api_push.py) reads only files in object storage (Parquet, JSON lines, CSV), so it would fail at run time",
    fix: "read the lake dataset the table was loaded from ('enrich', the WarehouseSink's input) instead",
  }]);
});

test('an EventSink of records from a table a SqlTask wrote is refused, with an unload as the fix; a completion event of it is accepted', () => {
  // GIVEN
  const workflow = newWorkflow();
  const totals = new SqlTask(workflow, 'Totals', { inputs: [ordersSource(workflow).output], table: 'marts.totals', sql: "SELECT '{{ds}}'" });
  const bus = EventBus.kafka({ topic: 'totals', connection: Secret.fromSecretsManager('prod/kafka') });
  new EventSink(workflow, 'Records', { inputs: [totals.output], bus, source: 'com.acme.totals', detailType: 'Total', payload: EventPayload.records('ds') });
  new EventSink(workflow, 'Done', { inputs: [totals.output], bus, source: 'com.acme.totals', detailType: 'TotalsLoaded' });

  // WHEN
  const diagnostics = genericJobsReadFiles(workflow.toGraph());

  // THEN only the records event, which reads the rows, is refused
  expect(diagnostics.map((d) => [d.code, d.path, d.message, d.fix])).toEqual([[
    'TRB064', 'Test/Pipeline/Records',
    "EventSink 'records' reads 'totals', the warehouse table marts.totals, but its job (publish_events.py) reads only files in object storage (Parquet, JSON lines, CSV), so it would fail at run time",
    'read a lake dataset instead: the output of a task that writes these rows to object storage (an unload of the table)',
  ]]);
});

test('a Spark check of a warehouse table is refused, with the warehouse as the fix', () => {
  // GIVEN
  const { workflow, load } = validWorkflow();
  new QualityCheck(workflow, 'OnSpark', { input: load.output, engine: Engine.SPARK, rules: [CheckRule.notNull(['order_id'])] });

  // WHEN
  const diagnostics = genericJobsReadFiles(workflow.toGraph());

  // THEN
  expect(diagnostics.map((d) => [d.code, d.path, d.fix])).toEqual([[
    'TRB064', 'Test/Pipeline/OnSpark', 'leave engine out: a check of a warehouse table runs in the warehouse (Engine.WAREHOUSE)',
  ]]);
});

test('pushes, events and Spark checks of lake datasets are accepted, and the refusal stops synth', () => {
  // GIVEN lake readers
  const { workflow, enrich } = validWorkflow();
  new ApiSink(workflow, 'Push', { input: enrich.output, url: 'https://crm.example.com/batch', idempotencyKey: 'order_id' });
  new QualityCheck(workflow, 'EnrichChecked', { input: enrich.output, rules: [CheckRule.notNull(['order_id'])] });
  expect(genericJobsReadFiles(workflow.toGraph())).toEqual([]);

  // WHEN a push of the loaded table is added
  const other = validWorkflow();
  new ApiSink(other.workflow, 'Push', { input: other.load.output, url: 'https://crm.example.com/batch', idempotencyKey: 'order_id' });

  // THEN synth refuses it
  expect(() => Testing.synth(other.workflow)).toThrow(/TRB064/);
});
