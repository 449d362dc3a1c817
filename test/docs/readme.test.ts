import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf-8');

test('the README workflow example is examples/quickstart.ts, character for character', () => {
  // GIVEN the example file, which `npm test` type-checks
  const example = fs.readFileSync(path.join(ROOT, 'examples', 'quickstart.ts'), 'utf-8');
  // THEN the README shows exactly that code
  expect(readme).toContain('```ts\n' + example + '```');
});

test('the README testing example is test/docs/quickstart.test.ts, which jest runs', () => {
  const example = fs.readFileSync(path.join(ROOT, 'test', 'docs', 'quickstart.test.ts'), 'utf-8');
  expect(readme).toContain('```ts\n' + example + '```');
});

test('the README quickstart is the two commands CI runs', () => {
  const ci = fs.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf-8');
  expect(readme).toContain('npm ci && npm run synth');
  expect(readme).toContain('npm test ');
  expect(ci).toMatch(/^npm ci && npm run synth$/m);
  expect(ci).toMatch(/^npm test$/m);
});

test('the quickstart example synthesizes its graph', () => {
  // GIVEN an output folder of our own
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-readme-'));
  const saved = { out: process.env.CDK_OUTDIR, validation: process.env.CDK_VALIDATION };
  process.env.CDK_OUTDIR = outdir;
  process.env.CDK_VALIDATION = 'false';
  try {
    // WHEN the example runs
    jest.isolateModules(() => require('../../examples/quickstart'));
    // THEN its workflow's graph is written, with the audit edge the comment promises
    const graph = JSON.parse(fs.readFileSync(path.join(outdir, 'tributary', 'daily_orders', 'graph.json'), 'utf-8'));
    expect(graph.edges).toContainEqual({ from: 'orders_quality', kind: 'audit', to: 'load_orders' });
  } finally {
    process.env.CDK_OUTDIR = saved.out;
    process.env.CDK_VALIDATION = saved.validation;
    if (saved.out === undefined) delete process.env.CDK_OUTDIR;
    if (saved.validation === undefined) delete process.env.CDK_VALIDATION;
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});
