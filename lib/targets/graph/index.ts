import { renderGraphJson } from './graph-json';
import { renderMermaid } from './mermaid';
import type { WorkflowGraph } from '../../model/workflow-graph';
import type { ArtifactFile, ITarget } from '../target';

/** The graph itself, for review, diff and lineage: `graph.json` (canonical model) and `graph.mmd` (Mermaid). */
export class GraphTarget implements ITarget {
  /** `graph`. */
  public readonly name = 'graph';

  /** Render graph.json and graph.mmd. */
  public render(graph: WorkflowGraph): ArtifactFile[] {
    return [
      { path: 'graph.json', content: renderGraphJson(graph) },
      { path: 'graph.mmd', content: renderMermaid(graph) },
    ];
  }
}
