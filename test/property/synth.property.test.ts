import fc from 'fast-check';
import { ArtifactChecks } from './validators';
import { messageProblem, synthesize, workflowPlan } from './workflows';

/** Fixed, so that every run checks the same cases; on failure fast-check prints the seed and the failing plan. */
const SEED = 20261128;
const RUNS = 1000;

test(`${RUNS} random workflows either synthesize to artifacts that pass every validator, or fail with a coded Tributary error`, async () => {
  // GIVEN random plans: DAGs of 1 to 300 nodes, every node kind, hostile strings and wrong types
  const checks = new ArtifactChecks();
  const codes = new Map<string, number>();
  let succeeded = 0;

  // WHEN each is built and synthesized (any exception other than a Tributary one fails the property);
  // artifacts go to their validators as they come (Mermaid's parser works in a process of its own meanwhile)
  fc.assert(fc.property(workflowPlan(), (plan) => {
    const outcome = synthesize(plan);
    if ('files' in outcome) {
      succeeded++;
      for (const [path, content] of Object.entries(outcome.files)) checks.add(path, content);
      return;
    }
    for (const code of new Set(outcome.codes)) codes.set(code, (codes.get(code) ?? 0) + 1);
    const problem = messageProblem(outcome.message, outcome.codes.length);
    if (problem !== undefined) throw new Error(`unsafe message (${problem}):\n${outcome.message.slice(0, 3000)}`);
  }), { seed: SEED, numRuns: RUNS });

  // THEN every artifact passes its validators
  expect(await checks.problems()).toEqual([]);
  // and the cases exercise both outcomes and many codes
  expect(succeeded).toBeGreaterThan(RUNS / 10);
  expect(RUNS - succeeded).toBeGreaterThan(RUNS / 10);
  expect(codes.size).toBeGreaterThan(8);
}, 120_000);
