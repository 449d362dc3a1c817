import { Placeholder } from '../../core/placeholder';
import type { GraphNode } from '../../model/graph';
import { closest } from '../../private/names';
import type { Diagnostic } from '../diagnostic';
import { quote, shorten } from '../../core/private/text';
import { Rule, diagnostic, walk } from '../rule';

const DATE_PLACEHOLDERS = [Placeholder.DS, Placeholder.DS_NODASH, Placeholder.NEXT_DS, Placeholder.PREV_DS];
/** Fields where `{{table}}` is allowed too: the SQL of custom check rules. */
const TABLE_FIELD = /^properties\.rules\[\d+\]\.sql$/;

/**
 * TRB017: every `{{…}}` in a templated string is one of the placeholders every target can
 * replace. A typo (`{{ds }}`, `{{date}}`) would otherwise reach the orchestrator as text.
 */
export const knownPlaceholders: Rule = (graph) => graph.nodes.flatMap((node) => {
  const visit = (field: string, value: unknown) => (typeof value === 'string' ? check(node, field, value) : undefined);
  return [...walk('output.location', node.output?.location, visit), ...walk('properties', node.properties, visit)];
});

function check(node: GraphNode, field: string, text: string): Diagnostic[] {
  // Every problem found below starts with '{': most strings have none.
  if (!text.includes('{')) return [];
  const allowed = TABLE_FIELD.test(field) ? [...DATE_PLACEHOLDERS, Placeholder.TABLE] : DATE_PLACEHOLDERS;
  // Without the allowed placeholders, no '{{', '{%' or '{#' may remain: Airflow renders every Jinja tag it finds.
  let rest = text;
  for (const p of allowed) rest = rest.split(p).join(' ');
  const found = [...new Set(rest.match(/\{\{[^{}]{0,200}\}\}/g) ?? [])].sort();
  const diagnostics = found.map((placeholder) => {
    const suggestion = closest(placeholder.replace(/\s+/g, ''), allowed);
    return diagnostic(node, 'TRB017',
      `${field} uses the placeholder ${shorten(placeholder)}, which no target replaces` + (suggestion ? `; did you mean ${suggestion}?` : ''),
      `use one of ${allowed.join(', ')}, written without spaces`);
  });
  const tag = /\{[{%#]/.exec(rest.replace(/\{\{[^{}]{0,200}\}\}/g, ' '));
  if (tag) {
    diagnostics.push(diagnostic(node, 'TRB017',
      `${field} contains ${quote(tag[0])}, which starts a Jinja ${tag[0] === '{%' ? 'statement' : tag[0] === '{#' ? 'comment' : 'expression'} that an orchestrator would run`,
      `remove it; the only templates allowed are ${allowed.join(', ')}`));
  }
  return diagnostics;
}
