import type { Diagnostic } from './diagnostic';
import { compare } from '../private/canonical';

/** A diagnostic as text: `error TRB001 [path] (file:line) message` and an indented `fix:` line. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.location ? ` (${d.location})` : '';
  return `${d.severity} ${d.code} [${d.path}]${where}\n  ${d.message}\n  fix: ${d.fix}`;
}

/** Diagnostics in a stable order: by path, then code, then message. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => compare(a.path, b.path) || compare(a.code, b.code) || compare(a.message, b.message));
}
