import { Stack, Validations } from 'aws-cdk-lib/core';
import type { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';

/**
 * Acknowledge, on `policy`, each AwsSolutions-IAM5 finding (a wildcard action or resource) that
 * `statements` will produce, one finding at a time, with the reason given for the statement's sid.
 * A statement with a wildcard and no reason throws: every wildcard is justified or removed.
 */
export function acknowledgeWildcards(policy: IConstruct, statements: readonly PolicyStatement[], reasons: Readonly<Record<string, string>>): void {
  const stack = Stack.of(policy);
  const acknowledged = new Set<string>();
  for (const statement of statements) {
    const findings = wildcardFindings(stack.resolve(statement.toStatementJson()));
    if (findings.length === 0) continue;
    const reason = reasons[statement.sid ?? ''];
    if (!reason) throw new Error(`Statement '${statement.sid}' has a wildcard (${findings.join(', ')}) and no reason for it`);
    for (const finding of findings) {
      const id = `AwsSolutions-IAM5[${finding}]`;
      if (acknowledged.has(id)) continue;
      acknowledged.add(id);
      Validations.of(policy).acknowledge({ id, reason });
    }
  }
}

/** The AwsSolutions-IAM5 findings of one resolved statement, as cdk-nag names them: `Action::s3:Get*`, `Resource::<Bucket.Arn>/*`. */
export function wildcardFindings(statement: any): string[] {
  if (statement.Effect !== undefined && statement.Effect !== 'Allow') return [];
  return [
    ...asArray(statement.Action).filter((a: string) => a.includes('*')).map((a: string) => `Action::${a}`),
    ...asArray(statement.Resource).map(flatten).filter((r) => r.includes('*')).map((r) => `Resource::${r}`),
  ];
}

function asArray(value: unknown): any[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** A resolved CloudFormation value as cdk-nag prints it in a finding: Ref → `<Id>`, GetAtt → `<Id.Attr>`, Join joined. */
function flatten(node: any): string {
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (node?.['Fn::Join']) return node['Fn::Join'][1].map(flatten).join(node['Fn::Join'][0]);
  if (node?.['Fn::Sub']) return flatten(node['Fn::Sub']);
  if (node?.['Fn::GetAtt']) return `<${flatten(node['Fn::GetAtt'][0])}.${flatten(node['Fn::GetAtt'][1])}>`;
  if (node?.['Fn::ImportValue']) return flatten(node['Fn::ImportValue']);
  if (node?.Ref) return `<${flatten(node.Ref)}>`;
  return JSON.stringify(node);
}
