#!/usr/bin/env node
// The baseline of the synth benchmark: a one-stack, one-construct CDK app, synthesized the same way
// as bin/app.ts (ts-node, transpile only, no built-in template check).
import { App, CfnResource, Stack } from 'aws-cdk-lib/core';

const app = new App({ outdir: process.env.CDK_OUTDIR ?? 'cdk.out', builtinCloudFormationValidation: false, analyticsReporting: false });
new CfnResource(new Stack(app, 'Baseline'), 'Topic', { type: 'AWS::SNS::Topic' });
app.synth();
