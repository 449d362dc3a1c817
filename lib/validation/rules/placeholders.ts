import { Placeholder } from '../../core/placeholder';
import type { GraphNode } from '../../model/graph';
import { closest } from '../../private/names';
import type { Diagnostic } from '../diagnostic';
import { Rule, diagnostic } from '../rule';

const DATE_PLACEHOLDERS = [Placeholder.DS, Placeholder.DS_NODASH, Placeholder.NEXT_DS, Placeholder.PREV_DS];
/** Fields where `{{table}}` is allowed too: the SQL of custom check rules. */
const TABLE_FIELD = /^properties\.rules\[\d+\]\.sql$/;

/**
 * TRB017: every `{{…}}` in a templated string is one of the placeholders every target can
 * replace. A typo (`{{ds }}`, `{{date}}`) would otherwise reach the orchestrator as text.
 */
export const knownPlaceholders: Rule = (graph) => graph.nodes.flatMap((node) => [
  ...scan(node, 'output.location', node.output?.location),
  ...scan(node, 'properties', node.properties),
]);

function scan(node: GraphNode, field: string, value: unknown): Diagnostic[] {
  if (typeof value === 'string') return check(node, field, value);
  if (Array.isArray(value)) return value.flatMap((v, i) => scan(node, `${field}[${i}]`, v));
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  return Object.keys(record).sort().flatMap((key) => scan(node, `${field}.${key}`, record[key]));
}

function check(node: GraphNode, field: string, text: string): Diagnostic[] {
  const allowed = TABLE_FIELD.test(field) ? [...DATE_PLACEHOLDERS, Placeholder.TABLE] : DATE_PLACEHOLDERS;
  const found = [...new Set(text.match(/\{\{[^{}]*\}\}/g) ?? [])].filter((p) => !allowed.includes(p));
  return found.map((placeholder) => {
    const suggestion = closest(placeholder.replace(/\s+/g, ''), allowed);
    return diagnostic(node, 'TRB017',
      `${field} uses the placeholder ${placeholder}, which no target replaces` + (suggestion ? `; did you mean ${suggestion}?` : ''),
      `use one of ${allowed.join(', ')}, written without spaces`);
  });
}
