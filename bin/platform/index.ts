import { Stack, StackProps } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import { clickstreamWorkflow } from './clickstream';
import { commerceWorkflow } from './commerce';
import { customer360Workflow } from './customer360';
import type { Workflow } from '../../lib';

/** The reference platform: the brief's batch subsystem as three daily workflows in one stack. */
export class DataPlatformStack extends Stack {
  /** The workflows, in declaration order. */
  public readonly workflows: Workflow[];

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);
    this.workflows = [commerceWorkflow(this), clickstreamWorkflow(this), customer360Workflow(this)];
  }
}
