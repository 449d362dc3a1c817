import { performance } from 'perf_hooks';
import { WorkflowGraph } from '../../lib';
import { safeText, trimTrailingSlashes } from '../../lib/core/private/text';
import { snakeCase } from '../../lib/private/names';
import { knownPlaceholders } from '../../lib/validation/rules/placeholders';
import { noLiteralSecrets } from '../../lib/validation/rules/secrets';
import { validIds } from '../../lib/validation/rules/identifiers';
import { graphNode, graphWorkflow } from '../fixtures';

/** Median milliseconds of `fn` over a few runs. */
function time(fn: () => unknown): number {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    fn();
    runs.push(performance.now() - start);
  }
  return runs.sort((a, b) => a - b)[2];
}

/** A graph of one node whose one setting holds `text`. */
function graphWith(text: string): WorkflowGraph {
  return new WorkflowGraph({ workflow: graphWorkflow(), nodes: [graphNode('a', { properties: { sql: text } })], edges: [] });
}

const N = 100_000;
/** Inputs that make a backtracking pattern quadratic: long runs of one character, and of a keyword's tail. */
const INPUTS: Record<string, string> = {
  capitals: 'A'.repeat(N),
  letters: 'a'.repeat(N),
  slashes: `${'/'.repeat(N)}x`,
  spaces: `password${' '.repeat(N)}`,
  schemes: `a${'a:'.repeat(N / 2)}`,
  braces: '{{'.repeat(N / 2),
  userinfo: `x://${'u:'.repeat(N / 2)}`,
};

test.each(Object.keys(INPUTS))('every string check runs in linear time on 100,000 characters of %s', (name) => {
  // GIVEN a linear baseline run in this test on the same text: one pass that builds a new string from every character
  const text = INPUTS[name];
  measure(text.slice(0, 1000)); // warm-up: compile the code paths before timing them
  const baseline = time(() => [...text].map((c) => c.charCodeAt(0)).join(','));

  // WHEN every check runs on the text
  const times = measure(text);

  // THEN each takes at most 30 times the baseline (a few hundred milliseconds at most); a quadratic check
  // on 100,000 characters takes seconds, hundreds of times the baseline
  expect(Object.entries(times).filter(([, ms]) => ms > 30 * baseline).map(([check, ms]) => `${check}: ${ms.toFixed(1)} ms, baseline ${baseline.toFixed(1)} ms`)).toEqual([]);
});

/** Milliseconds of every check on `text`. */
function measure(text: string): Record<string, number> {
  const checks: Record<string, () => unknown> = {
    snakeCase: () => snakeCase(text),
    secrets: () => noLiteralSecrets(graphWith(text)),
    placeholders: () => knownPlaceholders(graphWith(text)),
    ids: () => validIds(new WorkflowGraph({ workflow: graphWorkflow({ id: text }), nodes: [graphNode(text)], edges: [] })),
    safeText: () => safeText(text),
    trimTrailingSlashes: () => trimTrailingSlashes(text),
  };
  return Object.fromEntries(Object.entries(checks).map(([check, fn]) => [check, time(fn)]));
}
