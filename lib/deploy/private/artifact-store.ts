import * as path from 'path';
import { BlockPublicAccess, Bucket, BucketEncryption, IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { CfnPolicy, CfnRole } from 'aws-cdk-lib/aws-iam';
import { AspectPriority, Aspects, Duration, Stack, Validations } from 'aws-cdk-lib/core';
import { Construct, IConstruct } from 'constructs';
import { wildcardFindings } from './acknowledge';

/** The package's generic job scripts (`scripts/`), uploaded beside every orchestration. */
export const SCRIPTS_DIR = path.join(__dirname, '..', '..', '..', 'scripts');
/** Key prefix of the generic scripts in the artifacts bucket. */
export const SCRIPTS_PREFIX = 'scripts';
/** Key prefix of the EMR job logs in the artifacts bucket (then `<workflow_id>/<node_id>/`). */
export const LOGS_PREFIX = 'logs';
/** Key prefix of raw snapshot exports in the artifacts bucket (then `<workflow_id>/<node_id>/<ds>/`). */
export const EXPORTS_PREFIX = 'tributary';

const STORE_ID = 'TributaryArtifacts';

/**
 * The bucket that holds Tributary's generic job scripts, the EMR job logs and raw snapshot exports,
 * with the scripts uploaded: one per stack, or one per bucket given, shared by every orchestration in it.
 */
export class ArtifactStore extends Construct {
  /** The store of `scope`'s stack for `bucket` (or the stack's own bucket), created on first use. */
  public static of(scope: Construct, bucket?: IBucket): ArtifactStore {
    const stack = Stack.of(scope);
    const id = bucket ? `${STORE_ID}${bucket.node.addr}` : STORE_ID;
    return (stack.node.tryFindChild(id) as ArtifactStore | undefined) ?? new ArtifactStore(stack, id, bucket);
  }

  /** The bucket. */
  public readonly bucket: IBucket;

  private constructor(scope: Construct, id: string, bucket?: IBucket) {
    super(scope, id);
    if (bucket) {
      this.bucket = bucket;
    } else {
      const own = new Bucket(this, 'Bucket', {
        encryption: BucketEncryption.S3_MANAGED,
        blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
        enforceSSL: true,
        lifecycleRules: [{ id: 'ExpireJobLogs', prefix: `${LOGS_PREFIX}/`, expiration: Duration.days(90) }],
      });
      Validations.of(own).acknowledge({
        id: 'AwsSolutions-S1',
        reason: 'The bucket holds the deployed scripts, job logs and transient snapshot exports, written only by roles of this stack; server access logs need a second bucket, which is not created here: give an `artifactsBucket` that has server access logging (or enable CloudTrail data events) to audit object access.',
      });
      this.bucket = own;
    }
    const deployment = new BucketDeployment(this, 'Scripts', {
      sources: [Source.asset(SCRIPTS_DIR, { exclude: ['__pycache__', '*.pyc', 'test_*', '*_test.py'] })],
      destinationBucket: this.bucket,
      destinationKeyPrefix: `${SCRIPTS_PREFIX}/`,
      prune: true,
    });
    // The upload's handler is a function of the stack that every BucketDeployment shares: its
    // policy is complete only once the tree is, so its findings are acknowledged just before synthesis.
    Aspects.of(this).add({ visit: (node: IConstruct) => { if (node === deployment) acknowledgeDeploymentHandler(deployment); } }, { priority: AspectPriority.MUTATING });
  }
}

/**
 * The upload's handler is aws-cdk-lib's own function (BucketDeployment), whose role and policy
 * aws-cdk-lib writes: acknowledge, finding by finding, what cdk-nag finds in them.
 */
function acknowledgeDeploymentHandler(deployment: BucketDeployment): void {
  const stack = Stack.of(deployment);
  const handler = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (!handler) return;
  const owner = 'aws-cdk-lib\'s BucketDeployment handler, which copies the scripts asset from the CDK asset bucket into the artifacts bucket';
  Validations.of(handler).acknowledge({
    id: 'AwsSolutions-L1',
    reason: `The runtime of ${owner} (python3.13 in aws-cdk-lib 2.275) is chosen by aws-cdk-lib and moves with its version.`,
  });
  for (const resource of handler.node.findAll()) {
    if (resource instanceof CfnRole) {
      for (const arn of stack.resolve(resource.managedPolicyArns) ?? []) {
        const finding = `Policy::${flattenArn(arn)}`;
        if (finding.endsWith('service-role/AWSLambdaBasicExecutionRole')) {
          Validations.of(resource).acknowledge({ id: `AwsSolutions-IAM4[${finding}]`, reason: `The AWS managed policy of ${owner}: it grants the CloudWatch Logs writes (CreateLogGroup, CreateLogStream, PutLogEvents) that the function uses for its own logs.` });
        }
      }
    }
    if (resource instanceof CfnPolicy) {
      const document = stack.resolve(resource.policyDocument);
      for (const finding of new Set((document.Statement ?? []).flatMap(wildcardFindings))) {
        Validations.of(resource).acknowledge({
          id: `AwsSolutions-IAM5[${finding}]`,
          reason: `Written by ${owner}: aws-cdk-lib grants it, by wildcard, reads of the CDK asset bucket and writes and deletes in the artifacts bucket, to copy the scripts asset and prune what it replaced.`,
        });
      }
    }
  }
}

function flattenArn(arn: any): string {
  return typeof arn === 'string' ? arn : arn['Fn::Join'][1].map((p: any) => (typeof p === 'string' ? p : `<${p.Ref}>`)).join(arn['Fn::Join'][0]);
}
