import * as path from 'path';
import { Annotations } from 'aws-cdk-lib/core';
import type { IConstruct } from 'constructs';
import { docsLink, formatCompilerStyle, warningId } from './diagnostic-text';
import { activeSession, underCdkCli } from './session';
import { Diagnostic, DiagnosticSeverity } from '../validation/diagnostic';

/**
 * Annotate each warning on the construct it is about (where aws-cdk-lib's standard
 * `Annotations.of(scope).acknowledgeWarning('tributary:TRB018', reason)` on that construct or
 * any scope above it silences it), then report the ones not acknowledged, each once:
 * recorded for the `tributary` CLI when it runs the app, left to the AWS CDK CLI (which prints
 * every annotation) under `cdk synth`, and printed to stderr otherwise. Returns the warnings that
 * must fail the synthesis (all of them under `tributary synth --strict`, else none).
 */
export function reportWarnings(root: IConstruct, warnings: readonly Diagnostic[]): Diagnostic[] {
  if (warnings.length === 0) return [];
  const byPath = new Map<string, IConstruct>(root.node.findAll().map((c) => [c.node.path, c]));
  const shown: Diagnostic[] = [];
  for (const d of warnings) {
    const scope = byPath.get(d.path) ?? root;
    const before = scope.node.metadata.length;
    Annotations.of(scope).addWarningV2(warningId(d.code), annotationText(d));
    const entry = scope.node.metadata[before];
    if (!entry) continue; // acknowledged
    shown.push(d);
    // The CDK CLI prints the first frame of the annotation's trace as its location: make that the
    // user's line where the construct was created, not this function.
    if (d.location && Array.isArray(entry.trace)) {
      entry.trace.splice(0, entry.trace.length, `at ${d.path} (${path.resolve(d.location)})`);
    }
  }
  const session = activeSession();
  if (session) {
    if (session.strict) return shown.map((d) => ({ ...d, severity: DiagnosticSeverity.ERROR }));
    session.warnings.push(...shown);
    return [];
  }
  if (!underCdkCli()) {
    for (const d of shown) process.stderr.write(`${formatCompilerStyle(d)}\n`);
  }
  return [];
}

/** A warning as the AWS CDK CLI prints it after `[Warning at <path>]`: code, user's line, message, fix. */
function annotationText(d: Diagnostic): string {
  return `${d.code}${d.location ? ` (${d.location})` : ''} ${d.message}\n  fix: ${d.fix}\n  see: ${docsLink(d.code)}`;
}
