import { App } from 'aws-cdk-lib/core';
import { DataPlatformStack } from '../../../bin/platform';
import { Testing, type WorkflowGraph } from '../../../lib';
import { stateMachineArtifacts, type StateMachineArtifact } from '../../../lib/targets/stepfunctions/placeholders';

// aws-local-stepfunctions 3.0.0 calls Promise.withResolvers (Node 22); Node 20 needs it polyfilled before the import
const promise = Promise as unknown as { withResolvers?: () => unknown };
promise.withResolvers ??= () => {
  let resolve!: (v: unknown) => void;
  let reject!: (e: unknown) => void;
  const p = new Promise((a, b) => {
    resolve = a;
    reject = b;
  });
  return { promise: p, resolve, reject };
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const local = require('aws-local-stepfunctions') as { StateMachine: new (definition: unknown, options?: unknown) => LocalMachine };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const aslValidator = require('asl-validator') as (definition: unknown, options?: unknown) => { isValid: boolean; errorsText: (sep?: string) => string };

/** A state machine of aws-local-stepfunctions. */
export interface LocalMachine {
  run(input: unknown, options?: unknown): { result: Promise<any> };
}

/**
 * Checks a definition (ASL JSON text or object) with asl-validator, paths and ARNs included, on a
 * deep copy (asl-validator adds fields to what it is given). Every test that produces a definition
 * passes it through here.
 */
export function expectValidAsl(definition: string | object): void {
  const copy = JSON.parse(typeof definition === 'string' ? definition : JSON.stringify(definition));
  const result = aslValidator(copy, { checkPaths: true, checkArn: true });
  if (!result.isValid) throw new Error(`asl-validator rejects the definition: ${result.errorsText('\n')}`);
}

/** Every artifact of a graph, each validated by asl-validator. */
export function validatedArtifacts(graph: WorkflowGraph): StateMachineArtifact[] {
  const artifacts = stateMachineArtifacts(graph);
  for (const artifact of artifacts) expectValidAsl(artifact.definition);
  return artifacts;
}

/** Values for the placeholders, as the deploy code's DefinitionSubstitutions would give them. */
export function substitute(definition: string): string {
  return definition.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_, name: string) => {
    if (name.startsWith('StateMachineArn_')) return `arn:aws:states:eu-west-1:123456789012:stateMachine:${name.slice('StateMachineArn_'.length)}`;
    if (name.endsWith('Arn') || name.startsWith('ExportSourceArn_')) return `arn:aws:iam::123456789012:role/${name}`;
    if (name === 'EmrApplicationId') return '00abcdefghijklmn';
    if (name === 'ExportBucket') return 'export-bucket';
    return `s3://bucket/${name}`;
  });
}

/** A local machine for a definition, after substitution, validated by asl-validator first. */
export function localMachine(definition: string): LocalMachine {
  const text = substitute(definition);
  expectValidAsl(text);
  return new local.StateMachine(JSON.parse(text), { validationOptions: { checkPaths: true, checkArn: false } });
}

/** The reference platform's workflow graphs by workflow id. */
export function platformGraphs(): Record<string, WorkflowGraph> {
  const stack = new DataPlatformStack(new App({ analyticsReporting: false }), 'DataPlatform');
  return Object.fromEntries(stack.workflows.map((w) => [w.workflowId, Testing.graph(w)]));
}
