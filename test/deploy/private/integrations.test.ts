import { Policy, PolicyStatement, Role } from 'aws-cdk-lib/aws-iam';
import { Template } from 'aws-cdk-lib/assertions';
import { Engine, NodeKind, WorkflowGraph } from '../../../lib';
import type { GraphNode, GraphWorkflow } from '../../../lib';
import {
  Integration, MAX_PATTERNS_PER_BUCKET, StateMachineScope, collapse, emrJobs, integrationOf, jobRoleStatements, secretArn, secretReferences, stateMachineStatements, taskResources,
} from '../../../lib/deploy/private/integrations';
import { graphNode, graphWorkflow } from '../../fixtures';
import { newStack } from '../../util';

/** A graph of `nodes` with no edges, under `workflow` settings. */
function graph(nodes: GraphNode[], workflow: Partial<GraphWorkflow> = {}): WorkflowGraph {
  return new WorkflowGraph({ workflow: graphWorkflow({ warehouse: { database: 'analytics', workgroupName: 'etl' }, ...workflow }), nodes, edges: [] });
}

const logSource = graphNode('clicks', {
  kind: NodeKind.SOURCE, type: 'LogSource', engine: Engine.SENSOR,
  properties: { completionMarker: '_SUCCESS', arrivalTimeoutSeconds: 3600, pollIntervalSeconds: 300 },
  output: { id: 'clicks', location: 's3://logs-bucket/clicks/dt={{ds}}/', format: 'jsonl' },
});
const readySink = graphNode('ready', {
  kind: NodeKind.SINK, type: 'EventSink', engine: Engine.SINGLE_WORKER,
  properties: { bus: { broker: 'eventbridge', busName: 'data-platform' }, payload: { kind: 'completion' } },
});
const apiSource = graphNode('rates', {
  kind: NodeKind.SOURCE, type: 'ApiSource', engine: Engine.SINGLE_WORKER,
  properties: { auth: { store: 'airflow_connection', reference: 'fx_api' }, baseUrl: 'https://api.example.com' },
  output: { id: 'rates', location: 's3://lake/p/rates/ds={{ds}}/', format: 'jsonl' },
});
const sparkTask = graphNode('enrich', {
  properties: { connection: { store: 'secretsmanager', reference: 'prod/db/reader' } },
  output: { id: 'enrich', location: 's3://lake/p/enrich/ds={{ds}}/', format: 'parquet' },
});

const SCOPE = (g: WorkflowGraph, more: Partial<StateMachineScope> = {}): StateMachineScope => ({
  graph: g, emrApplicationId: 'app123', jobRoleArn: 'arn:aws:iam::111111111111:role/job', failureTopicArn: 'arn:aws:sns:eu-west-1:111111111111:failures', children: [], ...more,
});

/** The statements as they appear in the policy document of a synthesized template (aws-cdk-lib assertions). */
function statementsOf(statements: PolicyStatement[]): any[] {
  const stack = newStack();
  new Policy(stack, 'P', { statements, roles: [Role.fromRoleName(stack, 'R', 'r')] });
  const policies = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'));
  expect(policies).toHaveLength(1);
  return policies[0].Properties.PolicyDocument.Statement;
}

/** An ARN built from Aws.PARTITION/REGION/ACCOUNT_ID as it appears in a template. */
function arnJoin(service: string, resource: string): any {
  return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:${service}:`, { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:${resource}`]] };
}

function s3Join(resource: string): any {
  return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:s3:::${resource}`]] };
}

test('each Task resource of the definitions maps to its integration, in any partition', () => {
  // THEN
  expect(integrationOf('arn:aws:states:::emr-serverless:startJobRun.sync')).toBe(Integration.EMR_SERVERLESS);
  expect(integrationOf('arn:aws-us-gov:states:::aws-sdk:redshiftdata:describeStatement')).toBe(Integration.REDSHIFT_DATA);
  expect(integrationOf('arn:aws:states:::events:putEvents')).toBe(Integration.EVENTBRIDGE);
  expect(integrationOf('arn:aws:states:::aws-sdk:s3:headObject')).toBe(Integration.S3_GET_MARKER);
  expect(integrationOf('arn:aws:states:::aws-sdk:s3:listObjectsV2')).toBe(Integration.S3_LIST_MARKER);
  expect(integrationOf('arn:aws:states:::aws-sdk:rds:startExportTask')).toBe(Integration.RDS_EXPORT);
  expect(integrationOf('arn:aws:states:::states:startExecution.sync:2')).toBe(Integration.CHILD_MACHINES);
  expect(integrationOf('arn:aws:states:::sns:publish')).toBe(Integration.SNS);
});

test('a Task resource with no statements is refused, so that no integration deploys without its permissions', () => {
  // THEN
  expect(() => integrationOf('arn:aws:states:::lambda:invoke')).toThrow(/no IAM statements for the Task resource 'arn:aws:states:::lambda:invoke'/);
});

test('taskResources finds the Task resources inside Parallel branches and Map processors, sorted and once each', () => {
  // GIVEN
  const definition = JSON.stringify({
    StartAt: 'P',
    States: {
      P: { Type: 'Parallel', Branches: [{ StartAt: 'A', States: { A: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', End: true } } }], Next: 'M' },
      M: { Type: 'Map', ItemProcessor: { StartAt: 'B', States: { B: { Type: 'Task', Resource: 'arn:aws:states:::events:putEvents', End: true } } }, Next: 'C' },
      C: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', End: true },
    },
  });

  // THEN
  expect(taskResources(definition)).toEqual(['arn:aws:states:::events:putEvents', 'arn:aws:states:::sns:publish']);
});

test('emrJobs finds each EMR job run of a definition with its node and entry point', () => {
  // GIVEN a job tagged with its node, and one known only by its state name, inside a Parallel
  const job = (tags?: object, entryPoint?: string) => ({
    Type: 'Task', Resource: 'arn:aws:states:::emr-serverless:startJobRun.sync', End: true,
    Parameters: { ApplicationId: '${EmrApplicationId}', JobDriver: { SparkSubmit: entryPoint ? { EntryPoint: entryPoint } : {} }, ...(tags ? { Tags: tags } : {}) },
  });
  const definition = JSON.stringify({
    StartAt: 'P',
    States: {
      P: { Type: 'Parallel', Branches: [{ StartAt: 'enrich', States: { enrich: job({ node: 'enrich' }, 's3://jobs/enrich.py') } }], Next: 'rates' },
      rates: job(undefined, '${TributaryScriptsLocation}/api_source.py'),
    },
  });

  // THEN
  expect(emrJobs(definition)).toEqual([{ node: 'enrich', entryPoint: 's3://jobs/enrich.py' }, { node: 'rates', entryPoint: '${TributaryScriptsLocation}/api_source.py' }]);
});

test('EMR Serverless .sync: StartJobRun on the application, GetJobRun/CancelJobRun on its job runs, PassRole to EMR Serverless only, and the managed rule', () => {
  // WHEN
  const statements = statementsOf(stateMachineStatements(new Set([Integration.EMR_SERVERLESS]), SCOPE(graph([sparkTask]))));

  // THEN
  expect(statements).toEqual([
    { Sid: 'EmrServerlessStartJobRun', Effect: 'Allow', Action: 'emr-serverless:StartJobRun', Resource: arnJoin('emr-serverless', '/applications/app123') },
    { Sid: 'EmrServerlessJobRuns', Effect: 'Allow', Action: ['emr-serverless:GetJobRun', 'emr-serverless:CancelJobRun'], Resource: arnJoin('emr-serverless', '/applications/app123/jobruns/*') },
    {
      Sid: 'EmrServerlessPassJobRole', Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111111111111:role/job',
      Condition: { StringEquals: { 'iam:PassedToService': 'emr-serverless.amazonaws.com' } },
    },
    {
      Sid: 'EmrServerlessSyncRule', Effect: 'Allow', Action: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
      Resource: arnJoin('events', 'rule/StepFunctionsGetEventsForEMRServerlessJobRule'),
    },
  ]);
});

test('Redshift Data API on a serverless workgroup: execute on the workgroups, describe only own statements, credentials from the workgroup', () => {
  // WHEN
  const statements = statementsOf(stateMachineStatements(new Set([Integration.REDSHIFT_DATA]), SCOPE(graph([sparkTask]))));

  // THEN
  expect(statements).toEqual([
    { Sid: 'RedshiftExecuteStatement', Effect: 'Allow', Action: ['redshift-data:ExecuteStatement', 'redshift-data:BatchExecuteStatement'], Resource: arnJoin('redshift-serverless', 'workgroup/*') },
    {
      Sid: 'RedshiftOwnStatements', Effect: 'Allow', Action: ['redshift-data:DescribeStatement', 'redshift-data:GetStatementResult', 'redshift-data:CancelStatement'], Resource: '*',
      Condition: { StringEquals: { 'redshift-data:statement-owner-iam-userid': '${aws:userid}' } },
    },
    { Sid: 'RedshiftServerlessCredentials', Effect: 'Allow', Action: 'redshift-serverless:GetCredentials', Resource: arnJoin('redshift-serverless', 'workgroup/*') },
  ]);
});

test('Redshift Data API on a cluster with a secret: execute on that cluster and read only that secret', () => {
  // GIVEN
  const g = graph([sparkTask], { warehouse: { database: 'analytics', clusterIdentifier: 'main', secret: { store: 'secretsmanager', reference: 'prod/redshift/etl' } } });

  // WHEN
  const statements = statementsOf(stateMachineStatements(new Set([Integration.REDSHIFT_DATA]), SCOPE(g)));

  // THEN
  expect(statements[0]).toMatchObject({ Resource: arnJoin('redshift', 'cluster:main') });
  expect(statements[2]).toEqual({ Sid: 'RedshiftCredentialsSecret', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: arnJoin('secretsmanager', 'secret:prod/redshift/etl-??????') });
});

test('Redshift Data API on a cluster without a secret: temporary credentials for that cluster and database only', () => {
  // GIVEN
  const g = graph([sparkTask], { warehouse: { database: 'analytics', clusterIdentifier: 'main' } });

  // THEN
  expect(statementsOf(stateMachineStatements(new Set([Integration.REDSHIFT_DATA]), SCOPE(g)))[2]).toEqual({
    Sid: 'RedshiftClusterCredentials', Effect: 'Allow', Action: 'redshift:GetClusterCredentialsWithIAM', Resource: arnJoin('redshift', 'dbname:main/analytics'),
  });
});

test('events:putEvents is allowed on the named buses of completion events only', () => {
  // GIVEN a completion event on a bus, and a record-level event that runs as a job instead
  const records = graphNode('records', { kind: NodeKind.SINK, type: 'EventSink', properties: { bus: { broker: 'eventbridge', busName: 'other' }, payload: { kind: 'records' } } });

  // THEN
  expect(statementsOf(stateMachineStatements(new Set([Integration.EVENTBRIDGE]), SCOPE(graph([readySink, records]))))).toEqual([
    { Sid: 'EventBridgePutEvents', Effect: 'Allow', Action: 'events:PutEvents', Resource: arnJoin('events', 'event-bus/data-platform') },
  ]);
});

test('log markers: GetObject on the marker key of each log source and ListBucket limited to that key', () => {
  // WHEN
  const statements = statementsOf(stateMachineStatements(new Set([Integration.S3_GET_MARKER, Integration.S3_LIST_MARKER]), SCOPE(graph([logSource]))));

  // THEN
  expect(statements).toEqual([
    { Sid: 'ReadCompletionMarkers', Effect: 'Allow', Action: 's3:GetObject', Resource: s3Join('logs-bucket/clicks/dt=*/_SUCCESS') },
    { Sid: 'ListCompletionMarkers0', Effect: 'Allow', Action: 's3:ListBucket', Resource: s3Join('logs-bucket'), Condition: { StringLike: { 's3:prefix': ['clicks/dt=*/_SUCCESS'] } } },
  ]);
});

test('snapshot exports: StartExportTask on the sources, PassRole to RDS export only, and the export key', () => {
  // WHEN
  const statements = statementsOf(stateMachineStatements(new Set([Integration.RDS_EXPORT]), SCOPE(graph([sparkTask]), {
    exports: { roleArn: 'arn:aws:iam::111111111111:role/export', kmsKeyArn: 'arn:aws:kms:eu-west-1:111111111111:key/k', sourceArns: ['arn:aws:rds:eu-west-1:111111111111:cluster:orders'] },
  })));

  // THEN
  expect(statements).toEqual([
    { Sid: 'RdsStartExportTask', Effect: 'Allow', Action: 'rds:StartExportTask', Resource: 'arn:aws:rds:eu-west-1:111111111111:cluster:orders' },
    { Sid: 'RdsDescribeExportTasks', Effect: 'Allow', Action: 'rds:DescribeExportTasks', Resource: '*' },
    { Sid: 'RdsPassExportRole', Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111111111111:role/export', Condition: { StringEquals: { 'iam:PassedToService': 'export.rds.amazonaws.com' } } },
    { Sid: 'RdsExportKey', Effect: 'Allow', Action: ['kms:CreateGrant', 'kms:DescribeKey'], Resource: 'arn:aws:kms:eu-west-1:111111111111:key/k' },
  ]);
});

test('child machines: StartExecution on them, describe/stop on their executions, and the managed rule', () => {
  // WHEN
  const statements = statementsOf(stateMachineStatements(new Set([Integration.CHILD_MACHINES]), SCOPE(graph([sparkTask]), {
    children: [{ arn: 'arn:aws:states:eu-west-1:111111111111:stateMachine:part1', name: 'part1' }],
  })));

  // THEN
  expect(statements).toEqual([
    { Sid: 'StartChildMachines', Effect: 'Allow', Action: 'states:StartExecution', Resource: 'arn:aws:states:eu-west-1:111111111111:stateMachine:part1' },
    { Sid: 'ChildExecutions', Effect: 'Allow', Action: ['states:DescribeExecution', 'states:StopExecution'], Resource: arnJoin('states', 'execution:part1:*') },
    { Sid: 'ChildMachinesSyncRule', Effect: 'Allow', Action: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'], Resource: arnJoin('events', 'rule/StepFunctionsGetEventsForStepFunctionsExecutionRule') },
  ]);
});

test('sns:publish is allowed on the failure topic only', () => {
  // THEN
  expect(statementsOf(stateMachineStatements(new Set([Integration.SNS]), SCOPE(graph([sparkTask]))))).toEqual([
    { Sid: 'PublishFailures', Effect: 'Allow', Action: 'sns:Publish', Resource: 'arn:aws:sns:eu-west-1:111111111111:failures' },
  ]);
});

test('an integration that the definitions do not use gets no statement', () => {
  // THEN
  expect(stateMachineStatements(new Set(), SCOPE(graph([sparkTask, logSource, readySink])))).toEqual([]);
});

test('the job role reads and writes the datasets, reads log sources, scripts and user scripts, writes its logs, and reads the declared secrets', () => {
  // WHEN
  const statements = statementsOf(jobRoleStatements({
    graph: graph([sparkTask, apiSource, logSource]), artifactsBucket: 'artifacts', scriptsPrefix: 'scripts', logsPrefix: 'logs/pipeline',
    entryPoints: ['s3://jobs/enrich.py'], jobNodes: [sparkTask, apiSource],
  }));

  // THEN
  expect(statements).toEqual([
    { Sid: 'ReadWriteDatasets', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'], Resource: [s3Join('lake/p/enrich/ds=*/*'), s3Join('lake/p/rates/ds=*/*')] },
    { Sid: 'ReadInputs', Effect: 'Allow', Action: 's3:GetObject', Resource: [s3Join('artifacts/scripts/*'), s3Join('logs-bucket/clicks/dt=*/*')] },
    { Sid: 'ReadJobScripts', Effect: 'Allow', Action: 's3:GetObject', Resource: s3Join('jobs/enrich.py') },
    { Sid: 'WriteJobLogs', Effect: 'Allow', Action: 's3:PutObject', Resource: s3Join('artifacts/logs/pipeline/*') },
    { Sid: 'ListDatasets0', Effect: 'Allow', Action: 's3:ListBucket', Resource: s3Join('artifacts'), Condition: { StringLike: { 's3:prefix': ['scripts/*'] } } },
    { Sid: 'ListDatasets1', Effect: 'Allow', Action: 's3:ListBucket', Resource: s3Join('lake'), Condition: { StringLike: { 's3:prefix': ['p/enrich/ds=*/*', 'p/rates/ds=*/*'] } } },
    { Sid: 'ListDatasets2', Effect: 'Allow', Action: 's3:ListBucket', Resource: s3Join('logs-bucket'), Condition: { StringLike: { 's3:prefix': ['clicks/dt=*/*'] } } },
    {
      Sid: 'ReadDeclaredSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue',
      Resource: [arnJoin('secretsmanager', 'secret:airflow/connections/fx_api-??????'), arnJoin('secretsmanager', 'secret:prod/db/reader-??????')],
    },
  ]);
});

test('the job role reads no secret of a node that does not run as a job', () => {
  // WHEN only the Spark task runs as a job
  const statements = jobRoleStatements({
    graph: graph([sparkTask, apiSource]), artifactsBucket: 'a', scriptsPrefix: 's', logsPrefix: 'l', entryPoints: [], jobNodes: [sparkTask],
  });

  // THEN
  expect(statementsOf(statements)).toEqual(expect.arrayContaining([
    expect.objectContaining({ Sid: 'ReadDeclaredSecrets', Resource: arnJoin('secretsmanager', 'secret:prod/db/reader-??????') }),
  ]));
});

test('a job that reads a warehouse table may run Data API statements on the warehouse', () => {
  // GIVEN an API sink whose input is a warehouse table
  const mart = graphNode('mart', { type: 'SqlTask', engine: Engine.WAREHOUSE, output: { id: 'mart', location: 'warehouse://marts.scores', format: 'warehouse_table' } });
  const push = graphNode('push', { kind: NodeKind.SINK, type: 'ApiSink', engine: Engine.SINGLE_WORKER, inputs: ['mart'] });

  // WHEN
  const statements = statementsOf(jobRoleStatements({ graph: graph([mart, push]), artifactsBucket: 'a', scriptsPrefix: 's', logsPrefix: 'l', entryPoints: [], jobNodes: [push] }));

  // THEN
  expect(statements.map((s) => s.Sid)).toEqual(expect.arrayContaining(['WarehouseReadExecuteStatement', 'WarehouseReadOwnStatements', 'WarehouseReadServerlessCredentials']));
  // AND a job that reads only the lake gets none
  const lakeOnly = jobRoleStatements({ graph: graph([sparkTask]), artifactsBucket: 'a', scriptsPrefix: 's', logsPrefix: 'l', entryPoints: [], jobNodes: [sparkTask] });
  expect(lakeOnly.map((s) => s.sid)).not.toContain('WarehouseReadExecuteStatement');
});

test('the job role may decrypt and read the snapshot exports when the workflow has them', () => {
  // WHEN
  const statements = statementsOf(jobRoleStatements({
    graph: graph([sparkTask]), artifactsBucket: 'a', scriptsPrefix: 's', logsPrefix: 'l', entryPoints: [], jobNodes: [],
    exports: { bucket: 'a', prefix: 'tributary/pipeline', kmsKeyArn: 'arn:aws:kms:eu-west-1:111111111111:key/k' },
  }));

  // THEN
  expect(statements).toEqual(expect.arrayContaining([
    expect.objectContaining({ Sid: 'ReadInputs', Resource: [s3Join('a/s/*'), s3Join('a/tributary/pipeline/*')] }),
    { Sid: 'DecryptExports', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: 'arn:aws:kms:eu-west-1:111111111111:key/k' },
  ]));
});

test('secret references are read from nested properties; an Airflow connection is read as airflow/connections/<id>', () => {
  // THEN
  expect(secretReferences({ b: [{ store: 'airflow_connection', reference: 'crm' }], a: { store: 'secretsmanager', reference: 'x/y' }, c: 'plain' }))
    .toEqual(['x/y', 'airflow/connections/crm']);
});

test('a secret given by ARN is used as it is', () => {
  // THEN
  expect(secretArn('arn:aws:secretsmanager:eu-west-1:111111111111:secret:x-AbCdEf')).toBe('arn:aws:secretsmanager:eu-west-1:111111111111:secret:x-AbCdEf');
});


test('a bucket with more key patterns than fit a role policy gets one pattern: their common folder', () => {
  // GIVEN one more dataset than the limit under one lake folder, and one dataset in another bucket
  const many = Array.from({ length: MAX_PATTERNS_PER_BUCKET + 1 }, (_, i) => ({ bucket: 'lake', key: `flow/t${i}/ds=*/` }));

  // THEN
  expect(collapse([...many, { bucket: 'other', key: 'x/ds=*/' }])).toEqual([{ bucket: 'lake', key: 'flow/' }, { bucket: 'other', key: 'x/ds=*/' }]);
  // AND at the limit nothing is merged
  expect(collapse(many.slice(1))).toHaveLength(MAX_PATTERNS_PER_BUCKET);
});

test('merged patterns never widen past the first wildcard', () => {
  // GIVEN keys whose common prefix runs into a placeholder
  const keys = Array.from({ length: MAX_PATTERNS_PER_BUCKET + 1 }, (_, i) => ({ bucket: 'lake', key: `flow/ds=*/part${i}/` }));

  // THEN the pattern stops at the folder before the wildcard
  expect(collapse(keys)).toEqual([{ bucket: 'lake', key: 'flow/' }]);
});
