import { Construct } from 'constructs';
import { Dataset } from './dataset';
import { NodeKind } from './engine';
import { NodeProps, WorkflowNode } from './node';

/** A node that processes or checks datasets. */
export abstract class Task extends WorkflowNode {
  /** A task is a TASK node. */
  public readonly kind = NodeKind.TASK;
  /** The dataset this task produces (for a check: the dataset it audits, available once it passes). */
  public abstract readonly output: Dataset;

  constructor(scope: Construct, id: string, props: NodeProps = {}) {
    super(scope, id, props);
  }
}
