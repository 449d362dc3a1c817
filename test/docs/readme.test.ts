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

test('the README error report is what Tributary prints for those two mistakes in the quickstart', () => {
  // GIVEN the quickstart with a full daily read of the 12 TiB table and a misspelt merge key
  const source = fs.readFileSync(path.join(ROOT, 'examples', 'quickstart.ts'), 'utf-8')
    .replace("IngestMode.incremental({ cursorColumn: 'updated_at' })", 'IngestMode.fullTable()')
    .replace("WriteMode.merge(['order_id'])", "WriteMode.merge(['order_key'])")
    .replace(/^app\.synth\(\);.*$/m, '')
    .replace("from '../lib'", `from ${JSON.stringify(path.join(ROOT, 'lib'))}`)
    .replace("from 'aws-cdk-lib/core'", `from ${JSON.stringify(require.resolve('aws-cdk-lib/core'))}`);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-readme-')), 'quickstart-with-errors.ts');
  fs.writeFileSync(file, source);
  let report = '';
  try {
    // WHEN it is validated
    jest.isolateModules(() => {
      const { Testing } = require('../../lib');
      const { workflow } = require(file);
      report = Testing.diagnostics(workflow).map((d: { message: string; fix: string }) => `  ${d.message}\n  fix: ${d.fix}`).join('\n');
    });
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }

  // THEN every message and fix the README shows is the real one, and there is no other
  const shown = readme.slice(readme.indexOf('Tributary found 2 errors'));
  const lines = report.split('\n');
  expect(lines).toHaveLength(4);
  for (const line of lines) expect(shown).toContain(line);
});
