#!/usr/bin/env node
/**
 * The property of test/property/synth.property.test.ts over 10,000 random workflows (the test runs
 * 1,000): each either synthesizes to artifacts that pass every validator (JSON.parse; Mermaid's own
 * parser, in a process of its own), or is refused with a coded Tributary error. Reports the counts, the
 * codes, the time, and the cost per case as a ratio to a baseline measured in the same run: building
 * and synthesizing the two-node tiny workflow.
 *
 * Prints one JSON object. Run with `npm run bench`.
 */
import { performance } from 'perf_hooks';
import fc from 'fast-check';
import { Testing } from '../lib';
import { tinyWorkflow } from '../test/fixtures';
import { ArtifactChecks } from '../test/property/validators';
import { messageProblem, synthesize, workflowPlan } from '../test/property/workflows';

const SEED = 20261128;
const RUNS = 10_000;

async function main(): Promise<void> {
  // Baseline: the tiny workflow, built and synthesized.
  const baselineRuns = 300;
  let start = performance.now();
  for (let i = 0; i < baselineRuns; i++) Testing.synth(tinyWorkflow());
  const baselineMs = (performance.now() - start) / baselineRuns;

  const checks = new ArtifactChecks();
  const codes: Record<string, number> = {};
  let succeeded = 0;
  let nodes = 0;
  let largest = 0;
  start = performance.now();
  fc.assert(fc.property(workflowPlan(), (plan) => {
    nodes += plan.nodes.length;
    largest = Math.max(largest, plan.nodes.length);
    const outcome = synthesize(plan);
    if ('files' in outcome) {
      succeeded++;
      for (const [path, content] of Object.entries(outcome.files)) checks.add(path, content);
      return;
    }
    for (const code of new Set(outcome.codes)) codes[code] = (codes[code] ?? 0) + 1;
    const problem = messageProblem(outcome.message, outcome.codes.length);
    if (problem !== undefined) throw new Error(`unsafe message (${problem}):\n${outcome.message.slice(0, 3000)}`);
  }), { seed: SEED, numRuns: RUNS });
  const casesMs = performance.now() - start;
  const problems = await checks.problems();
  const totalMs = performance.now() - start;
  if (problems.length > 0) throw new Error(`${problems.length} artifacts refused by their validators:\n${problems.slice(0, 3).join('\n')}`);

  const perCaseMs = casesMs / RUNS;
  console.log(JSON.stringify({
    seed: SEED,
    cases: RUNS,
    nodes,
    largestWorkflowNodes: largest,
    synthesized: succeeded,
    refusedWithCodedError: RUNS - succeeded,
    refusedByCode: Object.fromEntries(Object.entries(codes).sort()),
    artifactsValidated: checks.count,
    casesSeconds: +(casesMs / 1000).toFixed(1),
    totalSecondsWithValidators: +(totalMs / 1000).toFixed(1),
    perCaseMs: +perCaseMs.toFixed(2),
    baselineTinySynthMs: +baselineMs.toFixed(2),
    perCaseToBaseline: +(perCaseMs / baselineMs).toFixed(2),
  }, undefined, 2));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
