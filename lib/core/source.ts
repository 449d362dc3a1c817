import { Construct } from 'constructs';
import { Dataset } from './dataset';
import { NodeKind } from './engine';
import { NodeProps, WorkflowNode } from './node';

/** A node that brings one dataset into the platform for each logical date. */
export abstract class Source extends WorkflowNode {
  /** A source is a SOURCE node. */
  public readonly kind = NodeKind.SOURCE;
  /** The dataset this source lands for each day. */
  public abstract readonly output: Dataset;

  constructor(scope: Construct, id: string, props: NodeProps = {}) {
    super(scope, id, props);
  }
}
