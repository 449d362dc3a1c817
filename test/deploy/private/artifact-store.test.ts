import { Template, Match } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { App, Stack } from 'aws-cdk-lib/core';
import { ArtifactStore, SCRIPTS_DIR } from '../../../lib/deploy/private/artifact-store';
import * as fs from 'fs';

function scriptsAssetHash(stack: Stack): string {
  const deployment = Object.values(Template.fromStack(stack).findResources('Custom::CDKBucketDeployment'))[0];
  return JSON.stringify(deployment.Properties.SourceObjectKeys);
}

test('one store per stack: orchestrations share its bucket and its upload of scripts/', () => {
  // GIVEN
  const stack = new Stack(new App(), 'S');

  // WHEN
  const first = ArtifactStore.of(stack);
  const second = ArtifactStore.of(stack);

  // THEN
  expect(second).toBe(first);
  const template = Template.fromStack(stack);
  template.resourceCountIs('AWS::S3::Bucket', 1);
  template.resourceCountIs('Custom::CDKBucketDeployment', 1);
});

test('the store bucket is encrypted, private, TLS-only, and keeps job logs 90 days', () => {
  // GIVEN
  const stack = new Stack(new App(), 'S');
  ArtifactStore.of(stack);

  // THEN
  const template = Template.fromStack(stack);
  template.hasResourceProperties('AWS::S3::Bucket', {
    BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    LifecycleConfiguration: { Rules: [Match.objectLike({ Prefix: 'logs/', ExpirationInDays: 90, Status: 'Enabled' })] },
  });
  template.hasResourceProperties('AWS::S3::BucketPolicy', {
    PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
  });
});

test('scripts/ is uploaded under scripts/ and pruned there', () => {
  // GIVEN
  const stack = new Stack(new App(), 'S');
  ArtifactStore.of(stack);

  // THEN
  Template.fromStack(stack).hasResourceProperties('Custom::CDKBucketDeployment', { DestinationBucketKeyPrefix: 'scripts/', Prune: true });
  expect(fs.statSync(SCRIPTS_DIR).isDirectory()).toBe(true);
});

test('a given bucket gets the upload instead of a new bucket', () => {
  // GIVEN
  const stack = new Stack(new App(), 'S');
  const bucket = Bucket.fromBucketName(stack, 'Given', 'my-artifacts');

  // WHEN
  const store = ArtifactStore.of(stack, bucket);

  // THEN
  expect(store.bucket).toBe(bucket);
  const template = Template.fromStack(stack);
  template.resourceCountIs('AWS::S3::Bucket', 0);
  template.hasResourceProperties('Custom::CDKBucketDeployment', { DestinationBucketName: 'my-artifacts' });
});

test('the scripts asset has the same hash in two apps', () => {
  // GIVEN
  const a = new Stack(new App(), 'S');
  const b = new Stack(new App(), 'S');
  ArtifactStore.of(a);
  ArtifactStore.of(b);

  // THEN
  expect(scriptsAssetHash(a)).toBe(scriptsAssetHash(b));
});
