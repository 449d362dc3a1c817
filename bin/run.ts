import type { App } from 'aws-cdk-lib/core';
import { Errors } from '../lib';

/**
 * Build and synthesize a CDK app, turning Tributary's errors into a readable report on stderr and
 * exit code 1, with no stack trace. Warnings are printed after a successful synth.
 * Create the App with `autoSynth: false`: under `cdk synth` an App otherwise synthesizes again
 * when the process exits, and would throw the same errors a second time.
 */
export function runApp(build: () => App): void {
  try {
    const assembly = build().synth();
    for (const stack of assembly.stacks) {
      for (const message of stack.messages) {
        if (message.level === 'warning' && String(message.entry.data).includes('[ack: tributary:')) {
          process.stderr.write(`${String(message.entry.data).replace(/\s*\[ack: [^\]]+\]$/, '')}\n`);
        }
      }
    }
    // Under `cdk synth` stdout carries the template, so the summary goes to stderr there.
    const out = process.env.CDK_OUTDIR ? process.stderr : process.stdout;
    out.write(`Synthesized ${assembly.stacks.length} stack(s) and their workflows to ${assembly.directory}\n`);
  } catch (error) {
    if (Errors.isValidationError(error) || Errors.isTributaryError(error)) {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}
