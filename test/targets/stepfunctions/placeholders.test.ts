import { EMR_PLACEHOLDERS } from '../../../lib/targets/emr';
import { SFN_PLACEHOLDERS, exportSourceArnPlaceholder, stateMachineArnPlaceholder, stateMachineArtifacts } from '../../../lib/targets/stepfunctions/placeholders';
import { KNOWN_PLACEHOLDERS } from '../../../lib/targets/stepfunctions/states';
import { platformGraphs } from './support';

const graphs = platformGraphs();

test('the EMR placeholders are the EMR target\'s own', () => {
  expect([SFN_PLACEHOLDERS.emrApplicationId, SFN_PLACEHOLDERS.emrJobRoleArn, SFN_PLACEHOLDERS.scriptsLocation, SFN_PLACEHOLDERS.emrLogUri]).toEqual(Object.values(EMR_PLACEHOLDERS));
});

test('per-node and per-child placeholders are named by the node id and the child machine name', () => {
  expect(exportSourceArnPlaceholder('customers')).toBe('${ExportSourceArn_customers}');
  expect(stateMachineArnPlaceholder('commerce_part_001')).toBe('${StateMachineArn_commerce_part_001}');
});

test('each artifact lists exactly the placeholders its definition uses, sorted, all of them documented ones', () => {
  for (const graph of Object.values(graphs)) {
    for (const artifact of stateMachineArtifacts(graph)) {
      const used = [...new Set([...artifact.definition.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]))].sort();
      expect(artifact.placeholders).toEqual(used);
      expect(used.filter((name) => !KNOWN_PLACEHOLDERS.has(name))).toEqual([]);
    }
  }
});

test('the commerce workflow needs the EMR, failure topic and snapshot export values, and no ARN is written out', () => {
  // WHEN
  const [root] = stateMachineArtifacts(graphs.commerce);

  // THEN
  expect(root.placeholders).toEqual([
    'EmrApplicationId', 'EmrJobRoleArn', 'EmrLogUri', 'ExportBucket', 'ExportKmsKeyArn', 'ExportRoleArn', 'ExportSourceArn_customers', 'FailureTopicArn', 'TributaryScriptsLocation',
  ]);
  // the only ARNs are the service integrations' resources, which are the same in every account
  const arns = [...root.definition.matchAll(/"(arn:[^"]*)"/g)].map((m) => m[1]);
  expect(arns.filter((arn) => !arn.startsWith('arn:aws:states:::'))).toEqual([]);
  expect(root.definition).not.toMatch(/:\d{12}:/);
});
