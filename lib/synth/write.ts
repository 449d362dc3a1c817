import * as fs from 'fs';
import * as path from 'path';
import { renderWorkflow, synthesizeWorkflow } from './synthesize';
import type { Workflow } from '../core/workflow';
import type { WorkflowGraph } from '../model/workflow-graph';

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
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(staging, ...relative.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
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
