import type { Workflow } from '../core/workflow';
import { EdgeKind } from '../model/graph';
import { editDistance, firstMismatch, parsePath } from './match';
import { synthesizeWorkflow } from '../synth/synthesize';

function nearest(name: string, candidates: string[]): string {
  const best = [...candidates].sort((x, y) => editDistance(name, x) - editDistance(name, y) || x.localeCompare(y))[0];
  return best === undefined ? 'there is none' : `the nearest is '${best}'`;
}

/**
 * Assertions on one workflow's model and artifacts, for unit tests (like aws-cdk-lib's `Template`).
 * Each assertion throws an Error that names the JSON path where the expectation failed and the
 * nearest match the workflow has.
 */
export class WorkflowTemplate {
  /** Synthesize the workflow in memory (throws ValidationError when it is invalid) and assert on it. */
  public static fromWorkflow(workflow: Workflow): WorkflowTemplate {
    return new WorkflowTemplate(synthesizeWorkflow(workflow));
  }

  /** Every artifact, `{ relativePath: content }`. */
  public readonly artifacts: Record<string, string>;
  private readonly model: any;

  private constructor(artifacts: Record<string, string>) {
    this.artifacts = artifacts;
    this.model = JSON.parse(artifacts['graph.json']);
  }

  /**
   * The workflow has a node with this id whose model (as in graph.json) matches `props`
   * partially: objects may have more keys than given, arrays must match item by item.
   */
  public hasNode(id: string, props?: Record<string, any>): void {
    const node = this.model.nodes.find((n: any) => n.id === id);
    if (node === undefined) throw new Error(`no node '${id}' in workflow '${this.model.workflow.id}'; ${nearest(id, this.model.nodes.map((n: any) => n.id))}`);
    const mismatch = firstMismatch(props ?? {}, node);
    if (mismatch) throw new Error(`node '${id}' does not match at ${mismatch.path.replace(/^\$/, `$.nodes[?(@.id=='${id}')]`)}: ${mismatch.problem}`);
  }

  /** The workflow has exactly `count` nodes of this type (`SparkTask`, `WarehouseSink`, …). */
  public nodeCountIs(type: string, count: number): void {
    const found = this.model.nodes.filter((n: any) => n.type === type).length;
    if (found !== count) throw new Error(`expected ${count} nodes of type ${type}, found ${found}${found === 0 ? `; types present: ${[...new Set(this.model.nodes.map((n: any) => n.type))].sort().join(', ')}` : ''}`);
  }

  /**
   * The workflow has an edge from `from` to `to`, of `kind` when given.
   * @param kind the edge's kind; any kind when omitted
   */
  public hasEdge(from: string, to: string, kind?: EdgeKind): void {
    const edges: any[] = this.model.edges;
    if (edges.some((e) => e.from === from && e.to === to && (kind === undefined || e.kind === kind))) return;
    const same = edges.find((e) => e.from === from && e.to === to);
    if (same) throw new Error(`edge ${from} → ${to} is ${same.kind}, not ${kind}`);
    const near = edges.filter((e) => e.from === from || e.to === to).map((e) => `${e.from} → ${e.to} (${e.kind})`);
    throw new Error(`no edge ${from} → ${to}; ${near.length > 0 ? `edges of these nodes: ${near.join(', ')}` : nearest(`${from} → ${to}`, edges.map((e) => `${e.from} → ${e.to}`))}`);
  }

  /** The workflow has an artifact at this path (relative to `tributary/<workflow_id>/`). */
  public hasArtifact(path: string): void {
    if (!(path in this.artifacts)) throw new Error(`no artifact '${path}'; ${nearest(path, Object.keys(this.artifacts))}`);
  }

  /**
   * The JSON artifact at `path` has, at `jsonPath` (`$.States.load.Retry[0]`), a value that matches
   * `expected` (partially for objects, as in `hasNode`).
   */
  public artifactHasValue(path: string, jsonPath: string, expected: any): void {
    this.hasArtifact(path);
    let at: any = JSON.parse(this.artifacts[path]);
    let walked = '$';
    for (const key of parsePath(jsonPath)) {
      if (at === null || typeof at !== 'object' || !(key in at)) {
        const here = at !== null && typeof at === 'object' ? Object.keys(at) : [];
        throw new Error(`${path}: nothing at ${walked}${typeof key === 'number' ? `[${key}]` : `.${key}`}; ${typeof key === 'number' ? `${walked} has ${Array.isArray(at) ? at.length : 0} items` : nearest(key, here)} at ${walked}`);
      }
      at = at[key];
      walked += typeof key === 'number' ? `[${key}]` : `.${key}`;
    }
    const mismatch = firstMismatch(expected, at, walked);
    if (mismatch) throw new Error(`${path}: at ${mismatch.path}: ${mismatch.problem}`);
  }
}
