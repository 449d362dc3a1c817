#!/usr/bin/env node
import { App } from 'aws-cdk-lib/core';
import { DataPlatformStack } from './platform';
import { runApp } from './run';

// The reference platform. `npm run synth` writes cdk.out/tributary/<workflow_id>/ for each workflow.
runApp(() => {
  const app = new App({
    // `cdk synth` passes its output folder in CDK_OUTDIR; `npm run synth` writes to cdk.out.
    outdir: process.env.CDK_OUTDIR ?? 'cdk.out',
    // The CloudFormation template is checked by cfn-lint in the test suite; skipping aws-cdk-lib's
    // built-in check here keeps the main job at about a second instead of four.
    builtinCloudFormationValidation: false,
    analyticsReporting: false,
    // runApp synthesizes once and reports errors; no second synth when the process exits.
    autoSynth: false,
  });
  new DataPlatformStack(app, 'DataPlatform', { description: 'Tributary reference data platform' });
  return app;
});
