import { EmrTarget } from '../../../lib';
import { canonicalJson } from '../../../lib/private/canonical';
import { emrJobNodes, startJobRunSpec } from '../../../lib/targets/emr/jobs';
import { validateEmr } from '../../../lib/targets/emr/validate';
import { newWorkflow, ordersSource, validWorkflow } from '../../util';

test('the EMR target is named emr', () => {
  // THEN
  expect(new EmrTarget().name).toBe('emr');
});

test('the EMR target renders emr/<node_id>.json as canonical JSON of each EMR job node\'s spec, in graph order', () => {
  // GIVEN
  const graph = validWorkflow().workflow.toGraph();

  // WHEN
  const files = new EmrTarget().render(graph);

  // THEN
  expect(files.map((f) => f.path)).toEqual(emrJobNodes(graph).map((n) => `emr/${n.id}.json`));
  expect(files.map((f) => f.path)).toEqual(['emr/orders.json', 'emr/enrich.json']);
  for (const f of files) {
    expect(f.content).toBe(canonicalJson(startJobRunSpec(graph, f.path.slice(4, -5))));
    expect(f.content.endsWith('}\n')).toBe(true);
  }
});

test('rendering twice gives the same bytes: the target keeps no state', () => {
  // GIVEN
  const target = new EmrTarget();

  // THEN
  expect(target.render(validWorkflow().workflow.toGraph())).toEqual(new EmrTarget().render(validWorkflow().workflow.toGraph()));
});

test('the EMR target\'s validate runs the EMR checks', () => {
  // GIVEN a workflow whose tag EMR refuses
  const workflow = newWorkflow({ tags: { team: 'a#b' } });
  ordersSource(workflow);
  const graph = workflow.toGraph();

  // THEN
  expect(new EmrTarget().validate(graph)).toEqual(validateEmr(graph));
  expect(new EmrTarget().validate(graph).map((d) => d.code)).toEqual(['TRB026']);
});

test('EMR diagnostics stop synthesis like the workflow\'s own', () => {
  // GIVEN
  const workflow = newWorkflow({ tags: { team: 'a#b' } });
  ordersSource(workflow);

  // THEN
  expect(workflow.validate().map((d) => d.code)).toContain('TRB026');
});
