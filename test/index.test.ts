import * as tributary from '../lib';

test('the public API exports the concepts of the design under their names', () => {
  // THEN
  for (const name of [
    'Workflow', 'Source', 'Task', 'Sink', 'DatabaseSource', 'LogSource', 'ApiSource', 'SparkTask', 'SqlTask',
    'QualityCheck', 'WarehouseSink', 'ApiSink', 'EventSink', 'Dataset', 'Schema', 'Schedule', 'Secret', 'Testing',
    'WorkflowGraph', 'Errors', 'Placeholder', 'GraphTarget', 'IngestMode', 'WriteMode', 'CheckRule', 'Pagination',
    'EventBus', 'EventPayload', 'ColumnType',
  ]) {
    expect({ name, exported: typeof (tributary as Record<string, unknown>)[name] }).toEqual({ name, exported: 'function' });
  }
});

test('internals stay out of the public API', () => {
  // THEN the phases' functions and the error classes are reached through Workflow, Testing and Errors only
  for (const name of ['buildGraph', 'validateGraph', 'synthesizeWorkflow', 'writeWorkflowArtifacts', 'TributaryError', 'ValidationError', 'formatDiagnostic', 'canonicalJson']) {
    expect({ name, exported: name in tributary }).toEqual({ name, exported: false });
  }
});
