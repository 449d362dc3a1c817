import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Validations } from 'aws-cdk-lib/core';
import { acknowledgeWildcards, wildcardFindings } from '../../../lib/deploy/private/acknowledge';
import { newStack } from '../../util';

test('wildcard findings are named as cdk-nag names them, references flattened', () => {
  // THEN
  expect(wildcardFindings({
    Effect: 'Allow',
    Action: ['s3:Get*', 's3:PutObject'],
    Resource: [{ 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Bucket1', 'Arn'] }, '/*']] }, { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::b']] }],
  })).toEqual(['Action::s3:Get*', 'Resource::<Bucket1.Arn>/*']);
});

test('a Deny statement has no findings', () => {
  // THEN
  expect(wildcardFindings({ Effect: 'Deny', Action: '*', Resource: '*' })).toEqual([]);
});

test('each wildcard of a statement is acknowledged on the policy with the reason of its sid', () => {
  // GIVEN
  const stack = newStack();
  const bucket = new CfnBucket(stack, 'Bucket');
  const statement = new PolicyStatement({ sid: 'Objects', actions: ['s3:GetObject'], resources: [`${bucket.attrArn}/*`] });
  const policy = new Policy(stack, 'P', { statements: [statement] });

  // WHEN
  acknowledgeWildcards(policy, [statement], { Objects: 'keys are dates' });

  // THEN the finding's id names the flattened resource (aws-cdk-lib stores it as an annotation rule; cdk-nag strips the prefix)
  const acknowledged = policy.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY).map((m) => m.data);
  expect(acknowledged).toEqual([{ 'Annotation::AwsSolutions-IAM5[Resource::<Bucket.Arn>/*]': 'keys are dates' }]);
});

test('a wildcard without a reason is refused', () => {
  // GIVEN
  const stack = newStack();
  const statement = new PolicyStatement({ sid: 'All', actions: ['s3:GetObject'], resources: ['*'] });

  // THEN
  expect(() => acknowledgeWildcards(new Policy(stack, 'P', { statements: [statement] }), [statement], {})).toThrow(/Statement 'All' has a wildcard \(Resource::\*\) and no reason/);
});
