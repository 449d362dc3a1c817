import { Engine, WorkflowGraph } from '../../../lib';
import { validateForAirflow } from '../../../lib/targets/airflow/validate';
import { graphNode, graphWorkflow } from '../../fixtures';

const table = { id: 'totals', location: 'warehouse://marts.totals', format: 'warehouse_table' };

function graphWith(check: Record<string, unknown>, audited = table): WorkflowGraph {
  return new WorkflowGraph({
    workflow: graphWorkflow(),
    nodes: [
      graphNode('totals', { type: 'SqlTask', engine: Engine.WAREHOUSE, output: audited }),
      graphNode('check', { type: 'QualityCheck', engine: Engine.WAREHOUSE, inputs: ['totals'], audits: 'totals', properties: { severity: 'error', rules: [check] } }),
    ],
    edges: [],
  });
}

test('TRB040: a workflow tag longer than 100 characters as a DAG tag is refused, at the workflow', () => {
  // GIVEN
  const graph = new WorkflowGraph({ workflow: graphWorkflow({ tags: { ok: 'x'.repeat(97), long: 'x'.repeat(96) } }), nodes: [], edges: [] });

  // WHEN
  const found = validateForAirflow(graph);

  // THEN 'ok:' + 97 = 100 passes; 'long:' + 96 = 101 does not
  expect(found.map((d) => [d.code, d.path, d.message.slice(0, 24)])).toEqual([['TRB040', 'Test/Pipeline', "tag 'long' becomes the D"]]);
});

test("a warehouse check's custom SQL of several statements is the language's rule (TRB042), not the Airflow target's", () => {
  // GIVEN
  const graph = graphWith({ rule: 'custom_sql', name: 'n', sql: 'DELETE FROM {{table}}; SELECT 1' });

  // THEN
  expect(validateForAirflow(graph)).toEqual([]);
});
