import * as fs from 'fs';
import * as path from 'path';
import { renderWorkflow, synthesizeWorkflow } from './synthesize';
import type { Workflow } from '../core/workflow';
import type { WorkflowGraph } from '../model/workflow-graph';
import { quote } from '../core/private/text';

/**
 * Why `relative` is not a safe artifact path, or undefined when it is one: a path relative to the
 * workflow's folder, with `/` separators, whose every segment is a plain name. Refused: empty
 * paths and segments, `.` and `..`, absolute paths (`/x`, `C:x`), backslashes, NUL and other
 * control characters, and segments longer than 255 characters.
 */
export function artifactPathProblem(relative: unknown): string | undefined {
  if (typeof relative !== 'string' || relative.length === 0) return 'is empty or not a string';
  if (/[\u0000-\u001f\u007f]/.test(relative)) return 'contains a control character';
  if (relative.includes('\\')) return "contains a backslash; use '/' between folders";
  if (relative.startsWith('/') || /^[A-Za-z]:/.test(relative)) return 'is absolute';
  const segments = relative.split('/');
  if (segments.some((s) => s.length === 0)) return 'has an empty segment';
  if (segments.some((s) => s === '.' || s === '..')) return "has a '.' or '..' segment, which would leave the workflow's folder";
  if (segments.some((s) => s.length > 255)) return 'has a segment longer than 255 characters';
  return undefined;
}

/** `artifact path '../x' (from target 't') is absolute`: for TRB019. */
export function describeArtifactPath(relative: unknown, target: string): string {
  return `artifact path ${typeof relative === 'string' ? quote(relative) : String(typeof relative)} (from target ${quote(target)})`;
}

/**
 * Write a workflow's artifacts to `<outdir>/tributary/<workflow_id>/`. Everything is rendered in
 * memory first and written to a temporary folder that replaces the old one, so a failure
 * leaves the previous artifacts as they were and never a partial set. `validated` is the
 * workflow's graph when the app's validation has just passed; without it the workflow is
 * modelled and validated here.
 */
export function writeWorkflowArtifacts(workflow: Workflow, outdir: string, validated?: WorkflowGraph): void {
  const files = validated ? renderWorkflow(workflow, validated) : synthesizeWorkflow(workflow);
  const root = path.join(outdir, 'tributary');
  const target = path.join(root, workflow.workflowId);
  const staging = path.join(root, `.${workflow.workflowId}.staging-${process.pid}`);
  removeStaleStaging(root, workflow.workflowId);
  const folders = new Set<string>();
  for (const [relative, content] of Object.entries(files)) {
    // renderWorkflow refused unsafe paths (TRB019); checked again where the files are written.
    if (artifactPathProblem(relative) !== undefined) throw new Error(`refusing to write ${quote(relative)} outside the workflow's folder`);
    const file = path.join(staging, ...relative.split('/'));
    const folder = path.dirname(file);
    // each folder is made once (a workflow's files are in a few folders)
    if (!folders.has(folder)) {
      fs.mkdirSync(folder, { recursive: true });
      folders.add(folder);
    }
    fs.writeFileSync(file, content);
  }
  fs.rmSync(target, { recursive: true, force: true });
  fs.renameSync(staging, target);
}

/** Remove staging folders of this workflow left by earlier runs that crashed mid-write. */
function removeStaleStaging(root: string, workflowId: string): void {
  if (!fs.existsSync(root)) return;
  for (const entry of fs.readdirSync(root)) {
    if (entry.startsWith(`.${workflowId}.staging-`)) fs.rmSync(path.join(root, entry), { recursive: true, force: true });
  }
}
