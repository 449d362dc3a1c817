import { Construct } from 'constructs';
import { NodeKind } from './engine';
import { NodeProps, WorkflowNode } from './node';

/**
 * A node that delivers data out of the platform. A sink runs only after every blocking
 * quality check on its inputs has passed (write-audit-publish), without being told.
 */
export abstract class Sink extends WorkflowNode {
  /** A sink is a SINK node. */
  public readonly kind = NodeKind.SINK;

  constructor(scope: Construct, id: string, props: NodeProps = {}) {
    super(scope, id, props);
  }
}
