import { EdgeKind, WorkflowTemplate } from '../../lib';
import { validWorkflow } from '../util';

const template = () => WorkflowTemplate.fromWorkflow(validWorkflow().workflow);

test('hasNode matches a node\'s model partially and passes', () => {
  // THEN
  expect(() => template().hasNode('enrich', { type: 'SparkTask', properties: { script: 's3://jobs-bucket/enrich.py' } })).not.toThrow();
  expect(() => template().hasNode('load')).not.toThrow();
});

test('hasNode fails with the nearest node id, or the JSON path of the first difference', () => {
  // THEN
  expect(() => template().hasNode('enrch')).toThrow("no node 'enrch' in workflow 'pipeline'; the nearest is 'enrich'");
  expect(() => template().hasNode('enrich', { properties: { script: 's3://other/x.py' } }))
    .toThrow(`node 'enrich' does not match at $.nodes[?(@.id=='enrich')].properties.script: expected "s3://other/x.py", found "s3://jobs-bucket/enrich.py"`);
  expect(() => template().hasNode('enrich', { properties: { scrpt: 'x' } })).toThrow(/properties\.scrpt: missing; present here: arguments, script, sparkConf/);
});

test('nodeCountIs and hasEdge check counts and edges, naming what is there when they fail', () => {
  // THEN
  expect(() => template().nodeCountIs('SparkTask', 1)).not.toThrow();
  expect(() => template().nodeCountIs('SqlTask', 1)).toThrow('expected 1 nodes of type SqlTask, found 0; types present: DatabaseSource, SparkTask, WarehouseSink');
  expect(() => template().hasEdge('orders', 'enrich', EdgeKind.DATA)).not.toThrow();
  expect(() => template().hasEdge('orders', 'enrich', EdgeKind.AUDIT)).toThrow('edge orders → enrich is data, not audit');
  expect(() => template().hasEdge('orders', 'load')).toThrow('no edge orders → load; edges of these nodes: enrich → load (data), orders → enrich (data)');
});

test('artifactHasValue reads a JSON path of an artifact and fails with the nearest key where the path stops', () => {
  // GIVEN
  const t = template();

  // THEN
  expect(() => t.hasArtifact('emr/enrich.json')).not.toThrow();
  expect(() => t.hasArtifact('emr/enrich.jsn')).toThrow("no artifact 'emr/enrich.jsn'; the nearest is 'emr/enrich.json'");
  expect(() => t.artifactHasValue('emr/enrich.json', '$.jobDriver.sparkSubmit.entryPoint', 's3://jobs-bucket/enrich.py')).not.toThrow();
  expect(() => t.artifactHasValue('emr/enrich.json', '$.jobDriver.sparkSubmt.entryPoint', 'x')).toThrow("emr/enrich.json: nothing at $.jobDriver.sparkSubmt; the nearest is 'sparkSubmit' at $.jobDriver");
  expect(() => t.artifactHasValue('stepfunctions/state-machine.asl.json', '$.States.enrich.Retry[0]', { ErrorEquals: ['States.ALL'] })).not.toThrow();
  expect(() => t.artifactHasValue('stepfunctions/state-machine.asl.json', '$.States.enrich.Retry[0].MaxAttempts', 99)).toThrow(/state-machine\.asl\.json: at \$\.States\.enrich\.Retry\[0\]\.MaxAttempts: expected 99, found \d+/);
});
