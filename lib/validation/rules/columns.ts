import type { GraphColumn, GraphDataset } from '../../model/graph';
import { closest } from '../../private/names';
import type { Diagnostic } from '../diagnostic';
import { Rule, diagnostic } from '../rule';

/**
 * TRB006 and TRB007: every column a node reads must be in its inputs' schemas, with the type it
 * expects, and inputs must not disagree on its type. Datasets without a schema are not checked.
 */
export const requiredColumns: Rule = (graph) => {
  const found: Diagnostic[] = [];
  for (const node of graph.nodes) {
    for (const req of node.requiredColumns) {
      const datasetIds = req.dataset ? [req.dataset] : node.inputs;
      const datasets = datasetIds.filter((id) => graph.hasNode(id)).map((id) => graph.node(id).output)
        .filter((d): d is GraphDataset => d !== undefined);
      if (datasets.length === 0 || datasets.some((d) => d.columns === undefined)) continue;
      const matches = datasets.flatMap((d) => d.columns!.filter((c) => c.name === req.name).map((c) => ({ dataset: d.id, column: c })));
      const names = datasets.map((d) => `'${d.id}'`).join(', ');
      const where = req.dataset === node.id ? 'its own schema' : datasets.length === 1 ? `input ${names}` : `any of the inputs ${names}`;
      if (matches.length === 0) {
        const suggestion = closest(req.name, datasets.flatMap((d) => d.columns!.map((c) => c.name)));
        found.push(diagnostic(node, 'TRB006',
          `column '${req.name}' (${req.role}) is not in ${where}` + (suggestion ? `; did you mean '${suggestion}'?` : ''),
          suggestion
            ? `use '${suggestion}', or add '${req.name}' to the schema that should have it`
            : `add '${req.name}' to the schema of ${datasets.length === 1 ? names : `one of ${names}`}, or stop reading it`));
        continue;
      }
      const types = new Set(matches.map((m) => m.column.type));
      if (types.size > 1) {
        found.push(diagnostic(node, 'TRB007',
          `column '${req.name}' (${req.role}) has conflicting types in the inputs: ${describe(matches)}`,
          `cast '${req.name}' to one type in the upstream nodes so the inputs agree`));
      } else if (req.type !== undefined && !types.has(req.type)) {
        found.push(diagnostic(node, 'TRB007',
          `column '${req.name}' (${req.role}) is expected as ${req.type} but is ${describe(matches)}`,
          `declare '${req.name}' as ${matches[0].column.type} in requiredColumns, or cast it upstream to ${req.type}`));
      }
    }
  }
  return found;
};

function describe(matches: ReadonlyArray<{ dataset: string; column: GraphColumn }>): string {
  return matches.map((m) => `${m.column.type} in '${m.dataset}'`).join(' and ');
}
