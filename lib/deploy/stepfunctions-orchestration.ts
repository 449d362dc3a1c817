import type { ISecurityGroup, ISubnet } from 'aws-cdk-lib/aws-ec2';
import { CfnApplication } from 'aws-cdk-lib/aws-emrserverless';
import { ManagedPolicy, Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import { Alias, Key } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { CfnStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import {
  AspectPriority, Aspects, Aws, CfnParameter, FileAssetPackaging, Lazy, Stack, Tags, Token, attachCustomSynthesis,
} from 'aws-cdk-lib/core';
import { Construct, IConstruct } from 'constructs';
import { SCHEDULED_EXECUTION_INPUT } from './execution-input';
import { acknowledgeWildcards } from './private/acknowledge';
import { ArtifactStore, EXPORTS_PREFIX, LOGS_PREFIX, SCRIPTS_PREFIX } from './private/artifact-store';
import { Integration, emrJobs, integrationOf, jobRoleStatements, stateMachineStatements, taskResources } from './private/integrations';
import { schedulerCronExpression } from './private/scheduler';
import { Workflow } from '../core/workflow';
import type { WorkflowGraph } from '../model/workflow-graph';
import { validateWorkflowGraph } from '../synth/synthesize';
import { emrApplicationSpec } from '../targets/emr/application';
import type { EmrApplicationSpec } from '../targets/emr/application';
import {
  EXPORT_SOURCE_ARN_PREFIX, SFN_PLACEHOLDERS, STATE_MACHINE_ARN_PREFIX, stateMachineArtifacts,
} from '../targets/stepfunctions/placeholders';
import type { StateMachineArtifact } from '../targets/stepfunctions/placeholders';
import { DiagnosticSeverity } from '../validation/diagnostic';

/**
 * Above this many bytes of definitions in all, a workflow's definitions are uploaded as assets
 * (`DefinitionS3Location`) instead of written into the template (`DefinitionString`).
 */
const INLINE_DEFINITIONS_MAX_BYTES = 200_000;

/** Props of a StepFunctionsOrchestration. */
export interface StepFunctionsOrchestrationProps {
  /** The workflow to run on Step Functions. Nodes added to it after this construct are included. */
  readonly workflow: Workflow;
  /**
   * Id of an existing EMR Serverless application that the workflow's EMR job runs run on.
   * @default - a new application, sized by the workflow, that starts on the first job and stops when idle
   */
  readonly emrApplicationId?: string;
  /**
   * Subnets of the EMR Serverless application. Jobs that call third-party APIs or read a database
   * in a VPC need private subnets with a route to it (a NAT gateway for the internet).
   * @default - no VPC: jobs reach S3 and the region's AWS services only, not the internet
   */
  readonly subnets?: ISubnet[];
  /**
   * Security groups of the EMR Serverless application, with `subnets`.
   * @default - the VPC's default security group when subnets are given
   */
  readonly securityGroups?: ISecurityGroup[];
  /**
   * Topic that receives a message for each failed execution.
   * @default - a new topic, encrypted with the AWS managed key for SNS, that refuses non-TLS publishing
   */
  readonly failureTopic?: ITopic;
  /**
   * Bucket for the generic job scripts (`scripts/`), the EMR job logs (`logs/`, kept 90 days in
   * the default bucket) and raw snapshot exports (`tributary/`).
   * @default - one encrypted bucket per stack, shared by its orchestrations
   */
  readonly artifactsBucket?: IBucket;
  /**
   * For each snapshot-export source (by node id), the ARN of the Aurora DB cluster or RDS snapshot
   * that StartExportTask exports from.
   * @default - a CloudFormation parameter per snapshot-export source, given at deploy time
   */
  readonly exportSourceArns?: Record<string, string>;
  /**
   * Whether the daily schedule starts executions. A disabled schedule is deployed and can be turned on later.
   * @default true
   */
  readonly scheduleEnabled?: boolean;
}

/**
 * Everything a workflow needs to run on AWS Step Functions, from one line in a stack: a Standard
 * state machine per definition the Step Functions target renders (ARNs passed as
 * `DefinitionSubstitutions`), the EMR Serverless application, IAM roles with least-privilege
 * statements for the integrations the definitions use, the daily EventBridge Scheduler schedule,
 * and the failure topic. The definitions are rendered when the app synthesizes, so nodes added to
 * the workflow after this construct are included. Up to 200 KB of definitions in all are written
 * into the template; a larger workflow's definitions are uploaded byte for byte as file assets.
 *
 * The schedule starts the root machine with `{"scheduledTime": "<aws.scheduler.scheduled-time>"}`;
 * the machine takes `ds` as the day before that time (UTC). A manual run or a backfill starts it
 * with `{"ds": "YYYY-MM-DD"}`.
 */
export class StepFunctionsOrchestration extends Construct {
  /** The workflow. */
  public readonly workflow: Workflow;
  /** The root state machine: the one the schedule starts. */
  public readonly stateMachine: CfnStateMachine;
  /** The role the state machines run with. */
  public readonly role: IRole;
  /** The EMR Serverless job runtime role. */
  public readonly jobRole: IRole;
  /** The EMR Serverless application id. */
  public readonly emrApplicationId: string;
  /** The failure notification topic. */
  public readonly failureTopic: ITopic;
  /** The bucket of scripts, job logs and exports. */
  public readonly artifactsBucket: IBucket;
  /** The daily schedule. */
  public readonly schedule: CfnSchedule;

  private readonly props: StepFunctionsOrchestrationProps;
  private readonly stateMachinePolicy: Policy;
  private readonly jobPolicy: Policy;
  private readonly logGroupArn: string;
  private prepared?: {
    artifacts: StateMachineArtifact[];
    substitutions: Record<string, string>[];
    locations: Array<CfnStateMachine.S3LocationProperty | undefined>;
    spec: EmrApplicationSpec;
  };
  /** Definitions uploaded as assets: file name in the cloud assembly → content. */
  private readonly assetFiles = new Map<string, string>();

  constructor(scope: Construct, id: string, props: StepFunctionsOrchestrationProps) {
    super(scope, id);
    if (!Workflow.isWorkflow(props.workflow)) throw new Error(`${this.node.path}: 'workflow' must be a Workflow`);
    this.props = props;
    this.workflow = props.workflow;
    const workflowId = this.workflow.workflowId;

    this.artifactsBucket = ArtifactStore.of(this, props.artifactsBucket).bucket;
    this.failureTopic = props.failureTopic ?? new Topic(this, 'FailureTopic', {
      displayName: `Tributary ${workflowId} failures`,
      masterKey: Alias.fromAliasName(this, 'SnsManagedKey', 'alias/aws/sns'),
      enforceSSL: true,
    });

    if (props.emrApplicationId !== undefined) {
      this.emrApplicationId = props.emrApplicationId;
    } else {
      const spec = () => this.prepare().spec;
      const application = new CfnApplication(this, 'EmrApplication', {
        name: `tributary-${workflowId}`.slice(0, 64),
        type: 'SPARK',
        releaseLabel: Lazy.string({ produce: () => spec().releaseLabel }),
        architecture: Lazy.string({ produce: () => spec().architecture }),
        maximumCapacity: Lazy.any({ produce: () => ({ cpu: spec().maximumCapacity.cpu, memory: spec().maximumCapacity.memory, disk: spec().maximumCapacity.disk }) }),
        autoStartConfiguration: { enabled: true },
        autoStopConfiguration: { enabled: true, idleTimeoutMinutes: Lazy.number({ produce: () => spec().autoStopIdleMinutes }) },
        networkConfiguration: props.subnets ? {
          subnetIds: props.subnets.map((s) => s.subnetId),
          securityGroupIds: props.securityGroups?.map((g) => g.securityGroupId),
        } : undefined,
      });
      this.emrApplicationId = application.attrApplicationId;
    }

    const applicationArn = `arn:${Aws.PARTITION}:emr-serverless:${Aws.REGION}:${Aws.ACCOUNT_ID}:/applications/${this.emrApplicationId}`;
    this.jobRole = new Role(this, 'JobRole', {
      description: `EMR Serverless job runtime role of Tributary workflow ${workflowId}`,
      assumedBy: new ServicePrincipal('emr-serverless.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
        ArnLike: { 'aws:SourceArn': applicationArn },
      }),
    });
    this.jobPolicy = new Policy(this, 'JobPolicy', { roles: [this.jobRole] });

    this.role = new Role(this, 'Role', {
      description: `State machine role of Tributary workflow ${workflowId}`,
      assumedBy: new ServicePrincipal('states.amazonaws.com').withConditions({ StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } }),
    });
    this.stateMachinePolicy = new Policy(this, 'Policy', { roles: [this.role] });
    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_YEAR });
    this.logGroupArn = logGroup.logGroupArn;

    const root = () => this.prepare().artifacts.length - 1;
    this.stateMachine = this.newStateMachine('StateMachine', {
      definition: () => this.prepare().artifacts[root()].definition,
      substitutions: () => this.prepare().substitutions[root()],
      location: () => this.prepare().locations[root()],
    });
    attachCustomSynthesis(this, {
      onSynthesize: (session) => {
        for (const [file, content] of this.assetFiles) fs.writeFileSync(path.join(session.outdir, file), content);
      },
    });

    const schedulerRole = new Role(this, 'ScheduleRole', {
      description: `Starts the daily executions of Tributary workflow ${workflowId}`,
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com').withConditions({ StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } }),
    });
    const schedulerPolicy = new Policy(this, 'SchedulePolicy', {
      roles: [schedulerRole],
      statements: [new PolicyStatement({ sid: 'StartRootMachine', actions: ['states:StartExecution'], resources: [this.stateMachine.attrArn] })],
    });
    this.schedule = new CfnSchedule(this, 'Schedule', {
      description: `Daily run of Tributary workflow ${workflowId}; the execution's ds is the day before the scheduled time (UTC)`,
      scheduleExpression: schedulerCronExpression(this.workflow.schedule.expressionString),
      scheduleExpressionTimezone: 'UTC',
      flexibleTimeWindow: { mode: 'OFF' },
      state: props.scheduleEnabled === false ? 'DISABLED' : 'ENABLED',
      target: {
        arn: this.stateMachine.attrArn,
        roleArn: schedulerRole.roleArn,
        input: SCHEDULED_EXECUTION_INPUT,
        retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 },
      },
    });
    this.schedule.node.addDependency(schedulerPolicy);

    Tags.of(this).add('tributary:workflow', workflowId);
    for (const key of Object.keys(this.workflow.tags).sort()) Tags.of(this).add(key, this.workflow.tags[key]);

    // Everything that depends on the workflow's nodes is built when the app synthesizes, before
    // the tree is prepared, so that nodes added after this construct are included.
    Aspects.of(this).add({ visit: (node: IConstruct) => { if (node === this) this.prepare(); } }, { priority: AspectPriority.MUTATING });
  }

  private newStateMachine(id: string, source: {
    definition: () => string; substitutions: () => Record<string, string>; location: () => CfnStateMachine.S3LocationProperty | undefined;
  }): CfnStateMachine {
    const machine = new CfnStateMachine(this, id, {
      stateMachineType: 'STANDARD',
      roleArn: this.role.roleArn,
      definitionString: Token.asString(Lazy.any({ produce: () => (source.location() ? undefined : source.definition()) })),
      definitionS3Location: Lazy.any({ produce: source.location }),
      definitionSubstitutions: Lazy.any({ produce: () => { const s = source.substitutions(); return Object.keys(s).length > 0 ? s : undefined; } }),
      loggingConfiguration: { level: 'ALL', includeExecutionData: false, destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: this.logGroupArn } }] },
      tracingConfiguration: { enabled: true },
    });
    // Step Functions checks at creation that the role may deliver logs: the policy must exist first.
    machine.node.addDependency(this.stateMachinePolicy);
    return machine;
  }

  /** Render the workflow's definitions and place everything that depends on them; once. */
  private prepare(): NonNullable<StepFunctionsOrchestration['prepared']> {
    if (this.prepared) return this.prepared;
    const graph = this.workflow.toGraph();
    let artifacts: StateMachineArtifact[];
    try {
      // Rendered before validation, which the app runs anyway once the tree is prepared: a valid
      // workflow (the usual case) is validated once, not twice.
      artifacts = stateMachineArtifacts(graph);
    } catch (error) {
      if (!validateWorkflowGraph(this.workflow, graph).some((d) => d.severity === DiagnosticSeverity.ERROR)) throw error;
      // The app's validation reports the errors and stops synthesis; until then the lazy values
      // resolve to placeholders that never reach a template.
      this.prepared = { artifacts: [{ name: '', path: '', definition: '', placeholders: [], children: [] }], substitutions: [{}], locations: [undefined], spec: INVALID_SPEC };
      return this.prepared;
    }
    const spec = emrApplicationSpec(graph);
    const used = new Set(artifacts.flatMap((a) => a.placeholders));
    const exports = [...used].filter((p) => p.startsWith(EXPORT_SOURCE_ARN_PREFIX)).sort().map((p) => p.slice(EXPORT_SOURCE_ARN_PREFIX.length));
    const exportResources = exports.length > 0 || used.has(name(SFN_PLACEHOLDERS.exportRoleArn)) ? this.exportResources(graph, exports) : undefined;
    const base: Record<string, string> = {
      [name(SFN_PLACEHOLDERS.emrApplicationId)]: this.emrApplicationId,
      [name(SFN_PLACEHOLDERS.emrJobRoleArn)]: this.jobRole.roleArn,
      [name(SFN_PLACEHOLDERS.scriptsLocation)]: `s3://${this.artifactsBucket.bucketName}/${SCRIPTS_PREFIX}`,
      [name(SFN_PLACEHOLDERS.emrLogUri)]: `s3://${this.artifactsBucket.bucketName}/${LOGS_PREFIX}`,
      [name(SFN_PLACEHOLDERS.failureTopicArn)]: this.failureTopic.topicArn,
      ...(exportResources ? {
        [name(SFN_PLACEHOLDERS.exportRoleArn)]: exportResources.roleArn,
        [name(SFN_PLACEHOLDERS.exportKmsKeyArn)]: exportResources.kmsKeyArn,
        [name(SFN_PLACEHOLDERS.exportBucket)]: this.artifactsBucket.bucketName,
        ...Object.fromEntries(exports.map((id, i) => [EXPORT_SOURCE_ARN_PREFIX + id, exportResources.sourceArns[i]])),
      } : {}),
    };

    const children: Array<{ artifact: string; arn: string; name: string }> = [];
    const substitutions: Record<string, string>[] = [];
    // Definitions stay in the template, where cfn-lint checks them, while they are small; a large
    // workflow's definitions are uploaded as assets, so that the template stays under CloudFormation's 1 MB.
    const inline = artifacts.reduce((sum, a) => sum + Buffer.byteLength(a.definition, 'utf8'), 0) <= INLINE_DEFINITIONS_MAX_BYTES;
    const locations = artifacts.map((a) => (inline ? undefined : this.definitionAsset(a)));
    this.prepared = { artifacts, substitutions, locations, spec };
    for (const [i, artifact] of artifacts.entries()) {
      const values: Record<string, string> = {};
      for (const placeholder of artifact.placeholders) {
        const value = placeholder.startsWith(STATE_MACHINE_ARN_PREFIX)
          ? children.find((c) => c.artifact === placeholder.slice(STATE_MACHINE_ARN_PREFIX.length))?.arn
          : base[placeholder];
        if (value === undefined) throw new Error(`${this.node.path}: no value for placeholder '\${${placeholder}}' of state machine '${artifact.name}'`);
        values[placeholder] = value;
      }
      substitutions.push(values);
      if (i < artifacts.length - 1) {
        const child = this.newStateMachine(`Child_${artifact.name}`, { definition: () => artifact.definition, substitutions: () => values, location: () => locations[i] });
        children.push({ artifact: artifact.name, arn: child.attrArn, name: child.attrName });
      }
    }

    const parsed = artifacts.map((a) => JSON.parse(a.definition));
    const integrations = new Set<Integration>(parsed.flatMap((d) => taskResources(d).map(integrationOf)));
    const scope = {
      graph, emrApplicationId: this.emrApplicationId, jobRoleArn: this.jobRole.roleArn,
      failureTopicArn: this.failureTopic.topicArn, children, exports: exportResources,
    };
    const machineStatements = [...stateMachineStatements(without(integrations, Integration.CHILD_MACHINES), scope), ...observabilityStatements()];
    this.stateMachinePolicy.addStatements(...machineStatements);
    acknowledgeWildcards(this.stateMachinePolicy, machineStatements, STATE_MACHINE_WILDCARDS);
    // Every machine is created after the main policy (Step Functions checks its logging permissions
    // at creation). The statements that name child machines go in managed policies of their own,
    // created after the children (so that no machine waits for a policy that waits for it), a few
    // children each (so that many children fit IAM's 6,144 characters per managed policy).
    if (integrations.has(Integration.CHILD_MACHINES)) {
      for (let first = 0; first < children.length; first += CHILDREN_PER_POLICY) {
        const statements = stateMachineStatements(new Set([Integration.CHILD_MACHINES]), { ...scope, children: children.slice(first, first + CHILDREN_PER_POLICY) });
        const policy = new ManagedPolicy(this, `ChildMachinesPolicy${first / CHILDREN_PER_POLICY + 1}`, {
          description: `Start and follow child state machines of Tributary workflow ${graph.workflow.id}`, roles: [this.role], statements,
        });
        acknowledgeWildcards(policy, statements, STATE_MACHINE_WILDCARDS);
        this.stateMachine.node.addDependency(policy);
      }
    }

    // What the job role may touch follows from the job runs the definitions start.
    const jobs = parsed.flatMap((d) => emrJobs(d));
    const jobNodes = [...new Set(jobs.map((j) => j.node))].filter((id) => graph.hasNode(id)).sort().map((id) => graph.node(id));
    const entryPoints = jobs.map((j) => j.entryPoint).filter((e): e is string => e !== undefined && !e.includes('${'));
    const jobStatements = jobRoleStatements({
      graph, artifactsBucket: this.artifactsBucket.bucketName, scriptsPrefix: SCRIPTS_PREFIX,
      logsPrefix: `${LOGS_PREFIX}/${graph.workflow.id}`, entryPoints, jobNodes,
      exports: exportResources ? { bucket: this.artifactsBucket.bucketName, prefix: `${EXPORTS_PREFIX}/${graph.workflow.id}`, kmsKeyArn: exportResources.kmsKeyArn } : undefined,
    });
    this.jobPolicy.addStatements(...jobStatements);
    acknowledgeWildcards(this.jobPolicy, jobStatements, JOB_ROLE_WILDCARDS);
    return this.prepared;
  }

  /** Upload a definition, byte for byte, as a file asset of the stack: its S3 location. */
  private definitionAsset(artifact: StateMachineArtifact): CfnStateMachine.S3LocationProperty {
    const hash = createHash('sha256').update(artifact.definition).digest('hex');
    const fileName = `asset.${hash}.asl.json`;
    this.assetFiles.set(fileName, artifact.definition);
    const location = Stack.of(this).synthesizer.addFileAsset({
      sourceHash: hash, fileName, packaging: FileAssetPackaging.FILE, displayName: `${this.workflow.workflowId} ${artifact.path}`,
    });
    return { bucket: location.bucketName, key: location.objectKey };
  }

  /** The role RDS assumes to write exports, their KMS key, and the source ARN of each export node. */
  private exportResources(graph: WorkflowGraph, nodeIds: string[]): { roleArn: string; kmsKeyArn: string; sourceArns: string[] } {
    const key = new Key(this, 'ExportKey', { enableKeyRotation: true, description: `Encrypts the snapshot exports of Tributary workflow ${graph.workflow.id}` });
    const role = new Role(this, 'ExportRole', {
      description: `Role RDS assumes to write the snapshot exports of Tributary workflow ${graph.workflow.id}`,
      assumedBy: new ServicePrincipal('export.rds.amazonaws.com').withConditions({ StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } }),
    });
    const prefix = `${EXPORTS_PREFIX}/${graph.workflow.id}/`;
    const statements = [
      new PolicyStatement({ sid: 'WriteExports', actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject', 's3:AbortMultipartUpload'], resources: [this.artifactsBucket.arnForObjects(`${prefix}*`)] }),
      new PolicyStatement({ sid: 'ListExports', actions: ['s3:ListBucket', 's3:GetBucketLocation'], resources: [this.artifactsBucket.bucketArn] }),
    ];
    const policy = new Policy(this, 'ExportPolicy', { roles: [role], statements });
    acknowledgeWildcards(policy, statements, { WriteExports: 'RDS writes one export per node and logical date under this workflow\'s export prefix; the keys are known only at run time.' });
    const sourceArns = nodeIds.map((id) => this.props.exportSourceArns?.[id] ?? new CfnParameter(this, `ExportSourceArn_${id}`, {
      type: 'String',
      description: `ARN of the Aurora DB cluster or RDS snapshot that node '${id}' of workflow '${graph.workflow.id}' exports from`,
      allowedPattern: '^arn:aws[a-z-]*:rds:[a-z0-9-]+:[0-9]{12}:(cluster|snapshot|cluster-snapshot):.+$',
    }).valueAsString);
    return { roleArn: role.roleArn, kmsKeyArn: key.keyArn, sourceArns };
  }
}

/** The statements every state machine needs for its logging and tracing configuration. */
function observabilityStatements(): PolicyStatement[] {
  return [
    new PolicyStatement({
      sid: 'DeliverLogs',
      actions: ['logs:CreateLogDelivery', 'logs:GetLogDelivery', 'logs:UpdateLogDelivery', 'logs:DeleteLogDelivery', 'logs:ListLogDeliveries',
        'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups'],
      resources: ['*'],
    }),
    new PolicyStatement({
      sid: 'Tracing',
      actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'],
      resources: ['*'],
    }),
  ];
}

/** What the lazy values of an invalid workflow resolve to, before the app's validation stops synthesis. */
const INVALID_SPEC: EmrApplicationSpec = { releaseLabel: '', architecture: '', maximumCapacity: { cpu: '', memory: '', disk: '' }, autoStopIdleMinutes: 0 };

/** Child machines per managed policy: two ARNs of at most about 260 characters each, well inside 6,144. */
const CHILDREN_PER_POLICY = 10;

function without<T>(set: ReadonlySet<T>, value: T): Set<T> {
  const copy = new Set(set);
  copy.delete(value);
  return copy;
}

/** Why each state machine statement with a wildcard needs it (cdk-nag AwsSolutions-IAM5). */
const STATE_MACHINE_WILDCARDS: Record<string, string> = {
  EmrServerlessJobRuns: 'Job run ids are created at run time; the statement covers only the job runs of this workflow\'s EMR Serverless application.',
  RedshiftExecuteStatement: 'A Redshift Serverless workgroup ARN ends with the workgroup\'s generated id, which the workflow does not know (it names the workgroup).',
  RedshiftServerlessCredentials: 'A Redshift Serverless workgroup ARN ends with the workgroup\'s generated id, which the workflow does not know (it names the workgroup).',
  RedshiftOwnStatements: 'Data API statement ids are not IAM resources; the condition limits the calls to statements this role ran.',
  RedshiftCredentialsSecret: 'Secrets Manager appends six random characters to a secret\'s name in its ARN; the pattern matches only the named secret.',
  ReadCompletionMarkers: 'The completion marker\'s key contains the logical date, known only at run time; the pattern covers only the log source\'s marker.',
  RdsDescribeExportTasks: 'rds:DescribeExportTasks has no resource type and cannot be scoped.',
  ChildExecutions: 'Execution ARNs are created at run time; the statement covers only executions of this workflow\'s child state machines.',
  DeliverLogs: 'CloudWatch Logs delivery actions, used by the state machine\'s logging configuration, do not support resource-level permissions.',
  Tracing: 'X-Ray tracing actions do not support resource-level permissions.',
};

/** Why each job role statement with a wildcard needs it (cdk-nag AwsSolutions-IAM5). */
const JOB_ROLE_WILDCARDS: Record<string, string> = {
  ReadWriteDatasets: 'Each dataset is one partition per logical date, known only at run time; the patterns cover only the workflow\'s dataset locations (past ten in a bucket, the folder that holds them all).',
  ReadInputs: 'Inputs are read per logical date and the scripts and exports by prefix; the patterns cover only those locations.',
  WriteJobLogs: 'EMR Serverless writes logs under job run ids created at run time; the pattern covers only this workflow\'s log prefix.',
  WarehouseReadExecuteStatement: 'A Redshift Serverless workgroup ARN ends with the workgroup\'s generated id, which the workflow does not know (it names the workgroup).',
  WarehouseReadServerlessCredentials: 'A Redshift Serverless workgroup ARN ends with the workgroup\'s generated id, which the workflow does not know (it names the workgroup).',
  WarehouseReadOwnStatements: 'Data API statement ids are not IAM resources; the condition limits the calls to statements this role ran.',
  WarehouseReadCredentialsSecret: 'Secrets Manager appends six random characters to a secret\'s name in its ARN; the pattern matches only the warehouse secret.',
  ReadDeclaredSecrets: 'Secrets Manager appends six random characters to a secret\'s name in its ARN; each pattern matches only a secret the workflow declares.',
};

function name(placeholder: string): string {
  return placeholder.slice(2, -1);
}

