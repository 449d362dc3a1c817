import * as path from 'path';
import { Diagnostic, DiagnosticSeverity } from '../validation/diagnostic';

/** docs/errors.md of this copy of the library (it ships in the package). */
const ERRORS_DOC = path.resolve(__dirname, '..', '..', 'docs', 'errors.md');

/** The link to a code's section in docs/errors.md, relative to the working directory. */
export function docsLink(code: string): string {
  return `${path.relative(process.cwd(), ERRORS_DOC).split(path.sep).join('/')}#${code.toLowerCase()}`;
}

/**
 * A diagnostic formatted like a compiler's: `file:line:col: error TRB006 message`, then the
 * construct, the fix and the link to its section in docs/errors.md (and, for a warning, how to
 * acknowledge it). Without a known location the line starts with the construct path.
 */
export function formatCompilerStyle(d: Diagnostic): string {
  const lines = [`${d.location ?? d.path}: ${d.severity} ${d.code} ${d.message}`];
  if (d.location) lines.push(`  at: ${d.path}`);
  lines.push(`  fix: ${d.fix}`);
  if (d.severity === DiagnosticSeverity.WARNING) {
    lines.push(`  or acknowledge it: Annotations.of(<${d.path.split('/').pop()}>).acknowledgeWarning('${warningId(d.code)}', '<why>')`);
  }
  lines.push(`  see: ${docsLink(d.code)}`);
  return lines.join('\n');
}

/** The id under which a Tributary warning is annotated and acknowledged: `tributary:TRB018`. */
export function warningId(code: string): string {
  return `tributary:${code}`;
}

/** Error and warning counts as words: `2 errors, 1 warning`. */
export function countWords(errors: number, warnings: number): string {
  const word = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  return `${word(errors, 'error')}, ${word(warnings, 'warning')}`;
}
