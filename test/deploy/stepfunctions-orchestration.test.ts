import * as fs from 'fs';
import * as path from 'path';
import { Duration, Size } from 'aws-cdk-lib/core';
import { App, Stack } from 'aws-cdk-lib/core';
import { Template, Match } from 'aws-cdk-lib/assertions';
import { SecurityGroup, Subnet } from 'aws-cdk-lib/aws-ec2';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { DataFormat, LogSource, Schedule, SparkTask, StepFunctionsOrchestration } from '../../lib';
import { ValidationError } from '../../lib/validation/validation-error';
import type { Workflow } from '../../lib';
import { emrApplicationSpec } from '../../lib/targets/emr/application';
import type { StateMachineArtifact } from '../../lib/targets/stepfunctions/placeholders';
import { errorOf, newStack, newWorkflow, ORDERS_SCHEMA, validWorkflow } from '../util';

// Definitions as the Step Functions target renders them, unless a test gives its own (a root with
// a child) to exercise what the target renders only for very large workflows.
let mockArtifacts: StateMachineArtifact[] | undefined;
jest.mock('../../lib/targets/stepfunctions/placeholders', () => {
  const actual = jest.requireActual('../../lib/targets/stepfunctions/placeholders');
  return { ...actual, stateMachineArtifacts: (graph: any) => mockArtifacts ?? actual.stateMachineArtifacts(graph) };
});
afterEach(() => { mockArtifacts = undefined; });

const { stateMachineArtifacts } = jest.requireActual('../../lib/targets/stepfunctions/placeholders');

/** The template of the workflow's stack, synthesized as the app would. */
function templateOf(workflow: Workflow): Template {
  return Template.fromStack(Stack.of(workflow));
}

test('the root state machine is Standard and its definition is the rendered artifact byte for byte', () => {
  // GIVEN
  const { workflow } = validWorkflow();
  new StepFunctionsOrchestration(Stack.of(workflow), 'Orchestration', { workflow });

  // WHEN
  const template = templateOf(workflow);

  // THEN
  const artifacts: StateMachineArtifact[] = stateMachineArtifacts(workflow.toGraph());
  const machines = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
  expect(machines).toHaveLength(artifacts.length);
  expect(machines[machines.length - 1].Properties).toMatchObject({ StateMachineType: 'STANDARD', DefinitionString: artifacts[artifacts.length - 1].definition });
});

test('nodes added to the workflow after the orchestration are deployed too', () => {
  // GIVEN an orchestration created before the workflow's last node
  const { workflow, enrich } = validWorkflow();
  new StepFunctionsOrchestration(Stack.of(workflow), 'Orchestration', { workflow });
  new SparkTask(workflow, 'Later', { script: 's3://jobs-bucket/later.py', inputs: [enrich.output], output: { schema: ORDERS_SCHEMA } });

  // WHEN
  const template = templateOf(workflow);

  // THEN the definition is the one of the whole workflow, and the job role may write the late node's dataset
  const artifacts: StateMachineArtifact[] = stateMachineArtifacts(workflow.toGraph());
  template.hasResourceProperties('AWS::StepFunctions::StateMachine', { DefinitionString: artifacts[artifacts.length - 1].definition });
  expect(JSON.stringify(template.findResources('AWS::IAM::Policy'))).toContain('later/ds=*/*');
  expect(JSON.stringify(template.findResources('AWS::IAM::Policy'))).toContain(':s3:::jobs-bucket/later.py');
});

test('the EMR Serverless application takes release, architecture, capacity and idle stop from the workflow, and starts on demand', () => {
  // GIVEN
  const { workflow } = validWorkflow();
  new StepFunctionsOrchestration(Stack.of(workflow), 'Orchestration', { workflow });
  const spec = emrApplicationSpec(workflow.toGraph());

  // THEN
  templateOf(workflow).hasResourceProperties('AWS::EMRServerless::Application', {
    Type: 'SPARK',
    ReleaseLabel: spec.releaseLabel,
    Architecture: spec.architecture,
    MaximumCapacity: { Cpu: spec.maximumCapacity.cpu, Memory: spec.maximumCapacity.memory, Disk: spec.maximumCapacity.disk },
    AutoStartConfiguration: { Enabled: true },
    AutoStopConfiguration: { Enabled: true, IdleTimeoutMinutes: spec.autoStopIdleMinutes },
    NetworkConfiguration: Match.absent(),
  });
});

test('subnets and security groups become the application network configuration', () => {
  // GIVEN
  const { workflow } = validWorkflow();
  const stack = Stack.of(workflow);
  new StepFunctionsOrchestration(stack, 'Orchestration', {
    workflow,
    subnets: [Subnet.fromSubnetId(stack, 'A', 'subnet-aaa'), Subnet.fromSubnetId(stack, 'B', 'subnet-bbb')],
    securityGroups: [SecurityGroup.fromSecurityGroupId(stack, 'G', 'sg-123')],
  });

  // THEN
  templateOf(workflow).hasResourceProperties('AWS::EMRServerless::Application', {
    NetworkConfiguration: { SubnetIds: ['subnet-aaa', 'subnet-bbb'], SecurityGroupIds: ['sg-123'] },
  });
});

test('an existing EMR application is used instead of a new one', () => {
  // GIVEN
  const { workflow } = validWorkflow();
  new StepFunctionsOrchestration(Stack.of(workflow), 'Orchestration', { workflow, emrApplicationId: '00abc' });

  // THEN
  const template = templateOf(workflow);
  template.resourceCountIs('AWS::EMRServerless::Application', 0);
  template.hasResourceProperties('AWS::IAM::Role', {
    AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'emr-serverless.amazonaws.com' }, Condition: Match.objectLike({ ArnLike: { 'aws:SourceArn': Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([':/applications/00abc'])] }) } }) })] },
  });
});

test('the daily schedule runs the workflow cron in UTC and starts the root machine with the scheduled time', () => {
  // GIVEN
  const { workflow } = validWorkflow();
  const orchestration = new StepFunctionsOrchestration(Stack.of(workflow), 'Orchestration', { workflow });
  const stack = Stack.of(workflow);

  // THEN
  templateOf(workflow).hasResourceProperties('AWS::Scheduler::Schedule', {
    ScheduleExpression: 'cron(0 2 * * ? *)',
    ScheduleExpressionTimezone: 'UTC',
    FlexibleTimeWindow: { Mode: 'OFF' },
    State: 'ENABLED',
    Target: Match.objectLike({ Arn: stack.resolve(orchestration.stateMachine.attrArn), Input: '{"scheduledTime":"<aws.scheduler.scheduled-time>"}' }),
  });
  // AND its role may start that machine and nothing else
  templateOf(workflow).hasResourceProperties('AWS::IAM::Policy', {
    PolicyDocument: { Statement: [{ Sid: 'StartRootMachine', Effect: 'Allow', Action: 'states:StartExecution', Resource: stack.resolve(orchestration.stateMachine.attrArn) }] },
  });
});

test('a disabled schedule is deployed disabled', () => {
  // GIVEN
  const { workflow } = validWorkflow();
  new StepFunctionsOrchestration(Stack.of(workflow), 'Orchestration', { workflow, scheduleEnabled: false });

  // THEN
  templateOf(workflow).hasResourceProperties('AWS::Scheduler::Schedule', { State: 'DISABLED' });
});

test('the failure topic is encrypted and refuses publishing without TLS; an existing topic replaces it', () => {
  // GIVEN one orchestration with its own topic and one with a given topic
  const { workflow } = validWorkflow();
  const stack = Stack.of(workflow);
  new StepFunctionsOrchestration(stack, 'Orchestration', { workflow });
  const other = newWorkflow({}, 'Other', stack);
  new StepFunctionsOrchestration(stack, 'OtherOrchestration', { workflow: other, failureTopic: Topic.fromTopicArn(stack, 'T', 'arn:aws:sns:eu-west-1:111111111111:ops') });

  // THEN only one topic is created, with a key and a TLS-only policy
  const template = templateOf(workflow);
  template.resourceCountIs('AWS::SNS::Topic', 1);
  template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
  template.hasResourceProperties('AWS::SNS::TopicPolicy', {
    PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
  });
});

test('every state machine logs all events, is traced, and is created after its role policy', () => {
  // GIVEN
  const { workflow } = validWorkflow();
  new StepFunctionsOrchestration(Stack.of(workflow), 'Orchestration', { workflow });

  // THEN
  const machines = templateOf(workflow).findResources('AWS::StepFunctions::StateMachine');
  for (const machine of Object.values(machines)) {
    expect(machine.Properties).toMatchObject({ LoggingConfiguration: { Level: 'ALL' }, TracingConfiguration: { Enabled: true } });
    expect(machine.DependsOn).toEqual([expect.stringMatching(/^OrchestrationPolicy/)]);
  }
});

test('child machines are created before the root, and their ARNs are the root\'s substitutions', () => {
  // GIVEN a root that starts one child, and a child that runs an EMR job
  mockArtifacts = [
    {
      name: 'pipeline_part_001', path: 'stepfunctions/pipeline_part_001.asl.json', children: [], placeholders: ['EmrApplicationId', 'EmrJobRoleArn'],
      definition: JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Task', Resource: 'arn:aws:states:::emr-serverless:startJobRun.sync', Parameters: { ApplicationId: '${EmrApplicationId}', ExecutionRoleArn: '${EmrJobRoleArn}' }, End: true } } }) + '\n',
    },
    {
      name: 'pipeline', path: 'stepfunctions/state-machine.asl.json', children: ['pipeline_part_001'], placeholders: ['FailureTopicArn', 'StateMachineArn_pipeline_part_001'],
      definition: JSON.stringify({ StartAt: 'C', States: { C: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2', Parameters: { StateMachineArn: '${StateMachineArn_pipeline_part_001}' }, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'N' }], End: true }, N: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Parameters: { TopicArn: '${FailureTopicArn}' }, Next: 'F' }, F: { Type: 'Fail' } } }) + '\n',
    },
  ];
  const { workflow } = validWorkflow();
  const orchestration = new StepFunctionsOrchestration(Stack.of(workflow), 'Orchestration', { workflow });

  // WHEN
  const template = templateOf(workflow);
  const stack = Stack.of(workflow);

  // THEN each machine has exactly the substitutions its definition uses
  const machines = template.findResources('AWS::StepFunctions::StateMachine');
  const child = Object.entries(machines).find(([id]) => id.includes('Childpipelinepart001'))!;
  expect(child[1].Properties.DefinitionString).toBe(mockArtifacts[0].definition);
  expect(Object.keys(child[1].Properties.DefinitionSubstitutions)).toEqual(['EmrApplicationId', 'EmrJobRoleArn']);
  expect(stack.resolve(orchestration.stateMachine.definitionSubstitutions)).toEqual({
    FailureTopicArn: { Ref: expect.stringMatching(/^OrchestrationFailureTopic/) },
    StateMachineArn_pipeline_part_001: { 'Fn::GetAtt': [child[0], 'Arn'] },
  });
  // AND the role may start the child, follow its executions and publish failures, besides the EMR job runs
  const statements = [...Object.values(template.findResources('AWS::IAM::Policy')), ...Object.values(template.findResources('AWS::IAM::ManagedPolicy'))]
    .flatMap((p: any) => p.Properties.PolicyDocument.Statement);
  expect(statements.map((s: any) => s.Sid)).toEqual(expect.arrayContaining([
    'EmrServerlessStartJobRun', 'EmrServerlessPassJobRole', 'StartChildMachines', 'ChildExecutions', 'ChildMachinesSyncRule', 'PublishFailures',
  ]));
  expect(statements.find((s: any) => s.Sid === 'ChildExecutions').Resource['Fn::Join'][1]).toContainEqual({ 'Fn::GetAtt': [child[0], 'Name'] });
});

test('large definitions are uploaded as assets byte for byte, so that the template stays small', () => {
  // GIVEN a root and a child whose definitions are 150 KB each (more than 200 KB in all)
  const big = (name: string, children: string[], placeholders: string[], first: object) => ({
    name, path: `stepfunctions/${name}.asl.json`, children, placeholders,
    definition: JSON.stringify({ Comment: 'x'.repeat(150_000), StartAt: 'A', States: { A: first } }) + '\n',
  });
  mockArtifacts = [
    big('pipeline_part_001', [], [], { Type: 'Succeed' }),
    big('pipeline', ['pipeline_part_001'], ['StateMachineArn_pipeline_part_001'], { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2', End: true }),
  ];
  const { workflow } = validWorkflow();
  new StepFunctionsOrchestration(Stack.of(workflow), 'Orchestration', { workflow });

  // WHEN
  const assembly = (Stack.of(workflow).node.root as App).synth();

  // THEN no definition is in the template, and each S3 location names an asset file that is the definition
  const template = assembly.getStackByName('Test').template;
  const machines = Object.values(template.Resources).filter((r: any) => r.Type === 'AWS::StepFunctions::StateMachine') as any[];
  expect(machines.map((m) => m.Properties.DefinitionString)).toEqual([undefined, undefined]);
  const manifest = JSON.parse(fs.readFileSync(path.join(assembly.directory, 'Test.assets.json'), 'utf8'));
  const uploaded = machines.map((m) => {
    const hash = m.Properties.DefinitionS3Location.Key.replace(/\.json$/, '');
    return fs.readFileSync(path.join(assembly.directory, manifest.files[hash].source.path), 'utf8');
  });
  expect(uploaded.sort()).toEqual(mockArtifacts.map((a) => a.definition).sort());
  expect(JSON.stringify(template).length).toBeLessThan(50_000);
});

test('the statements naming child machines are in managed policies of ten children each, created before the root', () => {
  // GIVEN a root that starts 25 children
  const names = Array.from({ length: 25 }, (_, i) => `pipeline_part_${String(i + 1).padStart(3, '0')}`);
  mockArtifacts = [
    ...names.map((name) => ({ name, path: `stepfunctions/${name}.asl.json`, children: [], placeholders: [], definition: '{"StartAt":"S","States":{"S":{"Type":"Succeed"}}}\n' })),
    {
      name: 'pipeline', path: 'stepfunctions/state-machine.asl.json', children: names, placeholders: names.map((n) => `StateMachineArn_${n}`),
      definition: JSON.stringify({ StartAt: 'C', States: { C: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2', End: true } } }) + '\n',
    },
  ];
  const { workflow } = validWorkflow();
  const orchestration = new StepFunctionsOrchestration(Stack.of(workflow), 'Orchestration', { workflow });

  // THEN
  const template = templateOf(workflow);
  const policies = template.findResources('AWS::IAM::ManagedPolicy');
  expect(Object.values(policies).map((p: any) => p.Properties.PolicyDocument.Statement[0].Resource.length)).toEqual([10, 10, 5]);
  const root = template.findResources('AWS::StepFunctions::StateMachine')[Stack.of(workflow).resolve(orchestration.stateMachine.logicalId)];
  expect(root.DependsOn).toEqual(expect.arrayContaining(Object.keys(policies)));
});

test('a definition that uses an unknown placeholder is refused at synth', () => {
  // GIVEN
  mockArtifacts = [{ name: 'pipeline', path: 'stepfunctions/state-machine.asl.json', children: [], placeholders: ['Nope'], definition: '{"StartAt":"S","States":{"S":{"Type":"Succeed"}}}\n' }];
  const { workflow } = validWorkflow();
  new StepFunctionsOrchestration(Stack.of(workflow), 'Orchestration', { workflow });

  // THEN
  expect(() => templateOf(workflow)).toThrow(/no value for placeholder '\$\{Nope\}' of state machine 'pipeline'/);
});

test('a snapshot export gets an export role, a rotated key, and a deploy-time parameter for its source unless one is given', () => {
  // GIVEN a definition that exports node 'customers'
  mockArtifacts = [{
    name: 'pipeline', path: 'stepfunctions/state-machine.asl.json', children: [],
    placeholders: ['ExportBucket', 'ExportKmsKeyArn', 'ExportRoleArn', 'ExportSourceArn_customers'],
    definition: JSON.stringify({ StartAt: 'E', States: { E: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:rds:startExportTask', End: true } } }) + '\n',
  }];
  const { workflow } = validWorkflow();
  const stack = Stack.of(workflow);
  new StepFunctionsOrchestration(stack, 'Orchestration', { workflow });
  // AND a second workflow whose export source is given
  const other = newWorkflow({}, 'Other', stack);
  new StepFunctionsOrchestration(stack, 'OtherOrchestration', { workflow: other, exportSourceArns: { customers: 'arn:aws:rds:eu-west-1:111111111111:cluster:orders' } });

  // THEN each has a rotated key and a role that RDS assumes
  const template = templateOf(workflow);
  expect(Object.values(template.findResources('AWS::KMS::Key')).map((k: any) => k.Properties.EnableKeyRotation)).toEqual([true, true]);
  template.resourcePropertiesCountIs('AWS::IAM::Role', { AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'export.rds.amazonaws.com' } })] } }, 2);
  // AND only the first asks for its source at deploy time
  expect(Object.keys(template.findParameters('*')).filter((p) => p.includes('ExportSourceArn'))).toEqual([expect.stringMatching(/^OrchestrationExportSourceArncustomers/)]);
  const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
  expect(statements.filter((s: any) => s.Sid === 'RdsStartExportTask').map((s: any) => s.Resource)).toEqual([
    { Ref: expect.stringMatching(/^OrchestrationExportSourceArncustomers/) },
    'arn:aws:rds:eu-west-1:111111111111:cluster:orders',
  ]);
});

test('the log source marker and the S3 reads are granted when the definition polls for markers', () => {
  // GIVEN
  mockArtifacts = [{
    name: 'pipeline', path: 'stepfunctions/state-machine.asl.json', children: [], placeholders: [],
    definition: JSON.stringify({ StartAt: 'H', States: { H: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:s3:headObject', End: true } } }) + '\n',
  }];
  const workflow = newWorkflow();
  new LogSource(workflow, 'Clicks', { location: 's3://acme-logs/clicks/dt={{ds}}/', format: DataFormat.JSON_LINES, arrivalTimeout: Duration.hours(2), estimatedSize: Size.gibibytes(1), schema: ORDERS_SCHEMA });
  new StepFunctionsOrchestration(Stack.of(workflow), 'Orchestration', { workflow });

  // THEN
  const statements = Object.values(templateOf(workflow).findResources('AWS::IAM::Policy')).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
  expect(statements.find((s: any) => s.Sid === 'ReadCompletionMarkers').Resource['Fn::Join'][1]).toContain(':s3:::acme-logs/clicks/dt=*/_SUCCESS');
});

test('a workflow with validation errors is reported by the app\'s validation, not by the orchestration', () => {
  // GIVEN a workflow whose schedule runs every hour (TRB011)
  const workflow = newWorkflow({ schedule: Schedule.cron('0 * * * *') });
  new StepFunctionsOrchestration(Stack.of(workflow), 'Orchestration', { workflow });

  // THEN
  const error = errorOf(() => (Stack.of(workflow).node.root as App).synth());
  expect(error).toBeInstanceOf(ValidationError);
  expect(error.message).toContain('TRB011');
});

test('a stack with workflows and no orchestration has none of the Step Functions resources', () => {
  // GIVEN the workflows of an Airflow-only user
  const stack = newStack();
  validWorkflow();
  newWorkflow({}, 'A', stack);
  newWorkflow({}, 'B', stack);

  // THEN
  const types = Object.values(Template.fromStack(stack).toJSON().Resources ?? {}).map((r: any) => r.Type);
  expect(types).toEqual([]);
});

test('the workflow must be a Workflow', () => {
  // THEN
  expect(() => new StepFunctionsOrchestration(newStack(), 'O', { workflow: {} as any })).toThrow(/'workflow' must be a Workflow/);
});
