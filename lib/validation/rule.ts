import { Diagnostic, DiagnosticSeverity } from './diagnostic';
import { safeText } from '../core/private/text';
import type { GraphNode, GraphWorkflow } from '../model/graph';
import type { WorkflowGraph } from '../model/workflow-graph';

/** A validation rule: reads the graph, returns every problem it finds. */
export type Rule = (graph: WorkflowGraph) => Diagnostic[];

/** A diagnostic about a node or the workflow, located at its construct path and source line. */
export function diagnostic(
  at: GraphNode | GraphWorkflow, code: string, message: string, fix: string,
  severity: DiagnosticSeverity = DiagnosticSeverity.ERROR,
): Diagnostic {
  // Messages echo user input: escaped and shortened, so that a value cannot forge log lines.
  const location = at.sourceLocation === undefined ? undefined : safeText(at.sourceLocation);
  return { code, severity, path: safeText(at.path), location, message: safeText(message), fix: safeText(fix) };
}

/** What a walk does at one place: its diagnostics, or undefined to look inside the value. */
export type Visit = (field: string, value: unknown, key?: string) => Diagnostic[] | undefined;

/**
 * Visit `value` and everything inside it in a stable order (array items by index, object keys
 * sorted), naming each place by its path (`properties.query.api_key`, `properties.arguments[1]`)
 * and passing the object key a value sits under.
 */
export function walk(field: string, value: unknown, visit: Visit, key?: string): Diagnostic[] {
  const here = visit(field, value, key);
  if (here !== undefined) return here;
  if (Array.isArray(value)) return value.flatMap((v, i) => walk(`${field}[${i}]`, v, visit));
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  return Object.keys(record).sort().flatMap((k) => walk(`${field}.${k}`, record[k], visit, k));
}

/** One tebibyte: the size from which data is processed only on Spark. */
export const TIB = 1024 ** 4;

/** `12.0 TiB`, `512.0 GiB`: a size for messages. */
export function humanBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n.toFixed(1)} ${units[i]}`;
}
