import type { Diagnostic } from './diagnostic';
import { compare } from '../private/canonical';
import { safeText } from '../core/private/text';

/** A diagnostic as text: `error TRB001 [path] (file:line) message` and an indented `fix:` line. */
export function formatDiagnostic(d: Diagnostic): string {
  // Targets may build diagnostics themselves: every part is made safe here too (idempotent).
  const where = d.location ? ` (${safeText(d.location)})` : '';
  return `${d.severity} ${d.code} [${safeText(d.path)}]${where}\n  ${safeText(d.message)}\n  fix: ${safeText(d.fix)}`;
}

/** Diagnostics in a stable order: by path, then code, then message. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => compare(a.path, b.path) || compare(a.code, b.code) || compare(a.message, b.message));
}
