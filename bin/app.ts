#!/usr/bin/env node
import { App } from 'aws-cdk-lib/core';
import { DataPlatformStack } from './platform';

// The reference platform. `npm run synth` (the tributary CLI) and `cdk synth` write
// cdk.out/tributary/<workflow_id>/ for each workflow; both set CDK_OUTDIR.
const app = new App({
  outdir: process.env.CDK_OUTDIR ?? 'cdk.out',
  // The CloudFormation template is checked by cfn-lint in the test suite; skipping aws-cdk-lib's
  // built-in check here keeps the main job fast.
  builtinCloudFormationValidation: false,
  analyticsReporting: false,
});
new DataPlatformStack(app, 'DataPlatform', { description: 'Tributary reference data platform' });
app.synth();
